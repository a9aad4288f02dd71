"""Word lists shipped as data files in ``brandlint/lexicons/`` and the English word
list the tone rules consult; each is read once per process.

A lexicon file holds one entry per line; ``#`` starts a comment.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def lexicon(name: str) -> tuple[str, ...]:
    """The entries of ``lexicons/<name>.txt``, in file order."""
    text = resources.files("brandlint").joinpath("lexicons", f"{name}.txt").read_text("utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(e for e in entries if e)


@functools.cache
def english_words() -> frozenset[str]:
    """Lowercase English base forms: WordNet's (``spacy-lookups-data`` ``lemma_index``),
    the lemmas of the lookup table and spaCy's English stop words (the closed-class
    words WordNet leaves out: *now*, *off*, *we*). Look up a word by its lemma."""
    from .lazy_spacy import import_spacy

    import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    from .pipeline import lemma_forms, lookups_table

    words: set[str] = set(STOP_WORDS)
    for forms in lookups_table("en_lemma_index").values():  # per part of speech
        words.update(w for w in forms if "_" not in w)
    words.update(lemma_forms())
    return frozenset(words)
