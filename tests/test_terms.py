"""TermMatcher: many terms, one pass, each match reported for every entry it is."""

from __future__ import annotations

from brandlint.nlp.pipeline import Pipelines
from brandlint.nlp.terms import TermMatch, TermMatcher

TEXT = "We guaranteed a World-Class launch."


def _find(terms: list[tuple[int, str, str]], text: str = TEXT) -> list[TermMatch]:
    pipelines = Pipelines()
    return TermMatcher(pipelines, terms).find(pipelines.get("en")(text), "en")


def test_lemma_and_exact_terms_match_whole_words():
    found = _find(
        [(0, "guarantee", "lemma"), (1, "world-class", "exact"), (2, "launches", "exact")]
    )
    assert found == [TermMatch(0, 3, 13), TermMatch(1, 16, 27)]


def test_entries_with_the_same_words_each_get_the_match():
    found = _find(
        [(0, "guarantee", "lemma"), (1, "Guarantees", "lemma"), (2, "world class", "lemma")]
    )
    assert found == [TermMatch(0, 3, 13), TermMatch(1, 3, 13)]


def test_overlapping_terms_are_all_found_longest_first():
    found = _find([(0, "world", "exact"), (1, "World-Class launch", "lemma")])
    assert found == [TermMatch(1, 16, 34), TermMatch(0, 16, 21)]


def test_terms_that_tokenise_to_nothing_never_match():
    assert _find([(0, "   ", "lemma"), (1, "", "exact")]) == []
    assert not TermMatcher(Pipelines(), [(0, " ", "lemma")])
