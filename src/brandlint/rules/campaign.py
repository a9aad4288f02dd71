"""Cross-channel consistency of a campaign: ``campaign-conflict`` (offer facts agree)
and ``campaign-core-message`` (every channel carries the campaign's message).

Both are cross-draft rules: :meth:`collect` keeps a small summary of each draft of a
campaign (its facts, or its pillars) and :meth:`finish` compares the summaries once
per campaign, in time linear in the number of drafts.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..facts import KINDS, Fact, brief_fact, extract, key_label, render, same
from ..findings import Severity
from ..framework.model import Campaign, Framework
from ..nlp.pipeline import Pipelines
from ..nlp.terms import TermMatcher
from ..positional import pickled_by_position
from .base import Anchor, DraftContext, Example, Hit, Rule, locate
from .value import pillar_scorer

UNASSIGNED = "(unassigned)"
_SHOWN_VALUES = 3  # other values named in a message
_SHOWN_DRAFTS = 3  # drafts named per value


@pickled_by_position
@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What :class:`CampaignConflict` keeps of one draft: its facts and where they are."""

    campaign: str
    channel: str | None
    draft: str
    facts: tuple[tuple[Fact, Anchor], ...]


@dataclass
class _Seen:
    """One fact of one draft, during the comparison."""

    fact: Fact
    anchor: Anchor
    channel: str | None
    conflict: bool = False


@dataclass
class _Row:
    """One fact key of one campaign: what the drafts say and what was expected."""

    key: tuple
    seen: list[_Seen]
    expected: list[Fact] = field(default_factory=list)
    basis: str = "agreed"  # brief | agreed | majority | tie
    memo: dict[Any, Any] = field(default_factory=dict)  # per-row work the findings share


class CampaignConflict(Rule):
    """Drafts of one campaign must not contradict each other on the offer.

    The email says 20% off until May 5, the SMS says 25% off until May 7, the ad carries
    last month's code: each channel was written on its own and the customer sees them
    all. brandlint reads the offer facts of every draft of a campaign — discounts,
    amounts off, prices (per product and currency), start and end dates, promo codes,
    landing URLs and phone numbers, in English and Chinese — and compares them.

    The same fact in another notation is the same fact: *20% off* = *20 percent off* =
    *八折*; *May 5* = *5月5日* = *2026-05-05*; a URL with tracking parameters is the
    URL without them. Facts of different kinds are never compared, nor prices of
    different products or currencies; a date is compared only when the copy says it
    starts or ends the offer (*from*, *until*, *ends*, *起*, *前*, *截至*).

    - **With a campaign brief** (``campaigns:`` in the framework or
      ``campaigns/<name>.yaml``), a fact that is not among the brief's values is an
      error on the draft; the suggestion is the brief's value written in the draft's
      own notation. It is a safe fix when the brief gives one value and the draft
      states the fact once — for a discount, amount off, date or promo code; prices,
      links, phone numbers and weekdays are only suggested.
    - **Without one** (or for a fact the brief leaves out), the value most drafts
      state wins: a draft that does not state it is flagged, with the other drafts and
      their values in the message and the majority value as the suggestion. With no
      majority (a tie), every disagreeing draft is flagged, without a suggestion: only
      a brief can settle it.
    - A draft that states several values of one fact (*Starter $19, Pro $49*; *20% off
      plans, 30% off add-ons*) shows the campaign has several: without a brief each of
      them is accepted. Whatever decides the expected value, a draft that states one
      of them agrees (an early-bird deadline, a yearly price, a link to the blog or a
      support line next to it are not conflicts); one that states none is flagged
      once, on its first value.
    - A weekday deadline (*ends Sunday*, *周日截止*) is checked only against a campaign
      date with a year (the brief's, or the one most drafts give).

    Source: China's Advertising Law, Art. 8 (price and offer statements must be
    accurate and clear) and Art. 4 (no misleading content), see
    research/chinese-rules.md; cross-channel consistency as an unmet need of brand
    tools, research/channels-and-tools.md §C.5. Notations: docs/campaigns.md.
    """

    id = "campaign-conflict"
    severity = Severity.ERROR
    summary = "Drafts of one campaign disagree on a discount, price, date, code, URL or phone."
    fixable = True
    needs_doc = False
    examples = (
        Example("email: 20% off until May 5 · sms: 25% off until May 5", True, "the discount"),
        Example("email: 20% off until May 5 · weibo: 全场八折，5月5日前", False, "same offer"),
        Example("email: code SPRING20 · ad: code SPRING25", True, "the promo code"),
        Example("email: Acme Pulse $49, Acme Flow $99 · ad: Acme Pulse $49", False, "per product"),
    )
    source = (
        "Advertising Law of the PRC, Art. 4 and 8 (research/chinese-rules.md); "
        "research/channels-and-tools.md §C.5"
    )

    def __init__(self, framework: Framework) -> None:
        self.products = framework.brand.products
        self.briefs = {name: _brief_facts(c) for name, c in framework.campaigns.items()}
        self.paths = {name: c.path for name, c in framework.campaigns.items()}
        self._memo: tuple[list[Any], dict[str, list[_Row]]] | None = None

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework)

    def collect(self, ctx: DraftContext) -> DraftFacts | None:
        draft = ctx.draft
        if draft.campaign is None:
            return None
        kept = []
        for ft in ctx.fields:
            for fact in extract(ft.text, self.products):
                if fact.kind == "date" and fact.unit is None:
                    continue  # a date that neither starts nor ends anything
                if fact.kind != "url" and ft.in_skip(fact.start, fact.end):
                    continue
                start, end = ft.field_span(fact.start, fact.end)
                kept.append((fact, locate(draft, ft.name, start, end)))
        return DraftFacts(draft.campaign, draft.channel, draft.id, tuple(kept))

    def finish(self, collected: list[DraftFacts]) -> Iterator[tuple[Anchor, Hit]]:
        for campaign, rows in self._analyse(collected).items():
            for row in rows:
                for seen in row.seen:
                    if seen.conflict:
                        yield seen.anchor, self._hit(campaign, row, seen)

    def sections(self, collected: list[DraftFacts]) -> dict[str, Any]:
        analysed = self._analyse(collected)
        if not analysed:
            return {}
        drafts: dict[str, dict[str | None, set[str]]] = {}
        for d in collected:
            drafts.setdefault(d.campaign, {}).setdefault(d.channel, set()).add(d.draft)
        with _no_gc():
            return {
                "campaigns": [
                    _campaign_section(name, self.paths.get(name), drafts[name], rows)
                    for name, rows in analysed.items()
                ]
            }

    # -- comparison -----------------------------------------------------------------

    def _analyse(self, collected: list[DraftFacts]) -> dict[str, list[_Row]]:
        """Per campaign (sorted by name), one row per fact key, conflicts marked."""
        if self._memo is not None and self._memo[0] is collected:
            return self._memo[1]
        with _no_gc():
            analysed = self._compare_all(collected)
        self._memo = (collected, analysed)
        return analysed

    def _compare_all(self, collected: list[DraftFacts]) -> dict[str, list[_Row]]:
        by_campaign: dict[str, dict[tuple, list[_Seen]]] = {}
        for d in collected:
            keys = by_campaign.setdefault(d.campaign, {})
            for fact, anchor in d.facts:
                keys.setdefault(fact.key, []).append(_Seen(fact, anchor, d.channel))
        analysed = {}
        for campaign in sorted(by_campaign):
            keys = by_campaign[campaign]
            brief = self.briefs.get(campaign, {})
            rows = [
                _compare(key, keys.get(key, []), brief.get(key, []))
                for key in sorted(set(keys) | set(brief), key=_key_order)
            ]
            analysed[campaign] = rows
        return analysed

    def _hit(self, campaign: str, row: _Row, seen: _Seen) -> Hit:
        fact, label = seen.fact, key_label(row.key)
        written = seen.anchor.match or fact.text
        brief = self.paths.get(campaign) or "the framework"
        if _bare_weekday(fact):
            anchor = row.expected[0]
            whose = f" (the brief's, {brief})" if row.basis == "brief" else ""
            message = (
                f"'{written}' does not fall on the {label} of campaign '{campaign}', "
                f"{anchor.display}{whose}, a {_weekday_name(anchor)}."
            )
        elif row.basis == "brief":
            values = " or ".join(e.display for e in row.expected)
            message = (
                f"'{written}' contradicts the brief of campaign '{campaign}' ({brief}): "
                f"the {label} is {values}."
            )
        elif row.basis == "tie":
            message = (
                f"'{written}' disagrees with other drafts of campaign '{campaign}' on the "
                f"{label}, and no value has a majority: {_others(row, seen)}. "
                "State it in the campaign brief."
            )
        else:
            message = (
                f"'{written}' disagrees with the other drafts of campaign '{campaign}' on "
                f"the {label}: {_others(row, seen)}."
            )
        suggestions: tuple[str, ...] = ()
        if row.basis != "tie":
            rendered = [render(e, fact) or e.display for e in row.expected]
            suggestions = tuple(dict.fromkeys(rendered))
        replacement = None
        if row.basis == "brief" and len(row.expected) == 1 and not _bare_weekday(fact):
            replacement = render(row.expected[0], fact)
        return Hit(
            message,
            suggestions=suggestions,
            replacement=replacement,
            safe=fact.kind in _SAFE_FIX and len(_values_of(row, seen.anchor.draft)) == 1,
        )


_SAFE_FIX = ("discount", "amount_off", "date", "code")
"""Kinds whose brief value --fix writes, when the draft states the fact once. Not a
price (which product a price belongs to is a guess), a link or a phone number (a
short link or a second line may be meant), nor a weekday (which Tuesday?)."""


def _values_of(row: _Row, draft: str) -> list[Fact]:
    """The distinct values ``draft`` states for the row's key."""
    by_draft = row.memo.get("by_draft")
    if by_draft is None:
        by_draft = row.memo["by_draft"] = {}
        for s in row.seen:
            by_draft.setdefault(s.anchor.draft, []).append(s.fact)
    return _distinct(by_draft.get(draft, ()))


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the comparison allocates many small objects
    and no cycles, and collections over a large run's live objects would make it
    grow faster than the number of drafts."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _brief_facts(campaign: Campaign) -> dict[tuple, list[Fact]]:
    """The brief's facts by key (values the loader has already checked)."""
    facts = [brief_fact("discount", v) for v in campaign.discount]
    facts += [_with_product(brief_fact("price", v), product) for product, v in campaign.prices]
    facts += [brief_fact("date", campaign.start, "start")] if campaign.start else []
    facts += [brief_fact("date", campaign.end, "end")] if campaign.end else []
    for kind, values in (
        ("code", campaign.code),
        ("url", campaign.landing_url),
        ("phone", campaign.phone),
    ):
        facts += [brief_fact(kind, v) for v in values]
    by_key: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f is not None:
            by_key.setdefault(f.key, []).append(f)
    return by_key


def _with_product(fact: Fact | None, product: str | None) -> Fact | None:
    if fact is None:
        return None
    return Fact(fact.kind, fact.value, fact.start, fact.end, fact.text, fact.unit, product,
                fact.notation)  # fmt: skip


def _key_order(key: tuple) -> tuple:
    return (KINDS.index(key[0]), tuple("" if k is None else k for k in key[1:]))


def _compare(key: tuple, seen: list[_Seen], brief: list[Fact]) -> _Row:
    """Decide the expected value of one fact key and mark the facts that conflict."""
    row = _Row(key, seen)
    dated = [s for s in seen if not _bare_weekday(s.fact)]
    weekdays = [s for s in seen if _bare_weekday(s.fact)]
    if brief:
        row.expected, row.basis = brief, "brief"
        for s in dated:
            s.conflict = not any(same(s.fact, b) for b in brief)
    else:
        _vote(row, dated)
    _per_draft(dated)
    anchors = [e for e in row.expected if key[0] == "date" and e.value[0] is not None]
    if len(anchors) == 1 and row.basis != "tie":
        for s in weekdays:
            s.conflict = s.fact.value[3] != anchors[0].weekday()
        if any(s.conflict for s in weekdays) and row.basis != "brief":
            row.basis = "majority"
    return row


def _per_draft(seen: list[_Seen]) -> None:
    """A draft may state several values of a fact for other reasons (an early-bird
    deadline, a yearly price, a link to the blog, a support line): one that states an
    accepted value conflicts nowhere; one with none conflicts once, on its first."""
    drafts: dict[str, list[_Seen]] = {}
    for s in seen:
        drafts.setdefault(s.anchor.draft, []).append(s)
    for facts in drafts.values():
        agrees = not all(s.conflict for s in facts)
        first = min(facts, key=lambda s: (s.anchor.start, s.anchor.field or ""))
        for s in facts:
            s.conflict = s.conflict and not agrees and s is first


def _vote(row: _Row, seen: list[_Seen]) -> None:
    """Settle a fact key by the drafts' votes, each draft voting once per value.

    When some draft states several values of the key (two plans, *20% off plans, 30%
    off add-ons*), the campaign has several: every value such a draft states is
    accepted, and a draft conflicts only when it states none of them. Otherwise the
    value most drafts state wins and the drafts that do not state it conflict; on a
    tie, every fact that not all drafts share conflicts.
    """
    drafts: dict[str, list[_Seen]] = {}
    for s in seen:
        drafts.setdefault(s.anchor.draft, []).append(s)
    if len(drafts) < 2:
        row.expected = _distinct([s.fact for s in seen])
        return
    support = _support(seen)
    multi = [facts for facts in drafts.values() if len(_distinct_values(facts)) > 1]
    if multi:
        accepted: dict[tuple, list[Fact]] = {}
        for f in _distinct_values([s for facts in multi for s in facts]):
            accepted.setdefault(_core(f), []).append(f)
        row.expected = sorted(
            (f for group in accepted.values() for f in group),
            key=lambda f: -support[f.value][1],
        )
        row.basis = "agreed"
        for facts in drafts.values():
            if not any(same(s.fact, a) for s in facts for a in accepted.get(_core(s.fact), ())):
                row.basis = "majority"
                for s in facts:
                    s.conflict = True
        return
    top = max(n for _, n in support.values())
    tops = [f for f, n in support.values() if n == top]
    agree = len({_core(f) for f in tops}) == 1 and all(same(a, b) for a in tops for b in tops)
    if agree:
        best = max(tops, key=lambda f: f.specificity)
        row.expected = [best]
        row.basis = "agreed" if top == len(drafts) else "majority"
        for facts in drafts.values():
            if not any(same(s.fact, best) for s in facts):
                for s in facts:
                    s.conflict = True
        return
    row.basis = "tie"
    for s in seen:
        s.conflict = support[s.fact.value][1] < len(drafts)


def _distinct_values(seen: list[_Seen]) -> list[Fact]:
    """The values ``seen`` states, one fact per group of facts that are the same."""
    out: dict[tuple, list[Fact]] = {}
    for s in seen:
        group = out.setdefault(_core(s.fact), [])
        if not any(same(s.fact, f) for f in group):
            group.append(s.fact)
    return [f for group in out.values() for f in group]


def _support(seen: list[_Seen]) -> dict[tuple, tuple[Fact, int]]:
    """For each distinct value, a fact stating it and how many drafts state it (or a
    compatible form of it). Values are bucketed by their comparable core, so this
    stays linear in the number of facts."""
    buckets: dict[tuple, list[_Seen]] = {}
    for s in seen:
        buckets.setdefault(_core(s.fact), []).append(s)
    support: dict[tuple, tuple[Fact, int]] = {}
    for bucket in buckets.values():
        for value in _distinct([s.fact for s in bucket]):
            drafts = {s.anchor.draft for s in bucket if same(value, s.fact)}
            support[value.value] = (value, len(drafts))
    return support


def _core(fact: Fact) -> tuple:
    """The part of a value that must be equal for two facts to be the same."""
    if fact.kind in ("price", "amount_off", "discount"):
        return fact.value[:1]
    if fact.kind == "date":
        return fact.value[1:3]
    return fact.value


def _distinct(facts: Iterable[Fact]) -> list[Fact]:
    out: dict[tuple, Fact] = {}
    for f in facts:
        out.setdefault(f.value, f)
    return list(out.values())


def _bare_weekday(fact: Fact) -> bool:
    return fact.kind == "date" and fact.value[1] is None


def _weekday_name(fact: Fact) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
        fact.weekday()
    ]


def _others(row: _Row, seen: _Seen) -> str:
    """The other values of ``row`` with the drafts that state them, most common first
    (once per value and row: outliers that agree with each other share the text)."""
    done = row.memo.get(("others", seen.fact.value))
    if done is None:
        done = row.memo[("others", seen.fact.value)] = _others_text(row, seen.fact)
    return done


def _others_text(row: _Row, fact: Fact) -> str:
    groups: dict[tuple, tuple[str, dict[str, None]]] = {}
    for s in row.seen:
        if same(s.fact, fact) or _bare_weekday(s.fact):
            continue
        text, drafts = groups.setdefault(s.fact.value, (s.anchor.match or s.fact.text, {}))
        drafts[s.anchor.draft] = None
    ranked = [(text, list(drafts)) for text, drafts in groups.values()]
    ranked.sort(key=lambda g: -len(g[1]))
    parts = []
    for text, drafts in ranked[:_SHOWN_VALUES]:
        named = ", ".join(drafts[:_SHOWN_DRAFTS])
        more = len(drafts) - _SHOWN_DRAFTS
        parts.append(f"'{text}' in {named}" + (f" and {more} more" if more > 0 else ""))
    if len(ranked) > _SHOWN_VALUES:
        parts.append(f"{len(ranked) - _SHOWN_VALUES} more values")
    return "; ".join(parts)


def _campaign_section(
    name: str, brief: str | None, channels: dict[str | None, set[str]], rows: list[_Row]
) -> dict[str, Any]:
    """The ``campaigns`` report entry of one campaign (docs/campaigns.md)."""
    ordered = sorted(channels, key=lambda c: (c is None, c or ""))
    return {
        "campaign": name,
        "brief": brief,
        "drafts": sum(len(d) for d in channels.values()),
        "channels": [{"channel": c, "drafts": len(channels[c])} for c in ordered],
        "conflicts": sum(s.conflict for row in rows for s in row.seen),
        "facts": [
            {
                "kind": row.key[0],
                "fact": key_label(row.key),
                "product": row.key[1] if row.key[0] == "price" else None,
                "expected": [e.display for e in row.expected],
                "basis": row.basis,
                "conflict": any(s.conflict for s in row.seen),
                "values": [
                    {
                        "channel": s.channel,
                        "draft": s.anchor.draft,
                        "path": s.anchor.path,
                        "field": s.anchor.field,
                        "value": s.fact.display,
                        "text": s.anchor.match or s.fact.text,
                        "line": s.anchor.line,
                        "column": s.anchor.column,
                        "conflict": s.conflict,
                    }
                    for s in sorted(row.seen, key=_seen_order)
                ],
            }
            for row in rows
        ],
    }


def _seen_order(s: _Seen) -> tuple:
    return (s.channel is None, s.channel or "", s.anchor.path, s.anchor.line, s.anchor.column)


# -- campaign-core-message -----------------------------------------------------------


@pickled_by_position
@dataclass(frozen=True, slots=True)
class DraftMessage:
    """What :class:`CampaignCoreMessage` keeps of one draft."""

    campaign: str
    channel: str
    anchor: Anchor
    pillars: tuple[str, ...]
    key_message: bool


class CampaignCoreMessage(Rule):
    """Every channel of a campaign carries the campaign's key message or a pillar.

    A campaign tells one story in every channel. For each campaign and each of its
    channels, at least one draft must carry the brief's ``key_message`` (by lemma, or
    one of its ``keywords``) or one of the campaign's pillars (the brief's
    ``pillars``; without them, any pillar of the framework), a draft supporting a
    pillar exactly as for ``pillar-coverage`` and the report's ``pillars`` of each
    draft (a keyword, or the content words of the pillar's message). A channel
    whose drafts carry none is reported once, on its first draft, naming how many of
    its drafts were read: adding the message to any one of them resolves it.

    Source: cross-channel consistency — each channel draft maps to at least one
    pillar — research/channels-and-tools.md §C.5. Briefs: docs/campaigns.md.
    """

    id = "campaign-core-message"
    needs_pillars = True
    severity = Severity.WARNING
    summary = "A channel of a campaign carries none of its key message or pillars."
    examples = (
        Example("email: Launch campaigns in minutes · sms: 20% off today", True, "sms: none"),
        Example("email: Launch in minutes · sms: Launch your spring campaign", False, "both"),
    )
    source = "research/channels-and-tools.md §C.5"

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        self.framework = framework
        self.scorer = pillar_scorer(framework, pipelines)
        self.campaigns = sorted(framework.campaigns)
        terms = []
        for i, name in enumerate(self.campaigns):
            brief = framework.campaigns[name]
            if brief.key_message:
                terms.append((i, brief.key_message.rstrip(" .!?。！？"), "lemma"))
            terms += [(i, kw, "lemma") for kw in brief.keywords]
        self.key_matcher = TermMatcher(pipelines, terms)

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        briefs = framework.campaigns.values()
        if framework.value_proposition.pillars or any(c.key_message for c in briefs):
            return cls(framework, pipelines)
        return None

    def collect(self, ctx: DraftContext) -> DraftMessage | None:
        draft = ctx.draft
        if draft.campaign is None or draft.channel is None:
            return None
        carries = False
        if draft.campaign in self.framework.campaigns and self.key_matcher:
            index = self.campaigns.index(draft.campaign)
            carries = any(
                m.key == index
                for ft in ctx.fields
                if ft.doc is not None
                for m in self.key_matcher.find(ft.doc, ctx.locale)
            )
        return DraftMessage(
            draft.campaign, draft.channel, locate(draft), self._pillars(ctx), carries
        )

    def _pillars(self, ctx: DraftContext) -> tuple[str, ...]:
        """The pillars a draft supports: the report's ``pillars`` of the draft, which
        the engine and ``pillar-coverage`` compute once per draft."""
        return self.scorer.supported(ctx) if self.scorer is not None else ()

    def finish(self, collected: list[DraftMessage]) -> Iterator[tuple[Anchor, Hit]]:
        groups: dict[tuple[str, str], list[DraftMessage]] = {}
        for d in collected:
            groups.setdefault((d.campaign, d.channel), []).append(d)
        all_pillars = self.framework.value_proposition.pillars
        for (campaign, channel), drafts in sorted(groups.items()):
            brief = self.framework.campaigns.get(campaign)
            wanted = set(brief.pillars) if brief and brief.pillars else {p.id for p in all_pillars}
            key_message = brief.key_message if brief else None
            if not wanted and not key_message:
                continue
            if any(d.key_message or wanted.intersection(d.pillars) for d in drafts):
                continue
            first = min(drafts, key=lambda d: (d.anchor.path, d.anchor.line, d.anchor.column))
            yield first.anchor, self._hit(campaign, channel, len(drafts), key_message, wanted)

    def _hit(
        self, campaign: str, channel: str, drafts: int, key_message: str | None, wanted: set[str]
    ) -> Hit:
        pillars = [p for p in self.framework.value_proposition.pillars if p.id in wanted]
        names = ", ".join(p.id for p in pillars)
        if key_message and pillars:
            what = (
                f"carries neither the key message of campaign '{campaign}' nor any of its "
                f"pillars ({names})"
            )
        elif key_message:
            what = f"does not carry the key message of campaign '{campaign}'"
        else:
            what = f"carries none of the pillars of campaign '{campaign}' ({names})"
        count = f"{drafts} draft{'s' if drafts > 1 else ''}"
        suggestions = ([key_message] if key_message else []) + [p.message for p in pillars]
        return Hit(f"Channel {channel} {what} in its {count}.", suggestions=tuple(suggestions[:3]))
