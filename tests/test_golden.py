"""Golden outputs: the shipped examples through every reporter, byte for byte.

Regenerate after an intended change with ``BRANDLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from brandlint.report import Options, render, reporters

GOLDEN = Path(__file__).parent / "golden"


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BRANDLINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(reporters()))
def test_examples_golden(examples_result, fmt):
    extension = {"text": "txt"}.get(fmt, fmt)
    _check(f"examples.{extension}", render(examples_result, fmt, Options(width=100)))


def test_json_matches_the_spec_contract(examples_result):
    data = json.loads(render(examples_result, "json"))
    assert data["schema_version"] == 1
    assert list(data)[:7] == [
        "schema_version",
        "tool",
        "framework",
        "summary",
        "channels",
        "drafts",
        "findings",
    ]
    assert set(list(data)[7:]) <= {"campaigns", "coverage"}  # additive sections
    assert list(data["summary"]) == ["files", "drafts", "findings", "by_severity", "status"]
    assert list(data["channels"][0]) == [
        "channel",
        "drafts",
        "passed",
        "failed",
        "status",
        "by_severity",
    ]
    assert list(data["drafts"][0]) == [
        "id",
        "path",
        "channel",
        "campaign",
        "locale",
        "status",
        "pillars",
    ]
    assert set(data["findings"][0]) == {
        "rule",
        "severity",
        "message",
        "path",
        "draft",
        "field",
        "channel",
        "campaign",
        "line",
        "column",
        "end_line",
        "end_column",
        "match",
        "suggestions",
        "fix",
    }
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in data["findings"]]
    assert keys == sorted(keys)


def test_examples_have_passing_and_failing_drafts_in_every_channel(examples_result):
    for channel in examples_result.channels():
        assert channel.passed >= 1 and channel.failed >= 1, channel


def test_result_is_picklable(examples_result):
    import pickle

    assert pickle.loads(pickle.dumps(examples_result)) == examples_result
