"""The command line: every exit code, and every bad input ends in a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import invoke
from conftest import copy_examples

FRAMEWORK = """\
version: 1
brand:
  name: Acme Cloud
banned:
  - phrase: world-class
channels:
  email: {profile: email}
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A small content repository with a framework; the working directory."""
    (tmp_path / "messaging_framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "email").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_exit_0_when_every_draft_passes(repo):
    (repo / "email" / "ok.txt").write_text("Acme Cloud keeps you on-brand.", encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 0
    assert "pass" in result.output


def test_exit_1_when_a_draft_fails(repo):
    (repo / "email" / "bad.txt").write_text("Our world-class team.", encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 1
    assert "email/bad.txt" in result.output
    assert "'world-class' is banned" in result.output


def test_fail_on_warning_and_never(repo):
    (repo / "email" / "w.txt").write_text("Sign up on acme cloud.", encoding="utf-8")
    assert invoke("check", "--select", "brand-name", "--fail-on", "never").exit_code == 0
    assert invoke("check", "--select", "brand-name").exit_code == 1


def test_select_and_ignore_by_prefix(repo):
    (repo / "email" / "bad.txt").write_text("Our world-class team.", encoding="utf-8")
    assert invoke("check", "--ignore", "banned").exit_code == 0
    assert invoke("check", "--select", "brand-name,placeholder").exit_code == 0
    assert invoke("check", "--select", "banned-phrase").exit_code == 1


def test_stdin_with_filename_maps_the_channel(repo):
    result = invoke(
        "check",
        "-",
        "--stdin-filename",
        "email/draft.txt",
        "--format",
        "json",
        stdin="A world-class offer.",
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["findings"][0]["path"] == "email/draft.txt"
    assert data["findings"][0]["channel"] == "email"


def test_output_file(repo):
    (repo / "email" / "ok.txt").write_text("Acme Cloud.", encoding="utf-8")
    result = invoke("check", "--format", "json", "-o", "report.json")
    assert result.exit_code == 0
    assert json.loads((repo / "report.json").read_text(encoding="utf-8"))["summary"]["drafts"] == 1


def test_output_into_missing_directory_is_exit_2(repo):
    result = invoke("check", "-o", "missing/report.txt")
    assert result.exit_code == 2
    assert "error: missing/report.txt: cannot write the report" in result.output


def test_builtin_default_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sms").mkdir()
    (tmp_path / "sms" / "offer.txt").write_text(
        "Sale ends Friday. Reply STOP to opt out.", encoding="utf-8"
    )
    result = invoke("check")
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "built-in default" in notes[0] and "brandlint init" in notes[0]
    assert result.exit_code == 0


BAD_FRAMEWORKS = [
    ("version: 1\nbrand: [unclosed\n", "messaging_framework.yaml:3:1:", "YAML"),
    (
        "version: 1\nvalue_proposition:\n  tagine: x\n",
        "messaging_framework.yaml:3:3:",
        "did you mean 'tagline'",
    ),
    (
        "version: 1\nbrand:\n  fuzzy_threshold: high\n",
        "messaging_framework.yaml:3:20:",
        "expected a number",
    ),
    ("version: 1\nbanned:\n  - pattern: 'cheap(est'\n", "messaging_framework.yaml:3:", "regex"),
    (
        "version: 1\nchannels:\n  email: {profile: emial}\n",
        "messaging_framework.yaml:3:",
        "profile",
    ),
    (
        "version: 1\nrule_packs: [no-such-pack]\n",
        "messaging_framework.yaml:2:14:",
        "unknown rule pack",
    ),
    ("version: 2\n", "messaging_framework.yaml:1:10:", "version"),
]


@pytest.mark.parametrize(("text", "where", "what"), BAD_FRAMEWORKS)
@pytest.mark.parametrize("command", ["check", "validate"])
def test_bad_framework_is_exit_2_with_location(repo, text, where, what, command):
    (repo / "messaging_framework.yaml").write_text(text, encoding="utf-8")
    result = invoke(command)
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith(f"error: {where}"), first
    assert what.lower() in result.output.lower()


def test_missing_path_is_exit_2(repo):
    result = invoke("check", "nowhere/")
    assert result.exit_code == 2
    assert "error: nowhere: no such file or directory" in result.output


def test_unknown_format_is_a_usage_error(repo):
    assert invoke("check", "--format", "pdf").exit_code == 2


def test_validate_ok(repo):
    result = invoke("validate")
    assert result.exit_code == 0
    assert "ok: messaging_framework.yaml" in result.output


def test_init_then_validate_then_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init").exit_code == 0
    assert (tmp_path / "messaging_framework.yaml").exists()
    assert invoke("validate").exit_code == 0
    again = invoke("init")
    assert again.exit_code == 2 and "error:" in again.output


def test_rules_lists_every_rule_as_json():
    rows = json.loads(invoke("rules", "--format", "json").output)
    ids = {row["id"] for row in rows}
    assert {
        "banned-phrase",
        "brand-name",
        "terminology",
        "competitor",
        "channel-limit",
        "required-element",
        "placeholder",
        "input-error",
        "unused-suppression",
    } <= ids
    for row in rows:
        assert set(row) == {"id", "pack", "severity", "channels", "fixable", "summary", "source"}
        assert row["summary"]


def test_explain_every_rule():
    for row in json.loads(invoke("rules", "--format", "json").output):
        result = invoke("explain", row["id"])
        assert result.exit_code == 0
        assert result.output.startswith(row["id"])
        assert "Examples:" in result.output


def test_explain_unknown_rule_suggests():
    result = invoke("explain", "banned-phrases")
    assert result.exit_code == 2
    assert "did you mean 'banned-phrase'" in result.output


def test_python_dash_m_and_version():
    out = subprocess.run(
        [sys.executable, "-m", "brandlint", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "brandlint 1.0.0"


def test_user_error_never_prints_a_traceback_in_a_real_process(tmp_path):
    (tmp_path / "messaging_framework.yaml").write_text("version: 1\nbrand: [\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "brandlint", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("error: messaging_framework.yaml:")


def test_a_real_process_flushes_its_report_and_keeps_its_exit_code(tmp_path):
    """The process ends without tearing the interpreter down: what it printed on both
    streams still arrives whole, and its exit code is the verdict's."""
    examples = copy_examples(tmp_path / "examples")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

    def check(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "brandlint", "check", "--no-cache", *args]
        return subprocess.run(command, cwd=examples, capture_output=True, text=True, env=env)

    out = check("--format", "json")
    assert out.returncode == 1
    assert json.loads(out.stdout)["summary"]["status"] == "fail"
    out = check("--fix", "sms")
    assert out.returncode == 1
    assert out.stdout.rstrip().endswith("fail (--fail-on error)")
    assert out.stderr.startswith("fixed ")


def test_under_a_profiler_the_process_exits_the_ordinary_way(monkeypatch):
    """cProfile, coverage and debuggers write their data while the interpreter shuts
    down, so then the exit is sys.exit's."""
    from brandlint import cli

    monkeypatch.setattr(sys, "getprofile", lambda: print)
    with pytest.raises(SystemExit) as done:
        cli._exit(3)
    assert done.value.code == 3


@pytest.mark.slow
def test_wheel_ships_packs_schema_and_templates(tmp_path):
    """The built wheel carries rules/ (as brandlint/rulepacks/), the schemas and
    templates, and the installed package finds its shipped packs."""
    import zipfile

    repo = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(repo)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("brandlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "brandlint/framework/schema.json" in names
    assert "brandlint/config.schema.json" in names
    assert "brandlint/templates/messaging_framework.yaml" in names
    assert "brandlint/rulepacks/README.md" in names
    assert "brandlint/packs.schema.json" in names
    shipped = {p.name for p in (repo / "rules").glob("*.yaml")}
    assert {"zh-ad-law.yaml", "zh-typography.yaml"} <= shipped
    assert {f"brandlint/rulepacks/{name}" for name in shipped} <= names
    assert any(n.startswith("brandlint-1.0.0.dist-info/entry_points") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import brandlint, json; from brandlint.framework.load import shipped_packs;"
        "from brandlint.packs import load_pack;"
        "print(json.dumps([brandlint.__file__, {n: str(p) for n, p in shipped_packs().items()},"
        " len(load_pack('zh-ad-law').rules)]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    module, packs, rules = json.loads(out.stdout)
    assert module.startswith(str(site))
    assert {f"{name}.yaml" for name in packs} == shipped
    assert all(path.startswith(str(site / "brandlint" / "rulepacks")) for path in packs.values())
    assert rules > 0


def test_configured_spacy_model_that_is_not_installed_is_one_note(repo):
    (repo / "brandlint.yaml").write_text(
        "spacy_models: {en: en_no_such_pipeline}\n", encoding="utf-8"
    )
    (repo / "email" / "ok.txt").write_text("Acme Cloud keeps you on-brand.", encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 0
    assert "note: spaCy pipeline 'en_no_such_pipeline' (spacy_models.en) is not installed" in (
        result.output
    )
