"""Term lists compiled once into spaCy PhraseMatchers, one per locale and match mode.

``lemma`` matches any inflection (``guarantee`` finds *guaranteed*), ``exact`` matches
the written form ignoring case; both match whole tokens, so English matches are
whole words and Chinese matches follow jieba's word boundaries. Matching costs one
pass over a doc's tokens whatever the number of terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from .pipeline import Pipelines, base_locale

if TYPE_CHECKING:
    from spacy.tokens import Doc


_ID = "term"


@dataclass(frozen=True)
class TermMatch:
    """Entry ``key`` matched normalised characters ``[start, end)`` of a doc."""

    key: int
    start: int
    end: int


class _Compiled(NamedTuple):
    """A PhraseMatcher over one token attribute, and the keys of the terms each
    matched word sequence (of that attribute's values) is."""

    matcher: Any
    attr: int
    keys: dict[tuple[int, ...], tuple[int, ...]]


class TermMatcher:
    """Finds many terms in a doc in one pass. ``terms`` is ``(key, text, mode)`` with
    ``mode`` in ``lemma | exact``; several entries may share a key."""

    def __init__(self, pipelines: Pipelines, terms: Sequence[tuple[int, str, str]]) -> None:
        self._pipelines = pipelines
        self._terms = [(key, text, mode) for key, text, mode in terms if text.strip()]
        self._matchers: dict[str, list[_Compiled]] = {}

    def __bool__(self) -> bool:
        return bool(self._terms)

    def _compile(self, locale: str) -> list[_Compiled]:
        from spacy.attrs import IDS
        from spacy.matcher import PhraseMatcher

        from .normalize import normalize

        nlp = self._pipelines.get(locale)
        compiled = []
        for mode in ("lemma", "exact"):
            entries = [(key, text) for key, text, m in self._terms if m == mode]
            if not entries:
                continue
            attr = self._pipelines.lemma_attr(locale) if mode == "lemma" else "LOWER"
            texts = [normalize(text)[0] for _, text in entries]
            docs = (  # the tokenizer alone sets what the matcher compares, but LEMMA
                self._pipelines.pipe(texts, locale, sentences=False)
                if attr == "LEMMA"
                else map(nlp.make_doc, texts)
            )
            keys: dict[tuple[int, ...], list[int]] = {}
            for (key, _), doc in zip(entries, docs, strict=True):
                if len(doc):
                    keys.setdefault(tuple(doc.to_array(IDS[attr]).tolist()), []).append(key)
            # One match id for every term: PhraseMatcher makes a word of each id it is
            # given, and the matched words say which terms they are.
            matcher = PhraseMatcher(nlp.vocab, attr=attr)
            matcher.add(_ID, list(keys))
            compiled.append(_Compiled(matcher, IDS[attr], {k: tuple(v) for k, v in keys.items()}))
        return compiled

    def find(self, doc: Doc, locale: str) -> list[TermMatch]:
        """Matches in ``doc`` (which came from the ``locale`` pipeline), longest first
        among overlapping matches of the same key, ordered by position."""
        matchers = self._matchers.get(locale)
        if matchers is None:
            matchers = self._matchers[locale] = self._for(base_locale(locale))
        found: set[TermMatch] = set()
        for matcher, attr, keys in matchers:
            spans = matcher(doc)
            if not spans:
                continue
            words = doc.to_array(attr).tolist()
            for _, start, end in spans:
                last = doc[end - 1]  # a token's offsets cost less than a Span's
                span = (doc[start].idx, last.idx + len(last))
                found.update(TermMatch(key, *span) for key in keys[tuple(words[start:end])])
        if len(found) < 2:
            return list(found)
        return sorted(found, key=lambda m: (m.start, -m.end, m.key))

    def _for(self, base: str) -> list[_Compiled]:
        """The matchers of base locale ``base``, compiled on first use; ``find`` also
        files them under each locale it is called with, sparing the mapping."""
        matchers = self._matchers.get(base)
        if matchers is None:
            matchers = self._matchers[base] = self._compile(base)
        return matchers


def drop_contained(matches: list[TermMatch], keep: set[int] | None = None) -> list[TermMatch]:
    """Remove matches that lie inside a longer match (longest match wins), keeping
    only matches whose key is in ``keep`` when given."""
    if not matches:  # most fields: no loop to set up
        return []
    out: list[TermMatch] = []
    for m in matches:
        if any(
            o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for o in matches
        ):
            continue
        if keep is None or m.key in keep:
            out.append(m)
    return out
