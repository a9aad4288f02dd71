"""The NLP layer: normalisation, per-locale spaCy pipelines, term matching, counting."""
