"""The ``json`` format: the versioned contract of SPEC §4.3 (``schema_version: 1``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..findings import Finding
from ..result import DraftResult, FileDiff, RunResult
from . import Options, reporter, streamer

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
        "severity": f.severity,  # a str: encoded as its value, without the slow property
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


def draft_dict(d: DraftResult) -> dict:
    return {
        "id": d.id,
        "path": d.path,
        "channel": d.channel,
        "campaign": d.campaign,
        "locale": d.locale,
        "status": d.status,
        "pillars": list(d.pillars),
    }


def result_dict(result: RunResult) -> dict:
    """The report's top-level keys, in order; the drafts and findings lists are
    iterators, so each item is built only as it is written."""
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
        "drafts": map(draft_dict, result.drafts),
        "findings": map(finding_dict, result.findings),
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
    return "".join(stream_json(result, options))


@streamer("json")
def stream_json(result: RunResult, options: Options) -> Iterator[str]:
    return dumps(result_dict(result))


def dumps(report: dict) -> Iterator[str]:
    """The report in pieces, with one top-level key per line and one list item per
    line: easy to read and diff, written by json's C encoder (``indent`` would use the
    slow pure-Python one, which dominates on 100,000-draft runs), and never whole in
    memory (a list given as an iterator is encoded item by item)."""
    encode = _encoder()
    separator = "{\n"
    for key, value in report.items():
        yield f"{separator}  {json.dumps(key)}: "
        separator = ",\n"
        if not isinstance(value, (list, Iterator)):
            yield encode(value)
            continue
        opening = "[\n    "
        for item in value:
            yield opening + encode(item)
            opening = ",\n    "
        yield "[]" if opening == "[\n    " else "\n  ]"
    yield "\n}\n"


def _encoder() -> Callable[[Any], str]:
    """``JSONEncoder(ensure_ascii=False).encode`` with one C encoder for every item:
    ``encode`` builds a new one per call, a third of the time of writing a report of
    many small items. Where CPython's private ``c_make_encoder`` is missing or takes
    other arguments, ``encode`` itself."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    try:
        chunks = make(
            None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ",
            False, False, True,
        )  # fmt: skip
    except TypeError:
        return encoder.encode
    return lambda value: "".join(chunks(value, 0))
