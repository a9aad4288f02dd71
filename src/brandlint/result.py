"""The result of a run: what every reporter and the Python API consume."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from .findings import Finding, Severity
from .positional import pickled_by_position

UNASSIGNED = "(unassigned)"
FAIL_ON = ("error", "warning", "info", "never")


def fails(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails a draft under ``--fail-on``."""
    return fail_on != "never" and severity.rank >= _rank(fail_on)


@functools.cache
def _rank(fail_on: str) -> int:
    return Severity(fail_on).rank  # once per run, not once per finding


def by_severity(findings: list[Finding] | tuple[Finding, ...]) -> dict[str, int]:
    counts = Counter(map(_SEVERITY, findings))  # members: `.value` is a slow property
    return {s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


_SEVERITY = attrgetter("severity")


@pickled_by_position
@dataclass(frozen=True, slots=True)  # one per draft: 100,000 in a big export
class DraftResult:
    id: str
    path: str
    channel: str | None
    campaign: str | None
    locale: str
    status: str  # pass | fail
    pillars: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()


def _channel_order(name: str) -> tuple[bool, str]:
    """Channels by name, unassigned drafts last."""
    return name == UNASSIGNED, name


@dataclass(frozen=True)
class ChannelSummary:
    channel: str  # UNASSIGNED for drafts with no channel
    drafts: int
    passed: int
    failed: int
    by_severity: dict[str, int] = field(hash=False)

    @property
    def status(self) -> str:
        return "fail" if self.failed else "pass"


@dataclass(frozen=True)
class PillarCoverage:
    """One row of the channels x pillars coverage matrix."""

    channel: str  # UNASSIGNED for drafts with no channel
    drafts: int
    pillars: dict[str, int] = field(hash=False)  # pillar id -> drafts supporting it
    none: int = 0  # drafts supporting no pillar


@dataclass(frozen=True)
class FileDiff:
    """The unified diff of one file's safe fixes, and the channels of the drafts it fixes."""

    path: str
    channels: tuple[str, ...]  # UNASSIGNED for drafts with no channel
    fixes: int
    diff: str


@dataclass(frozen=True)
class RunResult:
    """Findings in deterministic order, per-draft status and the settings that gated them."""

    findings: tuple[Finding, ...]
    drafts: tuple[DraftResult, ...]
    files: int
    fail_on: str = "error"
    framework: str | None = None  # path of the framework, None for the built-in default
    version: str = ""
    context: dict[str, dict[int, str]] = field(default_factory=dict, hash=False, repr=False)
    """The source lines findings point at (path -> line -> text), for reporters."""
    sections: dict[str, Any] = field(default_factory=dict, hash=False)
    """Additive report sections from cross-draft rules (e.g. ``campaigns``)."""
    diffs: tuple[FileDiff, ...] = ()
    """With ``--diff``: per changed file, the unified diff ``--fix`` writes."""
    pillars: tuple[str, ...] = ()
    """The framework's value-proposition pillar ids, in order (the coverage columns)."""

    def line_text(self, path: str, line: int) -> str | None:
        return self.context.get(path, {}).get(line)

    @property
    def status(self) -> str:
        return "fail" if any(d.status == "fail" for d in self.drafts) else "pass"

    @property
    def exit_code(self) -> int:
        return 1 if self.status == "fail" else 0

    def by_severity(self) -> dict[str, int]:
        return by_severity(self.findings)

    def channels(self) -> list[ChannelSummary]:
        """One summary per channel, sorted by name, unassigned drafts last."""
        drafts: dict[str, list[DraftResult]] = {}
        for d in self.drafts:
            drafts.setdefault(d.channel or UNASSIGNED, []).append(d)
        findings: dict[str, list[Finding]] = {}
        for f in self.findings:
            findings.setdefault(f.channel or UNASSIGNED, []).append(f)
        return [
            ChannelSummary(
                channel=name,
                drafts=len(drafts[name]),
                passed=sum(d.status == "pass" for d in drafts[name]),
                failed=sum(d.status == "fail" for d in drafts[name]),
                by_severity=by_severity(findings.get(name, [])),
            )
            for name in sorted(drafts, key=_channel_order)
        ]

    def coverage(self) -> list[PillarCoverage]:
        """The channels x pillars matrix: per channel (ordered as :meth:`channels`), how
        many drafts support each pillar; empty when the framework has no pillars."""
        if not self.pillars:
            return []
        counts: dict[str, dict[str, int]] = {}
        drafts: Counter[str] = Counter()
        none: Counter[str] = Counter()
        for d in self.drafts:
            name = d.channel or UNASSIGNED
            row = counts.setdefault(name, dict.fromkeys(self.pillars, 0))
            drafts[name] += 1
            none[name] += not d.pillars
            for p in d.pillars:
                if p in row:
                    row[p] += 1
        return [
            PillarCoverage(name, drafts[name], counts[name], none[name])
            for name in sorted(counts, key=_channel_order)
        ]

    def findings_for(self, draft_id: str) -> list[Finding]:
        return [f for f in self.findings if f.draft == draft_id]
