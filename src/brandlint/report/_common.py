"""Helpers the reporters share: stable fingerprints, findings by channel and draft,
fix edits as line/column regions, and diffs by channel."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from ..findings import Edit, Finding
from ..result import UNASSIGNED, FileDiff, RunResult, fails


def fingerprints(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    """A stable id per finding: a hash of rule, path, draft, field, the matched text
    (the message when nothing is matched) and its occurrence index among identical
    ones. Lines are left out, so a finding keeps its id when copy moves."""
    seen: Counter[tuple] = Counter()
    out = []
    for f in findings:
        text = f.match if f.match is not None else f.message
        key = (f.rule, f.path, f.draft, f.field or "", text)
        index = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(index))).encode("utf-8"))
        out.append(digest.hexdigest()[:32])
    return out


def by_channel(result: RunResult) -> dict[str, dict[str, list[Finding]]]:
    """Findings grouped by channel, then draft, in report order."""
    grouped: dict[str, dict[str, list[Finding]]] = {}
    for f in result.findings:
        grouped.setdefault(f.channel or UNASSIGNED, {}).setdefault(f.draft, []).append(f)
    return grouped


def diffs_for(result: RunResult, channel: str) -> list[FileDiff]:
    """The file diffs that fix drafts of ``channel``."""
    return [d for d in result.diffs if channel in d.channels]


def failing(result: RunResult, f: Finding) -> bool:
    """Whether ``f`` is at or above ``--fail-on``."""
    return fails(f.severity, result.fail_on)


def edit_region(result: RunResult, f: Finding, edit: Edit) -> tuple[int, int, int, int] | None:
    """``(line, column, end_line, end_column)`` of a fix edit: the finding's own region
    when the edit replaces the matched text, else computed on the finding's line;
    None when the edit lies elsewhere."""
    if (edit.start, edit.end) == (f.start, f.end):
        return f.line, f.column, f.end_line, f.end_column
    line = result.line_text(f.path, f.line)
    if line is None:
        return None
    line_start = f.start - (f.column - 1)
    if not line_start <= edit.start <= edit.end <= line_start + len(line):
        return None
    return f.line, edit.start - line_start + 1, f.line, edit.end - line_start + 1


ITEMS = "\x00items\x00"


def dumps_items(document: Any, items: list[Any], indent: str = "  ") -> str:
    """``document`` as indented JSON, with the value ``ITEMS`` inside it replaced by
    ``items`` written one per line. Big reports stay readable and diffable line by
    line, and the items go through json's C encoder (``indent`` would use the slow
    pure-Python one)."""
    head = json.dumps(document, ensure_ascii=False, indent=2)
    marker = json.dumps(ITEMS)
    at = head.index(marker)
    depth = head[:at].rsplit("\n", 1)[-1]
    depth = depth[: len(depth) - len(depth.lstrip())]
    if items:
        rows = f",\n{depth}{indent}".join(json.dumps(i, ensure_ascii=False) for i in items)
        body = f"[\n{depth}{indent}{rows}\n{depth}]"
    else:
        body = "[]"
    return head[:at] + body + head[at + len(marker) :] + "\n"
