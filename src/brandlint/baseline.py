"""``--baseline``: fail only on findings that are not in a previous ``--format json`` report.

A finding matches a baseline finding with the same rule, path, draft, field, matched
text and message, counted by occurrence (two identical findings in the baseline excuse
two, not three). Lines and columns are not compared, so edits that move copy around
do not bring baselined findings back.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .errors import BrandlintError
from .findings import Finding
from .result import RunResult, fails

Key = tuple[str, str, str, str | None, str | None, str]
_KEYS = ("rule", "path", "draft", "field", "match", "message")
_HINT = "create one with `brandlint check --format json -o PATH`"


def key(f: Finding) -> Key:
    return (f.rule, f.path, f.draft, f.field, f.match, f.message)


def load(path: Path) -> Counter[Key]:
    """The findings of a brandlint JSON report, counted by key; a file that is not one
    is a user error."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        why = getattr(error, "strerror", None) or "not UTF-8 text"
        raise BrandlintError(f"cannot read the baseline: {why}", path=shown, hint=_HINT) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BrandlintError(
            f"the baseline is not a brandlint JSON report: {error.msg}",
            path=shown,
            line=error.lineno,
            column=error.colno,
            hint=_HINT,
        ) from None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("tool"), dict)
        and data["tool"].get("name") == "brandlint"
        and isinstance(data.get("findings"), list)
    ):
        raise BrandlintError(
            "the baseline is not a brandlint JSON report (no tool.name 'brandlint' "
            "and findings list)",
            path=shown,
            hint=_HINT,
        )
    if data.get("schema_version") != 1:
        raise BrandlintError(
            f"the baseline has schema_version {data.get('schema_version')!r}; "
            "this brandlint reads version 1",
            path=shown,
            hint=_HINT,
        )
    counts: Counter[Key] = Counter()
    for index, item in enumerate(data["findings"], 1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("rule", "path", "draft", "message")
        ):
            raise BrandlintError(
                f"finding {index} of the baseline lacks rule, path, draft or message",
                path=shown,
                hint=_HINT,
            )
        counts[tuple(item.get(k) for k in _KEYS)] += 1
    return counts


def apply(result: RunResult, baseline: Counter[Key]) -> tuple[RunResult, int]:
    """``result`` without the findings the baseline holds, drafts re-gated; and how many
    findings the baseline matched."""
    budget = Counter(baseline)
    kept: list[Finding] = []
    for f in result.findings:
        k = key(f)
        if budget[k] > 0:
            budget[k] -= 1
        else:
            kept.append(f)
    failing = {f.draft for f in kept if fails(f.severity, result.fail_on)}
    drafts = tuple(replace(d, status="fail" if d.id in failing else "pass") for d in result.drafts)
    matched = len(result.findings) - len(kept)
    return replace(result, findings=tuple(kept), drafts=drafts), matched
