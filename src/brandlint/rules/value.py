"""Value-proposition rules: ``pillar-coverage`` and ``tagline``.

:class:`PillarScorer` decides which pillars a draft supports. It is built once per
run and per pipelines (:func:`pillar_scorer`), and memoises its answer per draft in
``ctx.memo``, so the ``pillar-coverage`` rule and the engine (which reports each
draft's ``pillars``) compute it once.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Severity
from ..framework.model import Framework, Pillar
from ..nlp.lazy_spacy import import_spacy
from ..nlp.pipeline import Pipelines, base_locale
from ..nlp.terms import TermMatcher
from .base import DraftContext, Example, Hit, Rule

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LEMMA_ALPHA = ["LEMMA", "IS_ALPHA"]
MEMO = "value.pillars"  # ctx.memo key: tuple[PillarScore, ...] of the draft
FUZZY_MIN_LEN = 5  # shorter words only ever match exactly


def fuzzy_distance(word: str) -> int:
    """Edits a misspelt word of this length may differ by: none below
    :data:`FUZZY_MIN_LEN` letters, one up to 7, two from 8."""
    n = len(word)
    return 0 if n < FUZZY_MIN_LEN else 1 if n < 8 else 2


NEAR = {"en": 12, "zh": 24}  # two message words count together within this many tokens / chars


@dataclass(frozen=True)
class PillarScore:
    """The evidence for one pillar in one draft: matched keywords, the distinct
    content words of the pillar's message found (by lemma, or a near spelling), and
    whether that is support: a keyword, or enough message words close together."""

    pillar: str
    keywords: tuple[str, ...]
    words: tuple[str, ...]
    supported: bool


def _together(hits: list[tuple[int, int, str]], needed: int, span: int) -> bool:
    """Whether ``needed`` (1 or 2) distinct words occur within ``span`` positions of
    each other but not side by side: ``(start, end, word)`` hits; words that touch
    form one phrase (*customer service*, 营销活动), which is one piece of evidence."""
    if needed < 2:
        return needed == 1 and bool(hits)
    hits.sort()
    for i, (start, end, word) in enumerate(hits):
        for other_start, _, other in hits[i + 1 :]:
            if other_start - start > span:
                break
            if other != word and other_start > end:
                return True
    return False


@dataclass
class _Vocab:
    """One locale's compiled evidence: lemma -> ``(pillar, word, is_keyword)``."""

    index: dict[str, list[tuple[int, str, bool]]]
    needed: tuple[int, ...]  # per pillar
    pattern: re.Pattern[str] | None  # zh: every word, found anywhere in the text
    fuzzy: dict[str, str | None]  # misspelt form -> lemma of the vocabulary (cache)
    by_id: dict[int, list[tuple[int, str, bool]]] = field(default_factory=dict)
    """``index`` by the lemmas' string ids (filled by :meth:`PillarScorer._compile`)"""
    seen: dict[int, list[tuple[int, str, bool]] | None] = field(default_factory=dict)
    """Entries of other alphabetic lemmas (by string id): those of a near spelling, or
    None (cache)"""


class PillarScorer:
    """Scores drafts against every pillar in one pass over their tokens.

    Evidence for a pillar is a ``keyword`` (lemma-matched phrase) or, without one,
    at least two distinct content words of its ``message`` (all of them when it has
    fewer) within :data:`NEAR` tokens (Chinese: characters) but not side by side
    (touching words are one phrase: *customer service*). Content words leave
    out stop words, numbers and the brand's own names.
    English compares lemmas, so inflections match (*launched* -> *launch*); a word
    that is not an English word and has at least five letters also matches a
    vocabulary lemma within one edit (two from eight letters), so *campains* reads
    *campaign* but *lunch* never reads *launch*. Chinese compares words anywhere in
    the text (jieba may cut a sentence otherwise than the pillar).
    """

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        self.pillars: tuple[Pillar, ...] = framework.value_proposition.pillars
        self.pipelines = pipelines
        self._keywords = [(i, kw) for i, p in enumerate(self.pillars) for kw in p.keywords]
        self.keywords = TermMatcher(
            pipelines,
            [
                (k, form, "lemma")
                for k, (_, kw) in enumerate(self._keywords)
                for form in dict.fromkeys((kw, kw.replace("-", " "), kw.replace("-", "")))
            ],
        )
        self.own_words = {w.lower() for name in framework.brand.names for w in name.split()}
        self._vocab: dict[str, _Vocab] = {}

    def scores(self, ctx: DraftContext) -> tuple[PillarScore, ...]:
        """Every pillar's evidence in the draft, in framework order (memoised)."""
        found = ctx.memo.get(MEMO)
        if found is None:
            found = ctx.memo[MEMO] = self._score(ctx)
        return found

    def supported(self, ctx: DraftContext) -> tuple[str, ...]:
        """Ids of the pillars the draft supports, in framework order."""
        return tuple(s.pillar for s in self.scores(ctx) if s.supported)

    def _score(self, ctx: DraftContext) -> tuple[PillarScore, ...]:
        locale = base_locale(ctx.locale)
        vocab = self._vocab.get(locale)
        if vocab is None:
            vocab = self._vocab[locale] = self._compile(locale)
        keywords: list[dict[str, None]] = [{} for _ in self.pillars]
        words: list[list[tuple[int, int, str]]] = [[] for _ in self.pillars]  # start, end, word
        base = 0  # positions run on across fields: short ad fields read as one text
        for ft in ctx.fields:
            if ft.doc is None:
                continue
            for m in self.keywords.find(ft.doc, ctx.locale):
                if not ft.in_skip(m.start, m.end) and not _compound_head(ft.text, m.start):
                    pillar, keyword = self._keywords[m.key]
                    keywords[pillar][keyword] = None
            for start, end, position, after, entries in self._words(ft.doc, ft.text, vocab):
                if ft.in_skip(start, end) or _compound_head(ft.text, start):
                    continue
                for pillar, word, is_keyword in entries:
                    if is_keyword:
                        keywords[pillar][word] = None
                    else:
                        words[pillar].append((base + position, base + after, word))
            base += len(ft.text) if vocab.pattern is not None else len(ft.doc)
        span = NEAR[locale]
        return tuple(
            PillarScore(
                p.id,
                tuple(keywords[i]),
                tuple(dict.fromkeys(w for *_, w in sorted(words[i]))),
                bool(keywords[i]) or _together(words[i], vocab.needed[i], span),
            )
            for i, p in enumerate(self.pillars)
        )

    def _words(
        self, doc: Doc, text: str, vocab: _Vocab
    ) -> Iterator[tuple[int, int, int, int, list[tuple[int, str, bool]]]]:
        """``(start, end, position, after, entries)`` for every vocabulary word in the
        text; ``position`` and ``after`` (the position just past the word, where a
        touching word starts) count tokens (English) or characters (Chinese)."""
        if vocab.pattern is not None:
            for m in vocab.pattern.finditer(text):
                entries = vocab.index.get(m.group(1).lower())
                if entries:
                    yield m.start(1), m.end(1), m.start(1), m.end(1), entries
            return
        # Lemma ids and alphabetic flags in one C call: a Token per token cost more
        # than the rest of the scoring.
        by_id, seen, strings = vocab.by_id, vocab.seen, doc.vocab.strings
        for i, (lemma_id, alpha) in enumerate(doc.to_array(_LEMMA_ALPHA).tolist()):
            entries = by_id.get(lemma_id)
            if entries is None:
                if not alpha:
                    continue
                if lemma_id in seen:
                    entries = seen[lemma_id]
                else:
                    entries = seen[lemma_id] = self._near_entries(strings[lemma_id], vocab)
            if entries:
                token = doc[i]
                yield token.idx, token.idx + len(token), i, i + 1, entries

    def _near_entries(self, lemma: str, vocab: _Vocab) -> list[tuple[int, str, bool]] | None:
        """The entries of the vocabulary word that ``lemma`` (not in it) is a near
        spelling of, if any."""
        if len(lemma) < FUZZY_MIN_LEN:
            return None
        near = vocab.fuzzy[lemma] if lemma in vocab.fuzzy else self._near(lemma, vocab)
        return vocab.index.get(near or "")

    def _near(self, word: str, vocab: _Vocab) -> str | None:
        """The vocabulary lemma a misspelt (non-English) ``word`` stands for, if any."""
        if word in vocab.fuzzy:
            return vocab.fuzzy[word]
        near = None
        if not self.pipelines.is_word(word):
            from rapidfuzz import process
            from rapidfuzz.distance import Levenshtein

            best = process.extractOne(
                word,
                [w for w in vocab.index if len(w) >= FUZZY_MIN_LEN],
                scorer=Levenshtein.distance,
                score_cutoff=fuzzy_distance(word),
            )
            if best is not None and best[1] <= fuzzy_distance(best[0]):
                near = best[0]
        vocab.fuzzy[word] = near
        return near

    def _compile(self, locale: str) -> _Vocab:
        from ..nlp.normalize import normalize

        nlp = self.pipelines.get(locale)
        stop = _stop_words(locale)
        index: dict[str, list[tuple[int, str, bool]]] = {}
        needed = []
        for i, pillar in enumerate(self.pillars):
            content: dict[str, None] = {}
            for token in nlp(normalize(pillar.message)[0]):
                lemma = token.lemma_.lower()
                if _is_content(token, lemma, locale, stop) and lemma not in self.own_words:
                    content[lemma] = None
            for lemma in content:
                index.setdefault(lemma, []).append((i, lemma, False))
            needed.append(min(2, len(content)))
            if locale == "zh":  # keywords: found as text, not as jieba's words
                for kw in pillar.keywords:
                    index.setdefault(kw.lower(), []).append((i, kw, True))
            else:  # one-word keywords: the TermMatcher finds them; near spellings here
                for kw in pillar.keywords:
                    lemmas = [t.lemma_.lower() for t in nlp(normalize(kw)[0])]
                    if len(lemmas) == 1 and len(lemmas[0]) >= FUZZY_MIN_LEN:
                        index.setdefault(lemmas[0], []).append((i, kw, True))
        pattern = None
        if locale == "zh" and index:
            alternatives = sorted(index, key=len, reverse=True)
            pattern = re.compile(
                "(?=(" + "|".join(_zh_word(w) for w in alternatives) + "))", re.IGNORECASE
            )
        by_id = {nlp.vocab.strings.add(lemma): entries for lemma, entries in index.items()}
        return _Vocab(index, tuple(needed), pattern, {}, by_id)


def _compound_head(text: str, start: int) -> bool:
    """Whether the word at ``start`` ends a hyphenated compound (*gluten-free* is not
    *free*)."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()


def _zh_word(word: str) -> str:
    """A regex for ``word`` in Chinese text: Latin words stay whole words."""
    escaped = re.escape(word)
    return rf"(?<![^\W_]){escaped}(?![^\W_])" if word.isascii() else escaped


def _stop_words(locale: str) -> frozenset[str]:
    import_spacy()
    if locale == "zh":
        from spacy.lang.zh.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def _is_content(token, lemma: str, locale: str, stop: frozenset[str]) -> bool:
    if token.is_punct or token.is_space or token.like_num or lemma in stop:
        return False
    if token.text.lower() in stop or not any(c.isalpha() for c in lemma):
        return False
    return len(lemma) >= 2 if locale == "zh" else len(lemma) >= 3


_SCORERS: weakref.WeakKeyDictionary[Pipelines, tuple[Framework, PillarScorer]] = (
    weakref.WeakKeyDictionary()
)


def pillar_scorer(framework: Framework, pipelines: Pipelines) -> PillarScorer | None:
    """The run's scorer (one per framework and pipelines), None without pillars."""
    if not framework.value_proposition.pillars:
        return None
    kept = _SCORERS.get(pipelines)
    if kept is None or kept[0] is not framework:
        kept = _SCORERS[pipelines] = (framework, PillarScorer(framework, pipelines))
    return kept[1]


class PillarCoverage(Rule):
    """A draft should support at least one pillar of the value proposition.

    The pillars (``value_proposition.pillars``) are the two to six messages every
    piece of copy exists to carry; a draft that supports none spends the reader's
    attention without saying why the brand matters. A draft supports a pillar when
    it contains one of the pillar's ``keywords`` (matched by lemma: *launched*
    counts for *launch*; a hyphenated keyword also matches spaced or joined, so
    *award winning* counts for *award-winning*) or at least two distinct content
    words of the pillar's ``message`` close together (within 12 words; Chinese: 24
    characters; all of them for a one-word message), in any inflection. Two words
    side by side are one phrase, so one piece of evidence: *customer service* is
    not *trusted by customers for reliable service*, 营销活动 alone is not a pillar
    about launching 营销活动 in minutes. Small
    misspellings still count: a word that is not an English word and is at least
    five letters long matches a pillar word within one edit (two from eight
    letters), so *campains* counts for *campaign*, while short words and real words
    (*lunch* is not *launch*) must match exactly. Stop words, numbers and the
    brand's own names never count, nor does the last word of a hyphenated compound
    (*gluten-free* says nothing about *free* offers), nor words in URLs or code. In
    Chinese, keywords and the words of the message are found anywhere in the text.

    The pillars each draft supports are listed in the JSON report (``drafts[].pillars``)
    and counted per channel in the coverage matrix (``coverage``), so a marketing lead
    sees which pillar a channel never mentions.

    Source: the message house — a core message held up by three to six claim-shaped
    pillars — research/channels-and-tools.md §A.3; every channel draft maps to at
    least one pillar — §C.5.
    """

    id = "pillar-coverage"
    needs_pillars = True
    severity = Severity.WARNING
    summary = "A draft that supports none of the value-proposition pillars."
    examples = (
        Example("Spring sale: 20% off everything this week.", True, "no pillar"),
        Example("Launched in minutes, on-brand everywhere.", False, "speed: launch, minute"),
        Example("Your campaigns went live fast: on brand, every time.", False, "message words"),
    )
    source = "research/channels-and-tools.md §A.3, §C.5"

    def __init__(self, scorer: PillarScorer) -> None:
        self.scorer = scorer

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        scorer = pillar_scorer(framework, pipelines)
        return cls(scorer) if scorer is not None else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        scores = self.scorer.scores(ctx)
        if not ctx.fields or any(s.supported for s in scores):
            return
        pillars = self.scorer.pillars
        names = ", ".join(p.id for p in pillars)
        closest = max(scores, key=lambda s: len(s.words))
        hint = ""
        if closest.words:
            found = ", ".join(f"'{w}'" for w in closest.words)
            apart = " not close together" if len(closest.words) > 1 else ""
            hint = f" Closest: {closest.pillar} (only {found}{apart})."
        yield Hit(
            f"The draft supports none of the value-proposition pillars ({names}).{hint}",
            suggestions=tuple(p.message for p in pillars[:3]),
        )


# -- tagline -------------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNIT = re.compile(rf"[{_HAN}]|[^\W_{_HAN}]+(?:['’][^\W_{_HAN}]+)*")
_STOPS = ".。"
_TRAIL = re.compile(r"[.,!?;:。，！？；：、…]*")  # punctuation that can end a tagline
_PAUSES = ",，、:："  # may follow a tagline that dropped its full stop
_SENTENCE_END = ".!?;:,。！？；：，、…"
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
TAGLINE_RATIO = 80  # rapidfuzz ratio a window with a changed word must reach


@dataclass(frozen=True)
class _Window:
    start: int
    end: int
    distance: int  # word (or Chinese character) edits from the tagline
    ratio: float
    exact: bool


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a unit of its own (a line, a sentence, a headline,
    a quotation): at a line start or after punctuation, and at a line end, before
    punctuation or ending in it. Inside a running sentence, the tagline's words are
    other copy (*a full service digital agency in Brisbane*)."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    opens = not before or before[-1] == "\n" or not before[-1].isalnum()
    closes = not after or after[0] in "\r\n" or not after[0].isalnum()
    return opens and (closes or text[end - 1] in _SENTENCE_END)


def _squash(text: str) -> str:
    """Whitespace runs as one space and typographic apostrophes as ``'``: neither is
    wording."""
    return " ".join(text.replace("’", "'").split())


class Tagline(Rule):
    """The tagline, verbatim wherever it appears, and present where a channel requires it.

    A tagline is the one line every channel repeats word for word: brand kits keep
    taglines and boilerplate verbatim and locked, and a variant (*one voice in every
    channel*) is a second tagline that readers never learn. Two checks:

    - **altered**: a passage that reads like the tagline but is not it — case or
      punctuation changed (*every channel one voice*), or one word changed or
      misspelt (*Every channel, one tone.*; a tagline of fewer than three words must
      keep all its words). A passage qualifies when its words differ from the
      tagline's by at most one word (Chinese: one character in taglines of four to
      seven characters, two from eight) and, when a word differs, rapidfuzz's ratio
      with the tagline is at least 80, over windows of about the tagline's length.
      Words may be added or dropped only inside the tagline: a passage that starts
      or ends otherwise (*channel, one voice*) is a fragment in other copy. An
      altered passage must stand alone — a line, a sentence, a headline or a
      quotation — because inside a running sentence the same words are ordinary
      copy (*a full service digital agency in Brisbane*, *you must do it*).
      The fix is the verbatim tagline (without its full stop where the passage has
      no final punctuation, as in a headline). It is *safe* only when the words are the
      tagline's own (only case or punctuation differ) and the passage is a whole line;
      a changed word, or a passage inside a sentence, is an unsafe fix (a
      suggestion): the near miss may be other, deliberate copy.
    - **missing**: a channel with ``require_tagline: true`` whose draft carries the
      tagline nowhere (and no altered form of it) is an error.

    The exact tagline never fires. Whitespace and typographic apostrophes are not
    wording, and a tagline ending in a full stop may drop it (in a headline, or
    followed by a comma), but not trade it for ``!`` or ``?``.

    Source: taglines verbatim and locked — research/channels-and-tools.md §A.3 (a
    brand-kit schema) and §C.5 (cross-channel consistency).
    """

    id = "tagline"
    severity = Severity.ERROR
    summary = "Tagline missing where a channel requires it, or altered (near-miss)."
    fixable = True
    examples = (
        Example("Every channel, one voice.", False, "tagline: Every channel, one voice."),
        Example("Every channel one voice!", True, "punctuation changed"),
        Example("Every channel, one tone.", True, "one word changed"),
        Example("每个渠道，一个声音。", False, "tagline: 每个渠道，一个声音。"),
        Example("每个渠道，一种声音。", True, "one character changed"),
    )
    source = "research/channels-and-tools.md §A.3, §C.5"

    def __init__(self, tagline: str) -> None:
        self.tagline = tagline
        self.squashed = _squash(tagline)
        self.bare = self.squashed.rstrip(_STOPS) if self.squashed[-1:] in _STOPS else None
        self.words = [m.group().casefold().replace("’", "'") for m in _UNIT.finditer(tagline)]
        self.word_set = frozenset(self.words)
        n = len(self.words)
        if re.search(f"[{_HAN}]", tagline):
            self.allowed = 0 if n < 4 else 1 if n < 8 else 2
        else:
            self.allowed = 0 if n < 3 else 1
        self.lead = re.match(r"[^\w\s]*", tagline).group()
        self.trail = re.search(r"[^\w\s]*$", tagline).group()

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        tagline = (framework.value_proposition.tagline or "").strip()
        return cls(tagline) if _UNIT.search(tagline) else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        seen = False
        for ft in ctx.fields:
            text = ft.field.text
            for window in self._windows(text, ft.field.skip):
                seen = True
                if not window.exact:
                    yield self._altered(ft.name, text, window)
        if not seen and ctx.channel is not None and ctx.channel.require_tagline:
            yield Hit(
                f"The tagline '{self.tagline}' is missing: channel "
                f"{ctx.channel.name} requires it in every draft.",
                suggestions=(self.tagline,),
            )

    def _altered(self, field: str, text: str, w: _Window) -> Hit:
        written = text[w.start : w.end]
        line_start = text.rfind("\n", 0, w.start) + 1
        line_end = text.find("\n", w.end)
        line = text[line_start : len(text) if line_end == -1 else line_end]
        whole_line = line.strip() == written
        what = "case or punctuation" if w.distance == 0 else "wording"
        ends = written.rstrip()[-1:]
        bare = self.bare is not None and not (ends and _TRAIL.fullmatch(ends))
        return Hit(
            f"'{written}' is an altered tagline ({what} differs): write it verbatim as "
            f"'{self.tagline}'.",
            field=field,
            start=w.start,
            end=w.end,
            suggestions=(self.tagline,),
            replacement=self.bare if bare else self.tagline,  # keep a headline without "."
            safe=w.distance == 0 and whole_line,
        )

    def _windows(self, text: str, skip: tuple[tuple[int, int], ...]) -> list[_Window]:
        """Exact taglines and altered ones in ``text``, not overlapping, in order."""
        if not self._may_hold(text):
            return []
        units = [
            (m.start(), m.end(), m.group().casefold().replace("’", "'"))
            for m in _UNIT.finditer(text)
        ]
        n, k = len(self.words), self.allowed
        if sum(u[2] in self.word_set for u in units) < n - k:
            return []
        from rapidfuzz.distance import Levenshtein

        hits = [0]
        for u in units:
            hits.append(hits[-1] + (u[2] in self.word_set))
        found: list[_Window] = []
        for size in range(max(1, n - k), n + k + 1):
            for i in range(len(units) - size + 1):
                if hits[i + size] - hits[i] < n - k:
                    continue
                words = [u[2] for u in units[i : i + size]]
                if size != n and (words[0] != self.words[0] or words[-1] != self.words[-1]):
                    continue  # words added or dropped only inside: an edge is other copy
                distance = Levenshtein.distance(words, self.words, score_cutoff=k)
                if distance > k:
                    continue
                start, end = units[i][0], units[i + size - 1][1]
                if _PARAGRAPH.search(text, start, end):
                    continue  # never across paragraphs
                window = self._window(text, start, end, distance)
                if window is None or any(s < window.end and window.start < e for s, e in skip):
                    continue
                if window.exact or _stands_alone(text, window.start, window.end):
                    found.append(window)
        found.sort(key=lambda w: (not w.exact, w.distance, -w.ratio, w.start))
        kept: list[_Window] = []
        for w in found:
            if not any(o.start < w.end and w.start < o.end for o in kept):
                kept.append(w)
        return sorted(kept, key=lambda w: w.start)

    def _may_hold(self, text: str) -> bool:
        """False when ``text`` cannot hold enough of the tagline's words for a window,
        found by counting them as substrings of the folded text (at least as many as
        the words the window search would find) instead of splitting it into words."""
        folded = text.casefold().replace("’", "'")
        return sum(folded.count(w) for w in self.word_set) >= len(self.words) - self.allowed

    def _window(self, text: str, start: int, end: int, distance: int) -> _Window | None:
        from rapidfuzz import fuzz

        lead = re.search(r"[^\w\s]*$", text[:start]).group() if self.lead else ""
        trail = _TRAIL.match(text, end).group() if self.trail else ""
        bare = self.bare is not None and _squash(text[start:end]) == self.bare
        if bare and (not trail or trail[0] in _PAUSES):
            return _Window(start, end, 0, 100.0, True)
        start, end = start - len(lead), end + len(trail)
        written = _squash(text[start:end])
        if written == self.squashed:
            return _Window(start, end, 0, 100.0, True)
        ratio = fuzz.ratio(written, self.squashed)
        if distance and ratio < TAGLINE_RATIO:
            return None
        return _Window(start, end, distance, ratio, False)
