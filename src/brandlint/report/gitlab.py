"""The ``gitlab`` format: a GitLab Code Quality report (a JSON array of CodeClimate-style
issues) for the ``artifacts:reports:codequality`` of a CI job.

Fingerprints hash the rule, path, draft, field, matched text and occurrence index,
not line numbers, so an issue keeps its identity when copy moves and GitLab shows
only what a merge request really adds or fixes."""

from __future__ import annotations

from ..findings import Finding, Severity
from ..result import RunResult
from . import Options, reporter
from ._common import ITEMS, dumps_items, fingerprints

_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(f: Finding, fingerprint: str) -> dict:
    description = f.message
    if f.suggestions:
        description += " Suggestion: " + " | ".join(f.suggestions)
    return {
        "type": "issue",
        "description": description,
        "check_name": f.rule,
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": _SEVERITY[f.severity],
        "location": {
            "path": f.path,
            "positions": {
                "begin": {"line": f.line, "column": f.column},
                "end": {"line": f.end_line, "column": f.end_column},
            },
        },
    }


@reporter("gitlab")
def render_gitlab(result: RunResult, options: Options) -> str:
    prints = fingerprints(result.findings)
    issues = [_issue(f, p) for f, p in zip(result.findings, prints, strict=True)]
    return dumps_items(ITEMS, issues)
