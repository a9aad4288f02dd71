"""The ``html`` format: one self-contained page (no scripts, no external files) for
reviewers: the verdict, pass/fail per channel, pillar coverage as a channels x pillars
heat map, campaign fact tables, findings in their context and the diffs of safe fixes.

Rendered with Jinja2's sandboxed environment with autoescaping on: every piece of
draft text is escaped, so copy that contains markup shows as text and never runs."""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..result import UNASSIGNED, RunResult
from . import Options, reporter
from ._common import by_channel, diffs_for, failing

CONTEXT_CHARS = 160  # at most this much of a source line around a finding


def coverage(result: RunResult) -> list[dict[str, Any]]:
    """The channels x pillars matrix (:meth:`RunResult.coverage`) as heat-map rows: per
    channel and pillar, how many drafts support it and a level from 0 (none) to 4
    (every draft)."""
    rows = []
    for row in result.coverage():
        cells = [
            {"pillar": p, "count": n, "level": min(4, -(-4 * n // row.drafts)) if n else 0}
            for p, n in row.pillars.items()
        ]
        rows.append(
            {"channel": row.channel, "drafts": row.drafts, "cells": cells, "none": row.none}
        )
    return rows


def campaign_tables(section: Any) -> list[dict[str, Any]] | None:
    """The ``campaigns`` report section as one fact table per campaign: a row per
    offer fact, a column per channel holding the values its drafts state; None when
    the section has another shape (the page then shows it as generic data)."""
    if not isinstance(section, list) or not all(
        isinstance(c, dict) and isinstance(c.get("facts"), list) for c in section
    ):
        return None
    tables = []
    for campaign in section:
        channels = [c.get("channel") or UNASSIGNED for c in campaign.get("channels") or ()]
        rows = []
        for fact in campaign["facts"]:
            cells: dict[str, list[dict[str, Any]]] = {c: [] for c in channels}
            for v in fact.get("values") or ():
                cells.setdefault(v.get("channel") or UNASSIGNED, []).append(
                    {
                        "value": v.get("value"),
                        "text": v.get("text"),
                        "where": f"{v.get('draft')}:{v.get('line')}:{v.get('column')}",
                        "conflict": bool(v.get("conflict")),
                    }
                )
            rows.append(
                {
                    "fact": fact.get("fact") or fact.get("kind"),
                    "expected": ", ".join(str(e) for e in fact.get("expected") or ()),
                    "basis": fact.get("basis"),
                    "conflict": bool(fact.get("conflict")),
                    "cells": [cells.get(c, []) for c in channels],
                }
            )
        tables.append(
            {
                "name": campaign.get("campaign"),
                "brief": campaign.get("brief"),
                "drafts": campaign.get("drafts"),
                "conflicts": campaign.get("conflicts") or 0,
                "channels": channels,
                "rows": rows,
            }
        )
    return tables


def _context(result: RunResult, f: Finding) -> dict[str, str] | None:
    """The source line of a finding cut into before / match / after."""
    line = result.line_text(f.path, f.line)
    if line is None:
        return None
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(start, min(end, len(line)))
    left = max(0, start - (CONTEXT_CHARS - (end - start)) // 2)
    right = min(len(line), max(end, left + CONTEXT_CHARS))
    return {
        "before": ("…" if left else "") + line[left:start],
        "match": line[start:end],
        "after": line[end:right] + ("…" if right < len(line) else ""),
    }


def _diff_lines(diff: str) -> list[dict[str, str]]:
    kinds = (("---", "head"), ("+++", "head"), ("@@", "hunk"), ("+", "add"), ("-", "del"))
    out = []
    for line in diff.splitlines():
        kind = next((k for prefix, k in kinds if line.startswith(prefix)), "same")
        out.append({"kind": kind, "text": line})
    return out


def page_context(result: RunResult) -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    grouped = by_channel(result)
    statuses = {d.id: d.status for d in result.drafts}
    groups = []
    for summary in result.channels():
        drafts = grouped.get(summary.channel, {})
        diffs = diffs_for(result, summary.channel)
        if not drafts and not diffs:
            continue
        groups.append(
            {
                "channel": summary.channel,
                "status": summary.status,
                "drafts": [
                    {
                        "id": draft_id,
                        "status": statuses.get(draft_id, "fail"),
                        "findings": [
                            {
                                "rule": f.rule,
                                "severity": f.severity.value,
                                "gates": failing(result, f),
                                "message": f.message,
                                "where": f"{f.line}:{f.column}",
                                "field": f.field,
                                "suggestions": list(f.suggestions),
                                "fixable": f.fix is not None and f.fix.applicability == "safe",
                                "context": _context(result, f) if f.match else None,
                            }
                            for f in findings
                        ],
                    }
                    for draft_id, findings in drafts.items()
                ],
                "diffs": [
                    {"path": d.path, "fixes": d.fixes, "lines": _diff_lines(d.diff)} for d in diffs
                ],
            }
        )
    return {
        "status": result.status,
        "fail_on": result.fail_on,
        "version": result.version,
        "framework": result.framework,
        "files": result.files,
        "draft_count": len(result.drafts),
        "counts": result.by_severity(),
        "channels": result.channels(),
        "pillars": list(result.pillars),
        "coverage": coverage(result),
        "campaigns": result.sections.get("campaigns"),
        "campaign_tables": campaign_tables(result.sections.get("campaigns")),
        "sections": {k: v for k, v in result.sections.items() if k != "campaigns"},
        "groups": groups,
    }


def _environment():
    from jinja2 import PackageLoader
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=PackageLoader("brandlint.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@reporter("html", lines=True)
def render_html(result: RunResult, options: Options) -> str:
    return _environment().get_template("report.html.j2").render(page_context(result))
