"""English syllable counts without a dictionary, for the Flesch-Kincaid grade.

The count starts from the runs of vowel letters (``y`` is a vowel unless a vowel
follows it, ``u`` after ``q`` is not) and applies the usual exceptions:

- a silent final ``e`` (*make*, *place*) takes one off, but not a syllabic ``-le``
  or ``-re`` after a consonant (*table*, *centre*);
- ``-es`` and ``-ed`` after a consonant are silent (*makes*, *jumped*) except after
  the sounds that need a vowel (*boxes*, *places*, *wanted*, *needed*, *handled*);
- vowel pairs that are two syllables add one: *ia* (*trial*, not *social*), *io*
  (*lion*, *radio*, not *nation*), *iu* (*premium*), *eo* (*video*, not
  *gorgeous*), *oe* (*poet*), *ua* (*usual*, not *quality*), *uo* (*duo*), *ie* before *n*/*t*
  (*client*, *quiet*), comparative *-ier*/*-iest*, *-ing* after a vowel (*going*),
  *-ism* (*tourism*), *-eum* (*museum*), and *crea-*, *rea-l*, *idea*, *area*;
- a silent-e stem keeps its count before ``-ly``, ``-ment``, ``-ness``, ``-less``,
  ``-ful``, ``-some`` (*lovely*, *statement*) and compounds of *some-*, *any-*,
  *every-*, *no-* count their parts (*someone*, *everything*);
- a short table holds the words no rule gets right (*business*, *people*).

Accuracy is checked against a table of words with known counts in the tests.
"""

from __future__ import annotations

import functools
import re

_LETTERS = re.compile(r"[a-z]+")
_VOWELS = frozenset("aeiou")
_IATE = re.compile(r"iat(?:e|es|ed|ing)$")

_EXCEPTIONS = {
    "business": 2, "businesses": 3, "people": 2, "peoples": 2,
    "behavior": 3, "behaviour": 3, "savior": 2, "saviour": 2, "recipe": 3,
    "recipes": 3, "cafe": 2, "karate": 3,
    "simile": 3, "acne": 2, "apostrophe": 4, "catastrophe": 4, "coyote": 3,
    "giant": 2, "giants": 2, "lion": 2, "lions": 2, "premier": 2, "frontier": 2,
    "cashier": 2, "pier": 1, "tier": 1, "soldier": 2, "fire": 1, "hire": 1,
    "wednesday": 2, "chocolate": 3, "evening": 2, "every": 2, "different": 3,
    "interest": 3, "interested": 4, "camera": 3, "several": 3, "general": 3,
    "favorite": 3, "favourite": 3, "naive": 2, "idea": 3, "ideas": 3, "area": 3,
    "areas": 3,
}  # fmt: skip
_COMPOUND_HEADS = ("some", "any", "every", "no")
_COMPOUND_TAILS = frozenset(
    ("one", "thing", "things", "where", "body", "how", "time", "times", "what", "day", "days")
)
_E_STEM_SUFFIXES = ("ments", "ment", "ness", "less", "fully", "ful", "some", "ly")
_DOUBLE_PREFIXES = ("creat", "react", "reali", "ideal", "theat", "scien")


@functools.lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Syllables in an English word (apostrophes and hyphens allowed); at least 1.
    Cached per distinct word: copy repeats its words."""
    parts = _LETTERS.findall(word.lower().replace("'", "").replace("’", ""))
    return max(1, sum(_count(p) for p in parts))


@functools.lru_cache(maxsize=65536)
def _count(w: str) -> int:
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 2:
        return 1
    for head in _COMPOUND_HEADS:
        if w.startswith(head) and w[len(head) :] in _COMPOUND_TAILS:
            return _count(head) + _count(w[len(head) :])
    for suffix in _E_STEM_SUFFIXES:
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) >= 3 and stem.endswith("e"):
            return _count(stem) + (2 if suffix == "fully" else 1)
    vowel = _vowel_mask(w)
    groups = sum(1 for i, v in enumerate(vowel) if v and (i == 0 or not vowel[i - 1]))
    if groups == 0:
        return 1
    count = groups - _silent(w, vowel, groups) + _splits(w)
    return max(1, count)


def _vowel_mask(w: str) -> list[bool]:
    n = len(w)
    mask = []
    for i, c in enumerate(w):
        if c == "y":  # a consonant before a vowel (yes, player), not in a final "ye"
            mask.append(not (i + 1 < n and w[i + 1] in _VOWELS) or (i + 2 == n and w[-1] == "e"))
        elif c == "u" and i > 0 and w[i - 1] == "q":
            mask.append(False)
        else:
            mask.append(c in _VOWELS)
    return mask


def _silent(w: str, vowel: list[bool], groups: int) -> int:
    """1 when the word ends in a silent ``e``, ``-es`` or ``-ed``; else 0."""
    if groups < 2:
        return 0
    n = len(w)
    if w.endswith("e") and not vowel[n - 2]:
        if w.endswith(("le", "re")) and n >= 3 and not vowel[n - 3]:
            return 0  # table, centre
        return 1
    if w.endswith(("es", "ed")) and n >= 4 and not vowel[n - 3]:
        before = w[n - 3]
        if w.endswith("ed") and before in "td":
            return 0  # wanted, needed
        if w.endswith("es") and (before in "sxzcg" or w.endswith(("ches", "shes"))):
            return 0  # houses, boxes, places, pages, matches
        if w[n - 3] == "l" and n >= 5 and not vowel[n - 4]:
            return 0  # tables, handled
        return 1
    return 0


def _splits(w: str) -> int:
    """Vowel pairs that are read as two syllables, and endings that add one."""
    n = len(w)
    extra = sum(1 for i in range(n - 1) if _two_syllables(w, i))
    if w.endswith("ing") and n > 4 and w[-4] in _VOWELS:
        extra += 1  # going, being
    if w.endswith("ism"):
        extra += 1
    if w.startswith(_DOUBLE_PREFIXES):
        extra += 1
    return extra


def _two_syllables(w: str, i: int) -> bool:
    """Whether the letters ``w[i:i+2]`` are two vowels read as two syllables."""
    pair = w[i : i + 2]
    before = w[i - 1] if i else ""
    after = w[i + 2 : i + 4]
    if pair == "ia":  # trial, appreciate (not social, marriage)
        return (before not in ("c", "t", "s", "g", "q") and after != "ge") or bool(_IATE.search(w))
    if pair == "io":  # lion, radio (not nation, million, onion)
        return before not in ("t", "s", "c", "x", "g", "n", "q") and w[max(0, i - 2) : i] != "ll"
    if pair == "iu":  # premium
        return True
    if pair == "uo":  # duo (not quote)
        return before != "q"
    if pair == "eo":  # video (not gorgeous)
        return not (after.startswith("u") and before in ("g", "c"))
    if pair == "ua":  # usual (not quality, language)
        return before not in ("q", "g")
    if pair == "ie":
        if after[:1] == "t":  # quiet, society
            return before != "q"
        if before in ("t", "c", "q"):  # patient, efficient
            return False
        if after[:1] == "n":  # client (not friend)
            return after[1:2] != "d"
        # comparatives at the end of a longer word: easier, happiest
        return (after == "r" or after.startswith("st")) and i + 2 + len(after) == len(w) > 5
    if pair == "ue":  # fluent, cruel (not question, guest)
        return before not in ("q", "g") and after[:1] in ("n", "l", "t")
    if pair == "oe":  # poet, poem
        return after[:1] in ("t", "m")
    return pair == "eu" and after == "m" and i + 3 == len(w)  # museum
