"""Rules over the framework's term lists: banned phrasing, preferred terminology,
competitor mentions and required elements. Each compiles its list once into a
:class:`~brandlint.nlp.terms.TermMatcher`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..framework.model import Framework
from ..nlp.pipeline import Pipelines
from ..nlp.terms import TermMatcher, drop_contained
from .base import DraftContext, Example, FieldText, Hit, Rule


def in_scope(channels: tuple[str, ...] | None, channel: str | None) -> bool:
    """Whether an entry scoped to ``channels`` (None = every channel) applies."""
    return channels is None or (channel is not None and channel in channels)


def match_case(replacement: str, matched: str) -> str:
    """``replacement`` capitalised like ``matched`` (sentence start, ALL CAPS)."""
    if matched.isupper() and len(matched) > 1 and not replacement.isupper():
        return replacement.upper()
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def sentence(message: str) -> str:
    """``message`` ending in a full stop (a Chinese one counts)."""
    return message if message.endswith((".", "。", "!", "?", "！", "？")) else message + "."


def _field_hits(
    ctx: DraftContext, matcher: TermMatcher
) -> Iterator[tuple[FieldText, int, int, int]]:
    """``(field, key, start, end)`` per term match in prose, in field offsets."""
    for ft in ctx.fields:
        if ft.doc is None:
            continue
        for m in drop_contained(matcher.find(ft.doc, ctx.locale)):
            if ft.in_skip(m.start, m.end):
                continue
            start, end = ft.field_span(m.start, m.end)
            yield ft, m.key, start, end


class BannedPhrase(Rule):
    """Phrasing the brand never ships, from the framework's ``banned`` list.

    Each entry is a ``phrase`` matched by lemma (the default: ``guarantee`` also
    catches *guaranteed* and *guarantees*) or exactly (``match: exact``: the written
    form, any case), or a regular expression (``pattern``; case-insensitive unless the
    pattern says ``(?-i)``). English matches are whole words; Chinese matches follow
    word boundaries (jieba segmentation), so 最佳 does not fire inside an unrelated
    longer word. Matching sees through full-width letters and zero-width characters.
    ``suggest`` lists replacements; with exactly one, it is offered as a safe fix.
    ``channels`` limits an entry to some channels.
    """

    id = "banned-phrase"
    severity = Severity.ERROR
    summary = "Framework `banned` phrasing: lemma-aware, whole-word, word-aware in Chinese."
    fixable = True
    examples = (
        Example("Our world-class support team.", True, "banned: world-class"),
        Example("We guaranteed delivery.", True, "lemma: guarantee"),
        Example("Our classworld event.", False, "not the whole phrase"),
    )

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        self.entries = framework.banned
        self.matcher = TermMatcher(
            pipelines,
            [(i, b.phrase, b.match) for i, b in enumerate(self.entries) if b.phrase is not None],
        )
        self.patterns = [
            (i, re.compile(b.pattern, re.IGNORECASE))
            for i, b in enumerate(self.entries)
            if b.pattern is not None
        ]

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework, pipelines) if framework.banned else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        channel = ctx.channel_name
        if self.matcher:
            for ft, key, start, end in _field_hits(ctx, self.matcher):
                if in_scope(self.entries[key].channels, channel):
                    yield self._hit(key, ft, start, end)
        for key, pattern in self.patterns:
            if not in_scope(self.entries[key].channels, channel):
                continue
            for ft in ctx.fields:
                for m in pattern.finditer(ft.text):
                    if m.end() > m.start() and not ft.in_skip(m.start(), m.end()):
                        yield self._hit(key, ft, *ft.field_span(m.start(), m.end()))

    def _hit(self, key: int, ft: FieldText, start: int, end: int) -> Hit:
        entry = self.entries[key]
        matched = ft.field.text[start:end]
        message = f"'{matched}' is banned"
        if entry.phrase and matched.lower() != entry.phrase.lower():
            message += f" (as a form of '{entry.phrase}')"
        if entry.reason:
            message += f": {entry.reason}"
        suggestions = tuple(match_case(s, matched) for s in entry.suggest)
        return Hit(
            message=sentence(message),
            field=ft.name,
            start=start,
            end=end,
            severity=Severity.parse(entry.severity),
            suggestions=suggestions,
            replacement=suggestions[0] if len(suggestions) == 1 else None,
        )


class Terminology(Rule):
    """Preferred wording from the framework's ``terminology`` list.

    Each entry names the term to ``use`` and the forms to avoid (``instead_of``),
    matched by lemma so inflected forms are found too. The preferred term always wins:
    a non-preferred form inside the preferred term (``gap pad`` inside ``thermal gap
    pad``) is never flagged. The fix replaces the avoided form with the preferred one;
    it is safe when the avoided form was written exactly as listed, and offered as a
    suggestion when it was inflected (``registered`` -> ``sign up`` needs a human).
    """

    id = "terminology"
    severity = Severity.WARNING
    summary = "Framework `terminology`: a non-preferred term -> the preferred one."
    fixable = True
    examples = (
        Example("Signup takes a minute.", True, "use: sign up"),
        Example("Sign up takes a minute.", False, "already the preferred term"),
    )

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        self.entries = framework.terminology
        terms: list[tuple[int, str, str]] = []
        self.avoid: dict[int, tuple[int, str]] = {}
        for i, entry in enumerate(self.entries):
            terms.append((-1 - i, entry.use, entry.match))  # preferred: claims its span
            for form in entry.instead_of:
                key = len(self.avoid)
                self.avoid[key] = (i, form)
                terms.append((key, form, entry.match))
        self.matcher = TermMatcher(pipelines, terms)

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework, pipelines) if framework.terminology else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        for ft, key, start, end in _field_hits(ctx, self.matcher):
            if key < 0:
                continue
            index, form = self.avoid[key]
            entry = self.entries[index]
            if not in_scope(entry.channels, ctx.channel_name):
                continue
            matched = ft.field.text[start:end]
            use = match_case(entry.use, matched)
            message = f"Use '{entry.use}' instead of '{matched}'"
            if entry.reason:
                message += f": {entry.reason}"
            yield Hit(
                message=sentence(message),
                field=ft.name,
                start=start,
                end=end,
                severity=Severity.parse(entry.severity),
                suggestions=(use,),
                replacement=use,
                safe=matched.lower() == form.lower(),
            )


class Competitor(Rule):
    """Mentions of the competitors the framework lists (``brand.competitors``).

    Comparative copy needs legal review in many markets, and a competitor's name in
    an ad can break platform trademark policies, so every mention is surfaced.
    Names match as whole words in any case.
    """

    id = "competitor"
    severity = Severity.WARNING
    summary = "Mentions of competitors listed in `brand.competitors`."
    examples = (
        Example("Faster than Globex.", True, "competitor: Globex"),
        Example("A global express service.", False, "not the name"),
    )

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        self.names = framework.brand.competitors
        self.matcher = TermMatcher(pipelines, [(i, n, "exact") for i, n in enumerate(self.names)])

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework, pipelines) if framework.brand.competitors else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        for ft, key, start, end in _field_hits(ctx, self.matcher):
            yield Hit(
                message=f"Mentions competitor '{self.names[key]}'; comparative claims need review.",
                field=ft.name,
                start=start,
                end=end,
            )


class RequiredElement(Rule):
    """What a channel must always carry, from the framework's ``required`` list.

    A draft of a listed channel (or of every channel when ``channels`` is omitted)
    must contain at least one of ``any_of``, matched by lemma in any field (or only
    in ``fields`` when given). Links count: an ``/unsubscribe`` URL satisfies
    "unsubscribe". The finding sits at the start of the draft and carries the entry's
    ``message``.
    """

    id = "required-element"
    severity = Severity.ERROR
    summary = "A `required` element (any_of) missing from a draft of its channels."
    examples = (
        Example("Big news inside.", True, "email without 'unsubscribe'"),
        Example("Big news. Unsubscribe any time.", False, "has it"),
    )

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        self.entries = framework.required
        self.matcher = TermMatcher(
            pipelines,
            [(i, phrase, "lemma") for i, e in enumerate(self.entries) for phrase in e.any_of],
        )
        self.words = [
            [re.compile(rf"(?<![^\W_]){re.escape(p)}(?![^\W_])", re.IGNORECASE) for p in e.any_of]
            for e in self.entries
        ]

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework, pipelines) if framework.required else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        due = [i for i, e in enumerate(self.entries) if in_scope(e.channels, ctx.channel_name)]
        if not due:
            return
        found: set[int] = set()
        for ft in ctx.fields:
            wanted = [
                i
                for i in due
                if self.entries[i].fields in (None, ())
                or ft.field.kind in self.entries[i].fields
                or ft.name in self.entries[i].fields
            ]
            if not wanted or ft.doc is None:
                continue
            found.update(m.key for m in self.matcher.find(ft.doc, ctx.locale) if m.key in wanted)
            for i in wanted:  # inside URLs and links, where tokens do not split words
                if i not in found and any(p.search(ft.text) for p in self.words[i]):
                    found.add(i)
        for i in due:
            if i not in found:
                entry = self.entries[i]
                options = " / ".join(f"'{p}'" for p in entry.any_of)
                message = entry.message or f"Missing required element '{entry.id}'."
                yield Hit(
                    message=f"{message} (expected one of {options})",
                    severity=Severity.parse(entry.severity),
                )
