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
    from spacy.lookups import load_lookups

    lookups = load_lookups("en", ["lemma_index", "lemma_lookup"])
    words: set[str] = set(STOP_WORDS)
    index = lookups.get_table("lemma_index")
    for key in index:
        words.update(w for w in index[key] if "_" not in w)
    table = lookups.get_table("lemma_lookup")
    words.update(table.values())
    return frozenset(words)
