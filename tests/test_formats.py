"""The report formats for pipelines: SARIF (validated against the official schema),
JUnit XML, GitHub workflow commands, GitLab Code Quality, Markdown and HTML."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from brandlint.findings import Finding, Severity
from brandlint.report import Options, formats, render, reporters
from brandlint.report.github import escape_data, escape_property
from brandlint.result import DraftResult, RunResult
from brandlint.rulesdoc import help_uri
from conftest import REPO, SHARED, copy_examples, lint_text

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

FRAMEWORK = {
    "brand": {"name": "Acme Cloud"},
    "banned": [{"phrase": "world-class", "suggest": ["trusted"]}, {"phrase": "cheap"}],
    "channels": {"email": {"profile": "email"}},
}
RULES = ("banned-phrase", "brand-name")  # the rules these tests are about


@pytest.fixture
def framework(make_framework):
    return make_framework(FRAMEWORK)


def tricky_result() -> RunResult:
    """Findings whose text needs escaping in every format."""
    nasty = 'Bad <script>alert("x")</script> & 100% | `tick` *star*\nnext\r\x1b[31m'
    findings = tuple(
        Finding(
            rule="banned-phrase",
            severity=severity,
            message=f"{nasty} #{i}",
            path="mail, list: 1.md",
            draft="mail, list: 1.md",
            line=i + 1,
            column=2,
            end_line=i + 1,
            end_column=5,
            field="body",
            channel="email",
            match="Bad",
            suggestions=("<b>x</b>",),
        )
        for i, severity in enumerate((Severity.ERROR, Severity.WARNING, Severity.INFO))
    )
    draft = DraftResult("mail, list: 1.md", "mail, list: 1.md", "email", None, "en", "fail")
    return RunResult(findings, (draft,), 1, version="1.0.0")


def test_every_spec_format_is_registered():
    assert {"text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html"} <= set(
        reporters()
    )


def test_each_format_is_its_reporter_modules_name_and_loads_alone():
    assert set(formats()) == set(reporters())  # the CLI lists formats without importing them
    code = (
        "import sys; from brandlint.report import render_pieces, Options;"
        "from brandlint.result import RunResult;"
        "''.join(render_pieces(RunResult((), (), 0, version='1'), 'json', Options()));"
        "print(sorted(m for m in sys.modules if m.startswith('brandlint.report.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['brandlint.report.json']"


@pytest.mark.parametrize("fmt", sorted(reporters()))
def test_every_format_renders_an_empty_run(fmt):
    assert render(RunResult((), (), 0, version="1.0.0"), fmt, Options()) != ""


def _sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (shared/ is not beside the repo)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_against_the_official_schema(framework):
    validator = _sarif_validator()
    result = lint_text(framework, "Our world-class, cheap team at ACME cloud.", channel="email")
    for r in (result, tricky_result(), pack_result()):
        sarif = json.loads(render(r, "sarif"))
        errors = sorted(validator.iter_errors(sarif), key=str)
        assert not errors, errors[0]


def test_sarif_rules_results_regions_and_fixes(framework):
    result = lint_text(framework, "Our world-class team.", channel="email", select=RULES)
    run = json.loads(render(result, "sarif"))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["id"] == "banned-phrase"
    assert rule["helpUri"] == help_uri("banned-phrase")
    assert rule["helpUri"].endswith("docs/rules.md#banned-phrase")
    assert "lemma" in rule["fullDescription"]["text"]
    (res,) = run["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 16}
    assert res["level"] == "error" and res["ruleIndex"] == 0
    (change,) = res["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "draft.md"
    assert change["replacements"] == [
        {"deletedRegion": region, "insertedContent": {"text": "trusted"}}
    ]


def test_sarif_leaves_out_unsafe_fixes(framework):
    result = lint_text(framework, "Try Acme Clowd today.", channel="email", select=RULES)
    (res,) = json.loads(render(result, "sarif"))["runs"][0]["results"]
    assert res["ruleId"] == "brand-name" and "fixes" not in res


def test_junit_suites_cases_failures_and_escaping():
    root = ET.fromstring(render(tricky_result(), "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.get("name") == "email" and suite.get("failures") == "1"
    (case,) = suite
    assert case.get("name") == "mail, list: 1.md"
    failure = case.find("failure")
    assert failure.get("message") == "1 finding at or above error"
    assert '<script>alert("x")</script>' in failure.text  # escaped in XML, intact when parsed
    assert "\x1b" not in failure.text  # not representable in XML 1.0: replaced
    system_out = case.find("system-out").text
    assert "#1" in system_out and "#2" in system_out and "#0" not in system_out


def test_github_commands_escape_data_and_properties():
    assert escape_data("100%\r\nx:y,z") == "100%25%0D%0Ax:y,z"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    lines = render(tricky_result(), "github").splitlines()
    assert lines[0].startswith(
        "::error file=mail%2C list%3A 1.md,line=1,endLine=1,col=2,endColumn=5,"
        "title=brandlint banned-phrase (email)::Bad <script>"
    )
    assert lines[1].startswith("::warning ") and lines[2].startswith("::notice ")
    assert "100%25" in lines[0] and "%0Anext%0D" in lines[0]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert lines[-1].startswith("brandlint: 1 drafts, 3 findings: fail (email)")


def test_gitlab_fingerprints_are_unique_and_survive_lines_moving(framework):
    text = "Our world-class team.\n\nA world-class offer.\n"
    before = json.loads(render(lint_text(framework, text, channel="email", select=RULES), "gitlab"))
    moved = lint_text(framework, "Intro.\n\n" + text, channel="email", select=RULES)
    after = json.loads(render(moved, "gitlab"))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert len({i["fingerprint"] for i in before}) == 2
    assert [i["location"]["positions"]["begin"]["line"] for i in after] == [6, 8]
    issue = before[0]
    assert issue["check_name"] == "banned-phrase" and issue["severity"] == "critical"
    assert issue["location"]["path"] == "draft.md"
    assert issue["description"].endswith("Suggestion: trusted")


def test_markdown_caps_findings_and_escapes_draft_text():
    result = tricky_result()
    many = RunResult(
        tuple(
            Finding("tone-caps", Severity.WARNING, f"m{i}", "a.md", "a.md", i + 1, 1, i + 1, 2)
            for i in range(60)
        ),
        (DraftResult("a.md", "a.md", None, None, "en", "pass"),),
        1,
    )
    md = render(many, "markdown")
    assert md.count("| ⚠️ warning |") == 50 and "…and 10 more." in md
    assert "| (unassigned) | 1 | 1 | 0 | 0 | 60 | ✅ pass |" in md
    md = render(result, "markdown")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\| \\`tick\\` \\*star\\*" in md
    row = next(line for line in md.splitlines() if "#0" in line)
    assert row.count(" | ") == 4  # the pipe in the message does not split the table row


def test_html_escapes_draft_text_and_is_self_contained(framework):
    result = lint_text(
        framework, "Our world-class <script>document.title='pwned'</script> team.", channel="email"
    )
    html = render(result, "html")
    assert "<script>document" not in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html


@pytest.fixture
def repo(tmp_path, monkeypatch):
    import yaml

    (tmp_path / "messaging_framework.yaml").write_text(
        yaml.safe_dump({"version": 1, **FRAMEWORK}), encoding="utf-8"
    )
    (tmp_path / "email").mkdir()
    (tmp_path / "email" / "a.txt").write_text("Our world-class team.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str):
    from typer.testing import CliRunner

    from brandlint.cli import app

    result = CliRunner().invoke(app, ["check", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("fmt", ["text", "sarif"])  # -o is the same code for every format
def test_output_file_holds_exactly_the_report(repo, fmt):
    printed = _check("--format", fmt)
    written = _check("--format", fmt, "-o", "report.out")
    assert written.exit_code == printed.exit_code == 1
    assert written.stdout == ""
    assert (repo / "report.out").read_text(encoding="utf-8") == printed.stdout
    assert not [p for p in repo.iterdir() if p.name.startswith(".report")]  # no temp file


def test_output_to_a_read_only_file_is_exit_2_and_keeps_it(repo):
    old = repo / "report.json"
    old.write_text("previous report\n", encoding="utf-8")
    old.chmod(0o444)
    try:
        result = _check("--format", "json", "-o", "report.json")
    finally:
        old.chmod(0o644)
    assert result.exit_code == 2
    assert "error: report.json: cannot write the report: the file is read-only" in result.stderr
    assert result.stdout == ""
    assert old.read_text(encoding="utf-8") == "previous report\n"


def test_output_to_a_directory_is_exit_2(repo):
    result = _check("-o", "email")
    assert result.exit_code == 2
    assert "error: email: cannot write the report: not a regular file" in result.stderr


def test_output_into_a_missing_directory_is_exit_2_with_a_hint(repo):
    result = _check("--format", "sarif", "-o", "out/report.sarif")
    assert result.exit_code == 2
    assert "error: out/report.sarif: cannot write the report: the directory does not exist" in (
        result.stderr
    )
    assert "hint: create the directory first" in result.stderr
    assert not (repo / "out").exists()


def test_a_run_that_fails_to_start_leaves_the_old_report_alone(repo):
    (repo / "report.json").write_text("previous report\n", encoding="utf-8")
    (repo / "messaging_framework.yaml").write_text("version: 1\nbrnad: {}\n", encoding="utf-8")
    result = _check("--format", "json", "-o", "report.json")
    assert result.exit_code == 2 and "did you mean" in result.stderr
    assert (repo / "report.json").read_text(encoding="utf-8") == "previous report\n"


def pack_result() -> RunResult:
    """A finding of a shipped pack's rule and one of a user's own pack."""
    findings = tuple(
        Finding(rule, Severity.ERROR, "m", "a.md", "a.md", 1, 1, 1, 3, match="最佳")
        for rule in ("my-pack/rule", "zh-ad-law/zui-terms")
    )
    draft = DraftResult("a.md", "a.md", None, None, "zh", "fail")
    return RunResult(findings, (draft,), 1, version="1.0.0")


def test_sarif_describes_shipped_pack_rules_and_links_their_pack():
    sarif = json.loads(render(pack_result(), "sarif"))
    mine, rule = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert mine == {
        "id": "my-pack/rule",
        "shortDescription": {"text": "my-pack/rule"},
        "helpUri": help_uri("my-pack/rule", shipped=False),
    }
    assert rule["helpUri"].endswith("/rules/zh-ad-law.yaml")
    assert rule["fullDescription"]["text"] and rule["defaultConfiguration"]["level"] == "error"
    assert help_uri("my-pack/rule", shipped=False).endswith("/docs/rule-packs.md")


@pytest.mark.parametrize(("fmt", "extension"), [("text", "txt"), ("markdown", "markdown")])
def test_examples_diff_golden(tmp_path, monkeypatch, fmt, extension):
    """``--diff`` on the shipped examples: each failing draft's fix under its channel.
    Regenerate with ``BRANDLINT_UPDATE_GOLDEN=1`` and review the diff."""
    import os

    from typer.testing import CliRunner

    from brandlint.cli import app

    copy_examples(tmp_path / "examples")
    monkeypatch.chdir(tmp_path / "examples")
    result = CliRunner().invoke(app, ["check", "--diff", "--format", fmt], env={"NO_COLOR": "1"})
    assert result.exit_code == 1, result.output
    golden = REPO / "tests" / "golden" / f"examples-diff.{extension}"
    if os.environ.get("BRANDLINT_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    assert "+++ b/google_ads/spring-launch.csv" in result.stdout


@pytest.mark.parametrize("target", ["messaging_framework.yaml", "baseline.json"])
def test_output_never_overwrites_an_input_of_the_run(repo, target):
    made = _check("--format", "json", "-o", "baseline.json")
    assert made.exit_code == 1
    before = (repo / target).read_bytes()
    result = _check("--baseline", "baseline.json", "--format", "json", "-o", target)
    assert result.exit_code == 2
    assert f"error: {target}: the report would overwrite an input of this run" in result.stderr
    assert (repo / target).read_bytes() == before


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_big_lists_are_one_item_per_line(fmt):
    lines = render(tricky_result(), fmt).splitlines()
    items = [line for line in lines if line.lstrip().startswith(('{"ruleId"', '{"type"'))]
    assert len(items) == 3  # one finding per line: diffable, and fast to write
    assert all(json.loads(line.strip().rstrip(",")) for line in items)
    empty = json.loads(render(RunResult((), (), 0, version="1.0.0"), fmt))
    assert empty == [] if fmt == "gitlab" else empty["runs"][0]["results"] == []


def test_text_never_passes_control_characters_from_copy_to_the_terminal():
    plain = render(tricky_result(), "text", Options(width=100))
    assert "\x1b" not in plain and "\r" not in plain
    assert "\ufffd[31m" in plain  # the escape in the message, made visible
    coloured = render(tricky_result(), "text", Options(width=100, color=True))
    assert "\x1b[31m" not in coloured  # no diff here: plain red only comes from the copy
    assert "\x1b[1;31merror  \x1b[0m" in coloured  # the report's own styles are kept
    assert coloured.count("\ufffd[31m") == plain.count("\ufffd[31m") == 3


def test_rule_reference_is_generated_and_has_every_help_anchor():
    from brandlint.rules.base import all_rules
    from brandlint.rulesdoc import anchor, rules_markdown

    doc = REPO / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: regenerate it with "
        "`brandlint rules --format markdown > docs/rules.md`"
    )
    headings = {
        anchor(line[3:])
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
    for rule_id in all_rules():
        assert help_uri(rule_id).rsplit("#", 1)[1] in headings
