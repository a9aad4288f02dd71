"""The rule protocol: metadata, the context a rule sees, and the hits it returns.

A rule sees one draft at a time through a :class:`DraftContext` and returns
:class:`Hit` values in *field-text* offsets; the engine maps them to source lines
and columns, applies severity overrides and suppressions. Rules never deal with
files, lines or reporters.

Subclasses with an ``id`` register themselves; there is no list to maintain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..findings import Severity
from ..positional import pickled_by_position

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..drafts import Draft, Field
    from ..framework.model import Channel, Framework, Tone
    from ..nlp.pipeline import Pipelines

REGISTRY: dict[str, type[Rule]] = {}


@dataclass(frozen=True)
class Hit:
    """A problem a rule found. ``field`` None means the draft as a whole; ``start`` and
    ``end`` are offsets into that field's text (not the normalised text)."""

    message: str
    field: str | None = None
    start: int = 0
    end: int = 0
    severity: Severity | None = None  # None: the rule's default
    suggestions: tuple[str, ...] = ()
    replacement: str | None = None  # the fix: replace [start, end) with this
    safe: bool = True  # whether the replacement may be applied without review


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a finding goes, resolved while its draft is at hand. Picklable, so a
    cross-draft rule can keep anchors from :meth:`Rule.collect` until :meth:`Rule.finish`."""

    path: str
    draft: str
    field: str | None
    channel: str | None
    campaign: str | None
    start: int  # source offsets
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str | None
    verbatim: bool  # the span is copied verbatim from the source, so it can be edited


def locate(draft: Draft, field: str | None = None, start: int = 0, end: int = 0) -> Anchor:
    """The :class:`Anchor` of field-text ``[start, end)`` of ``draft`` (the draft's own
    start when ``field`` is None or not a field of the draft)."""
    f = draft.field(field) if field else None
    if f is None:
        src_start = src_end = draft.anchor
        match, verbatim, field = None, False, None
    else:
        src_start, src_end = f.source_map.to_source_span(start, end)
        match = f.text[start:end] or None
        verbatim = f.source_map.is_verbatim(start, end)
    lines = draft.source.lines
    line, column = lines.line_col(src_start)
    end_line, end_column = lines.line_col(src_end)
    return Anchor(
        draft.path,
        draft.id,
        field,
        draft.channel,
        draft.campaign,
        src_start,
        src_end,
        line,
        column,
        end_line,
        end_column,
        match,
        verbatim,
    )


@dataclass
class FieldText:
    """A field as the NLP layer sees it: normalised text, its spaCy doc, and the map
    from normalised offsets back to field offsets."""

    field: Field
    text: str
    doc: Doc | None
    to_field: tuple[int, ...] | None = None  # None: normalised == field text

    @property
    def name(self) -> str:
        return self.field.name

    def field_span(self, start: int, end: int) -> tuple[int, int]:
        """Field-text ``[start, end)`` for normalised ``[start, end)``."""
        if self.to_field is None:
            return start, end
        m = self.to_field
        s = m[start] if start < len(m) else (m[-1] + 1 if m else 0)
        e = m[end - 1] + 1 if end > start else s
        return s, e

    def in_skip(self, start: int, end: int) -> bool:
        """True when normalised ``[start, end)`` overlaps a non-prose range of the field."""
        skip = self.field.skip
        if not skip:
            return False
        s, e = self.field_span(start, end)
        return any(s < k_end and k_start < e for k_start, k_end in skip)


@dataclass
class DraftContext:
    """Everything a rule may read about one draft."""

    draft: Draft
    framework: Framework
    channel: Channel | None
    locale: str
    tone: Tone
    fields: list[FieldText] = field(default_factory=list)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)
    """What one rule computed about this draft and others reuse (sentences, pillars)."""

    @property
    def channel_name(self) -> str | None:
        return self.channel.name if self.channel else self.draft.channel


@dataclass(frozen=True)
class Example:
    """A readable case for ``brandlint explain``: text that fails or passes."""

    text: str
    fails: bool
    note: str = ""


class Rule:
    """Base class of built-in rules. The class docstring is the rule's explanation.

    Class attributes are the rule's metadata; :meth:`build` compiles whatever the
    rule needs from the framework once per run (matchers, lexicons) and returns
    ``None`` when the framework gives the rule nothing to check.
    """

    id: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ""
    fixable: ClassVar[bool] = False
    needs_doc: ClassVar[bool] = True  # False: the rule reads raw field text only
    needs_sentences: ClassVar[bool] = False  # True: the rule reads ``doc.sents``
    needs_pillars: ClassVar[bool] = False  # True: the rule reads which pillars drafts support
    examples: ClassVar[tuple[Example, ...]] = ()
    source: ClassVar[str | None] = None  # citation for facts the rule relies on

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        rule_id = cls.__dict__.get("id")
        if rule_id:
            if rule_id in REGISTRY:
                raise RuntimeError(f"duplicate rule id {rule_id!r}")
            REGISTRY[rule_id] = cls

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls()

    def check(self, ctx: DraftContext) -> Iterable[Hit]:
        """Problems in one draft. Cross-draft rules may return nothing here."""
        return ()

    # Cross-draft rules (campaign consistency) work in two steps, so drafts can be
    # checked in any order or process: ``collect`` keeps a small picklable summary of
    # each draft (with Anchors), ``finish`` compares them once every draft is seen.

    def collect(self, ctx: DraftContext) -> Any:
        """A picklable summary of one draft for :meth:`finish`; None keeps nothing."""
        return None

    def finish(self, collected: list[Any]) -> Iterable[tuple[Anchor, Hit]]:
        """Findings across drafts, from what :meth:`collect` kept (``Hit`` positions are
        ignored: the Anchor says where the finding goes)."""
        return ()

    def sections(self, collected: list[Any]) -> dict[str, Any]:
        """Additive report sections (JSON top-level keys) built from what was collected."""
        return {}

    @classmethod
    def explanation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or cls.summary)


def all_rules() -> dict[str, type[Rule]]:
    """Every built-in rule class by id (imports the rule modules once)."""
    from . import load_all

    load_all()
    return dict(sorted(REGISTRY.items()))


def iter_spans(ft: FieldText, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Field-text spans for normalised spans, dropping those inside non-prose ranges."""
    for start, end in spans:
        if not ft.in_skip(start, end):
            yield ft.field_span(start, end)
