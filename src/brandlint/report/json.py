"""The ``json`` format: the versioned contract of SPEC §4.3 (``schema_version: 1``)."""

from __future__ import annotations

import json

from ..findings import Finding
from ..result import FileDiff, RunResult
from . import Options, reporter

SCHEMA_VERSION = 1


def finding_dict(f: Finding, result: RunResult | None = None) -> dict:
    fix = None
    if f.fix is not None and f.fix.applicability == "safe":
        fix = {
            "edits": [
                {"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits
            ]
        }
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "path": f.path,
        "draft": f.draft,
        "field": f.field,
        "channel": f.channel,
        "campaign": f.campaign,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "match": f.match,
        "suggestions": list(f.suggestions),
        "fix": fix,
    }


def result_dict(result: RunResult) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "brandlint", "version": result.version},
        "framework": result.framework,
        "summary": {
            "files": result.files,
            "drafts": len(result.drafts),
            "findings": len(result.findings),
            "by_severity": result.by_severity(),
            "status": result.status,
        },
        "channels": [
            {
                "channel": c.channel,
                "drafts": c.drafts,
                "passed": c.passed,
                "failed": c.failed,
                "status": c.status,
                "by_severity": c.by_severity,
            }
            for c in result.channels()
        ],
        "drafts": [
            {
                "id": d.id,
                "path": d.path,
                "channel": d.channel,
                "campaign": d.campaign,
                "locale": d.locale,
                "status": d.status,
                "pillars": list(d.pillars),
            }
            for d in result.drafts
        ],
        "findings": [finding_dict(f) for f in result.findings],
        **({"coverage": coverage_dict(result)} if result.pillars else {}),
        **result.sections,
        **({"diffs": [diff_dict(d) for d in result.diffs]} if result.diffs else {}),
    }


def diff_dict(d: FileDiff) -> dict:
    """With ``--diff``: one changed file, the channels of the drafts it fixes, how many
    safe fixes and the unified diff ``--fix`` writes."""
    return {"path": d.path, "channels": list(d.channels), "fixes": d.fixes, "diff": d.diff}


def coverage_dict(result: RunResult) -> dict:
    """The channels x pillars matrix (docs/value.md): per channel, its drafts, how many
    support each pillar and how many support none."""
    return {
        "pillars": list(result.pillars),
        "channels": [
            {"channel": c.channel, "drafts": c.drafts, "pillars": c.pillars, "none": c.none}
            for c in result.coverage()
        ],
    }


@reporter("json")
def render_json(result: RunResult, options: Options) -> str:
    return dumps(result_dict(result))


def dumps(report: dict) -> str:
    """The report with one top-level key per line and one list item per line: easy to
    read and diff, and written by json's C encoder (``indent`` would use the slow
    pure-Python one, which dominates on 100,000-draft runs)."""

    def value(v: object) -> str:
        if isinstance(v, list) and v:
            items = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in v)
            return f"[\n    {items}\n  ]"
        return json.dumps(v, ensure_ascii=False)

    body = ",\n".join(f"  {json.dumps(k)}: {value(v)}" for k, v in report.items())
    return "{\n" + body + "\n}\n"
