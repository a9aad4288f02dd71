"""Tone rules that count things in a draft against the framework's ``tone`` budget:
exclamation marks, ALL-CAPS words, emoji and reader focus. The budget is the draft's
channel tone (``channels.<name>.tone`` merged over ``tone``), so an SMS channel can
allow fewer than a blog.

Budgets are per draft, across all its fields. A rule flags what goes *beyond* the
budget: with ``max_exclamations: 1``, the second mark and every later one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..findings import Severity
from ..framework.model import Framework
from ..nlp.counting import emoji_spans
from ..nlp.lexicons import english_words, lexicon
from ..nlp.pipeline import Pipelines
from ..nlp.tokens import attr_ids, string_ids
from .base import DraftContext, Example, FieldText, Hit, Rule


def name_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the framework's own names occur in ``text`` (any case, whole words)."""
    if not names:
        return []
    pattern = _names_re(names)
    return [m.span() for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=8)
def _names_re(names: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])", re.IGNORECASE)


def framework_names(framework: Framework) -> tuple[str, ...]:
    """The brand's names, products, known misspellings and competitors."""
    brand = framework.brand
    return tuple(n for n in (*brand.names, *brand.misspellings, *brand.competitors) if n)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def over_budget(
    units: list[tuple[str, int, int, int]], budget: int
) -> Iterator[tuple[str, int, int, int]]:
    """The ``(field, start, end, count)`` units that take the running count past
    ``budget``; the unit that crosses it included."""
    total = 0
    for unit in units:
        total += unit[3]
        if total > budget:
            yield unit


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Exclamation(Rule):
    """Exclamation marks beyond the tone's ``max_exclamations`` per draft.

    Exclamation marks read as shouting once there are several, and a confident voice
    rarely needs them; some channels refuse them outright (Google Ads disallows
    attention-grabbing punctuation such as ``!`` in structured snippets; sources in
    the project's research notes, channels-and-tools.md §B). Both ``!`` and the
    full-width ``！`` of Chinese text count; a run such as ``!!!`` counts each mark.
    Marks inside URLs, code and merge tags, and in the brand's own names (*Yahoo!*),
    do not count. The finding sits on the first run of marks past the budget, and on
    every later one.
    """

    id = "tone-exclamation"
    severity = Severity.WARNING
    summary = "More `!`/`！` in a draft than the tone's `max_exclamations`."
    needs_doc = False
    examples = (
        Example("Big news! Our spring sale starts today!", True, "max_exclamations: 1"),
        Example("春季大促今天开始！快来！", True, "full-width marks count too"),
        Example("Big news: our spring sale starts today!", False, "one mark is within budget"),
    )

    _MARKS = re.compile(r"[!！]+")

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework_names(framework))

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        budget = ctx.tone.max_exclamations
        if budget is None:
            return
        units = []
        for ft in ctx.fields:
            text = ft.field.text
            if "!" not in text and "！" not in text:
                continue
            names = name_spans(text, self.names)
            for m in self._MARKS.finditer(text):
                start, end = m.span()
                if _in_field_skip(ft, start, end) or overlaps(start, end, names):
                    continue
                units.append((ft.name, start, end, end - start))
        total = sum(u[3] for u in units)
        for name, start, end, _ in over_budget(units, budget):
            yield Hit(
                f"{_plural(total, 'exclamation mark')} in this draft; the tone allows {budget}.",
                name,
                start,
                end,
            )


class Emoji(Rule):
    """Emoji beyond the tone's ``max_emoji`` per draft.

    Emoji are part of a channel's register: welcome in a social post, out of place in
    a bank's SMS, and refused by some ad formats (TikTok image-ad descriptions allow
    none; channels-and-tools.md §B of the research notes), so the budget is usually
    set per channel
    (``channels.<name>.tone.max_emoji``). An emoji is counted as the reader sees it:
    a ZWJ sequence (👩‍💻), a flag (🇯🇵), a keycap (1️⃣) or a skin-toned emoji (👍🏽)
    is one. Symbols that are text by default (©, ™, ↔) count only when written with
    the emoji presentation selector.
    """

    id = "tone-emoji"
    severity = Severity.WARNING
    summary = "More emoji in a draft than the tone's `max_emoji` (often set per channel)."
    needs_doc = False
    examples = (
        Example("Spring sale 🌸 starts today 🎉", True, "max_emoji: 1"),
        Example("春季大促🌸今天开始🎉", True, "Chinese text too"),
        Example("Spring sale 🌸 starts today.", False, "one emoji is within budget"),
        Example("Acme™ Cloud © 2026", False, "™ and © are text symbols, not emoji"),
    )

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        budget = ctx.tone.max_emoji
        if budget is None:
            return
        units = [
            (ft.name, start, end, 1)
            for ft in ctx.fields
            for start, end in emoji_spans(ft.field.text)
            if not _in_field_skip(ft, start, end)
        ]
        for name, start, end, _ in over_budget(units, budget):
            yield Hit(
                f"{len(units)} emoji in this draft; the tone allows {budget}.",
                name,
                start,
                end,
            )


def _in_field_skip(ft: FieldText, start: int, end: int) -> bool:
    """Whether field-text ``[start, end)`` overlaps a non-prose range (URL, code)."""
    return any(start < e and s < end for s, e in ft.field.skip)


# --- ALL-CAPS ---------------------------------------------------------------------

_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_TWO_CAPS = re.compile(r"[A-Z]{2}")
_RUN_GAP = re.compile(r"[\s\-–—'’&/+,:]*")
# A keyword the reader is asked to text back ("Reply STOP", "txt HELP to 80082", "send
# YES or NO"): what the reader types, written in capitals on purpose.
_KEYWORD_BEFORE = re.compile(
    r"(?i:\b(?:send|text|txt|reply|sms)(?:\s+(?:with|back))?(?:\s+(?:the\s+)?word)?\s*:?\s*[\"'“‘]?"
    r"|\b(?:send|text|txt|reply)\s+(?-i:[A-Z]+)\s+(?:or|and)\s+)$"
)
_KEYWORD_AFTER = re.compile(r"[\"'”’]?\s+(?:to|2)\s+\+?\d{4,}")


@functools.cache
def _acronyms() -> tuple[frozenset[str], frozenset[str]]:
    """Known acronyms: those always exempt, and those that are also English words
    (``US?``: exempt alone, shouting inside a run of shouted words)."""
    always, ambiguous = set(), set()
    for entry in lexicon("acronyms-en"):
        if entry.endswith("?"):
            ambiguous.add(entry[:-1])
        else:
            always.add(entry)
    return frozenset(always), frozenset(ambiguous)


class Caps(Rule):
    """ALL-CAPS words beyond the tone's ``max_caps_words`` per draft.

    Capitals read as shouting, and a run of them is harder to read than mixed case.
    Acronyms are not shouting, so these never count: the known acronyms of
    ``lexicons/acronyms-en.txt`` (FAQ, CEO, NASA, SMS…), ALL-CAPS words that are not
    English words at all (CRM, HVAC, TXT are taken to be acronyms), the framework's
    own names (brand, products, competitors), words with a digit (4K, MP3), single
    letters, roman numerals (II, XIV), and URLs, e-mail addresses and merge tags. A
    few acronyms are also English words (US, IT), and so is any two-letter word in
    capitals (CA, TX, OH): alone they are abbreviations ("made in the US", "Austin,
    TX"), inside a run of shouted words they shout ("CALL US NOW"). A keyword the
    reader is asked to text (*Reply STOP*, *txt HELP to 80082*) is what the reader
    types, not shouting.

    Consecutive shouted words are one finding ("CALL NOW" is one run of two words).
    """

    id = "tone-caps"
    severity = Severity.WARNING
    summary = "ALL-CAPS words beyond the tone's `max_caps_words` (acronyms and names exempt)."
    examples = (
        Example("Our BIGGEST sale ever. CALL US NOW.", True, "max_caps_words: 0"),
        Example("Ask our CEO about the FAQ and GDPR.", False, "known acronyms"),
        Example("Sync your CRM over HTTPS in the US.", False, "not words / acronyms"),
        Example("限时抢购，FREE 送货", True, "Latin capitals in Chinese text count too"),
    )

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.name_words = frozenset(w.lower() for n in names for w in re.findall(r"\w+", n))

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework_names(framework))

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        budget = ctx.tone.max_caps_words
        if budget is None:
            return
        units = []
        for ft in ctx.fields:
            if ft.doc is not None and _TWO_CAPS.search(ft.text):
                units += self._runs(ft)
        total = sum(u[3] for u in units)
        for name, start, end, _ in over_budget(units, budget):
            ft = next(f for f in ctx.fields if f.name == name)
            shown = ft.field.text[start:end]
            yield Hit(
                f"'{shown}' is in capitals: {_plural(total, 'ALL-CAPS word')} in this draft;"
                f" the tone allows {budget}.",
                name,
                start,
                end,
                suggestions=(_calm(shown, ft.field.text, start),),
            )

    def _runs(self, ft: FieldText) -> list[tuple[str, int, int, int]]:
        """``(field, start, end, words)`` of each run of shouted words, field offsets."""
        runs: list[list[tuple[int, int, bool]]] = []  # (start, end, ambiguous) per word
        last_end = -1
        text = ft.text
        doc = ft.doc
        for i in _upper_tokens(doc):
            tok = doc[i]
            kind = self._kind(tok)
            if kind is None:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if ft.in_skip(start, end):
                continue
            if runs and _RUN_GAP.fullmatch(text, last_end, start):
                runs[-1].append((start, end, kind))
            else:
                runs.append([(start, end, kind)])
            last_end = end
        out = []
        for run in runs:
            if all(ambiguous for _, _, ambiguous in run):
                continue  # "US" alone is the country
            if _is_keyword(text, run[0][0], run[-1][1]):
                continue
            start, end = ft.field_span(run[0][0], run[-1][1])
            out.append((ft.name, start, end, len(run)))
        return out

    def _kind(self, tok) -> bool | None:
        """None: not a shouted word; True: an acronym that is also a word (US); False:
        a shouted word."""
        word = tok.text
        if len(word) < 2 or not word.isupper() or not tok.is_alpha:
            return None
        always, ambiguous = _acronyms()
        if word in always or word.lower() in self.name_words or _ROMAN.fullmatch(word):
            return None
        if word in ambiguous or len(word) == 2:
            return True
        words = english_words()
        lower = word.lower()
        if lower not in words and tok.lemma_.lower() not in words:
            return None  # not an English word: an acronym (CRM, HVAC)
        return False


def _upper_tokens(doc) -> list[int]:
    """Indices of the tokens in capitals (``str.isupper``), read from the lexeme flag
    in one array instead of a Python pass over every token."""
    from spacy.attrs import IS_UPPER

    return doc.to_array(IS_UPPER).nonzero()[0].tolist()


def _is_keyword(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a keyword to text back: after *reply*, *send*,
    *txt*… or before *to 80082*."""
    return bool(
        _KEYWORD_BEFORE.search(text, max(0, start - 30), start) or _KEYWORD_AFTER.match(text, end)
    )


def _calm(shown: str, text: str, start: int) -> str:
    """``shown`` in sentence case at a sentence start, else in lower case."""
    before = text[:start].rstrip(" \t\"'“‘([")
    if not before or before[-1] in ".!?。！？\n:":
        return shown[:1] + shown[1:].lower()
    return shown.lower()


# --- reader focus -------------------------------------------------------------------

_FIRST_EN = frozenset(("we", "our", "ours", "ourselves"))
_SECOND_EN = frozenset(("you", "your", "yours", "yourself", "yourselves", "u", "ur", "y'all"))
_FIRST_ZH = frozenset(("我们", "咱们", "我司", "本公司", "本店"))
_SECOND_ZH = frozenset(("你", "您", "你们", "您们"))


@functools.cache
def _person_ids() -> tuple[frozenset[int], int, frozenset[int]]:
    """String ids of the first-person words, of *us*, and of the second-person words."""
    (us,) = string_ids(("us",))
    return string_ids(_FIRST_EN | _FIRST_ZH), us, string_ids(_SECOND_EN | _SECOND_ZH)


_FIRST_ANY = re.compile(r"(?i:\b(?:we|our|ours|us|ourselves)\b)|我们|咱们|我司|本公司|本店")


class Person(Rule):
    """Reader focus, where the tone says ``person: second``: a draft that talks about
    the brand (*we*, *our*, *us*) more than to the reader (*you*, *your*).

    Copy written to the reader ("you get…") rather than about the company ("we
    offer…") is what ``person: second`` asks for. The rule counts first-person
    plural words (*we, our, ours, us, ourselves*; 我们, 咱们, 我司, 本公司, 本店)
    against second-person words (*you, your, yours, yourself*, SMS *u*/*ur*; 你,
    您, 你们) and flags the draft when the first outnumber the second, from two
    first-person words up (one *we* in a short line is not a pattern). *US* in
    capitals is the country, not *us*. Severity info: it is advice about emphasis,
    not an error.
    """

    id = "tone-person"
    severity = Severity.INFO
    summary = "Reader focus: *we/our* outweighs *you/your* where the tone says `person: second`."
    examples = (
        Example("We built our platform so we can ship faster.", True, "3 we/our, 0 you"),
        Example("我们的团队让我们更快。", True, "我们 ×2, 你 ×0"),
        Example("We built it so you ship faster and your team sleeps.", False, "1 we, 2 you"),
        Example("Made in the US for you.", False, "US is the country"),
    )

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        if ctx.tone.person != "second":
            return
        first: list[tuple[FieldText, int, int]] = []
        second = 0
        if not any(_FIRST_ANY.search(ft.text) for ft in ctx.fields):
            return
        first_ids, us_id, second_ids = _person_ids()
        for ft in ctx.fields:
            if ft.doc is None:
                continue
            for i, lower in enumerate(attr_ids(ctx, ft, "LOWER")):
                if lower in second_ids:
                    second += 1
                elif lower in first_ids or lower == us_id:
                    tok = ft.doc[i]
                    if lower == us_id and tok.text == "US":
                        continue  # the country
                    if not ft.in_skip(tok.idx, tok.idx + len(tok.text)):
                        first.append((ft, tok.idx, tok.idx + len(tok.text)))
        if len(first) < 2 or len(first) <= second:
            return
        ft, start, end = first[0]
        yield Hit(
            f"Reader focus: {len(first)} we/our/us against {second} you/your in this draft;"
            " write to the reader.",
            ft.name,
            *ft.field_span(start, end),
        )
