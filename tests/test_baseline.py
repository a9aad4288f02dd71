"""``--baseline``: a previous ``--format json`` report excuses the findings it holds;
only new ones fail. Matching ignores lines, so moving copy around keeps findings
excused; a file that is not a brandlint report is a usage error (exit 2)."""

from __future__ import annotations

import json

import pytest

from cli_helpers import invoke

FRAMEWORK = """\
version: 1
brand:
  name: Acme Cloud
banned:
  - phrase: world-class
  - phrase: cheap
terminology:
  - use: sign up
    instead_of: [signup]
channels:
  email: {profile: email}
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "messaging_framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    # Only the rules these tests are about, so other rules' findings do not count.
    (tmp_path / "brandlint.yaml").write_text(
        "select: [banned-phrase, terminology]\n", encoding="utf-8"
    )
    (tmp_path / "email").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make_baseline(repo, text: str) -> None:
    (repo / "email" / "a.txt").write_text(text, encoding="utf-8")
    made = invoke("check", "--format", "json", "-o", "baseline.json")
    assert made.exit_code == 1  # the baseline is taken from a failing run


def test_a_baselined_run_passes_and_says_how_many_matched(repo):
    make_baseline(repo, "Our world-class team.\nA cheap offer.\n")
    result = invoke("check", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []
    assert "note: 2 findings matched the baseline" in result.stderr


def test_only_findings_not_in_the_baseline_fail(repo):
    make_baseline(repo, "Our world-class team.\n")
    (repo / "email" / "a.txt").write_text(
        "Our world-class team.\nA cheap offer.\n", encoding="utf-8"
    )
    result = invoke("check", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["match"], f["line"]) for f in data["findings"]] == [("cheap", 2)]
    # The baseline file itself is not a draft, like the report written with -o.
    assert [(d["id"], d["status"]) for d in data["drafts"]] == [("email/a.txt", "fail")]
    assert "note: 1 finding matched the baseline" in result.stderr


def test_matching_survives_lines_moving(repo):
    make_baseline(repo, "Our world-class team.\n")
    (repo / "email" / "a.txt").write_text(
        "A new intro.\n\nAnother paragraph.\n\n  Our world-class team.\n", encoding="utf-8"
    )
    result = invoke("check", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.stdout


def test_matching_counts_occurrences(repo):
    make_baseline(repo, "Our world-class team.\n")
    (repo / "email" / "a.txt").write_text(
        "Our world-class team.\nA world-class offer.\n", encoding="utf-8"
    )
    result = invoke("check", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["findings"]) == 1  # one excused, the second is new


def test_the_gate_still_applies_to_what_is_new(repo):
    make_baseline(repo, "Our world-class team.\n")
    (repo / "email" / "a.txt").write_text("Our world-class team. Signup now.\n", encoding="utf-8")
    assert invoke("check", "--baseline", "baseline.json").exit_code == 0  # a warning
    gated = invoke("check", "--baseline", "baseline.json", "--fail-on", "warning")
    assert gated.exit_code == 1
    assert "terminology" in gated.stdout and "banned-phrase" not in gated.stdout


def test_a_finding_in_another_file_is_not_excused(repo):
    make_baseline(repo, "Our world-class team.\n")
    (repo / "email" / "b.txt").write_text("Our world-class team.\n", encoding="utf-8")
    result = invoke("check", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["email/b.txt"]


NOT_REPORTS = [
    ("[]", ": the baseline is not a brandlint JSON report"),
    ('{"version": "2.1.0", "runs": []}', ": the baseline is not a brandlint JSON report"),
    ('{\n  "findings": [,]\n}', ":2:16: the baseline is not a brandlint JSON report"),
    ("<testsuites/>", ":1:1: the baseline is not a brandlint JSON report"),
    (
        '{"schema_version": 2, "tool": {"name": "brandlint"}, "findings": []}',
        ": the baseline has schema_version 2",
    ),
    (
        '{"schema_version": 1, "tool": {"name": "brandlint"}, "findings": [{"rule": 1}]}',
        ": finding 1 of the baseline lacks rule, path, draft or message",
    ),
]


@pytest.mark.parametrize(("content", "message"), NOT_REPORTS)
def test_a_file_that_is_not_a_report_is_exit_2(repo, content, message):
    (repo / "email" / "a.txt").write_text("Our world-class team.\n", encoding="utf-8")
    (repo / "other.json").write_text(content, encoding="utf-8")
    result = invoke("check", "--baseline", "other.json")
    assert result.exit_code == 2
    assert f"error: other.json{message}" in result.stderr
    assert "hint: create one with `brandlint check --format json -o PATH`" in result.stderr
    assert result.stdout == ""  # no report at all


def test_a_missing_or_binary_baseline_is_exit_2(repo):
    missing = invoke("check", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "error: nope.json: cannot read the baseline: No such file or directory" in missing.stderr
    (repo / "binary.json").write_bytes(b"\xff\xfe\x00\x81")
    binary = invoke("check", "--baseline", "binary.json")
    assert binary.exit_code == 2
    assert "error: binary.json: cannot read the baseline: not UTF-8 text" in binary.stderr


def test_a_baseline_with_a_bom_is_read(repo):
    make_baseline(repo, "Our world-class team.\n")
    data = (repo / "baseline.json").read_text(encoding="utf-8")
    (repo / "baseline.json").write_text("\ufeff" + data, encoding="utf-8")
    assert invoke("check", "--baseline", "baseline.json").exit_code == 0
