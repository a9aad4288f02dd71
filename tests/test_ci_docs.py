"""docs/ci.md works as written: every YAML block parses, and every ``brandlint``
command in it runs, in document order, against a copy of ``examples/`` with the exit
code its flags promise, writing the report files the CI systems pick up."""

from __future__ import annotations

import json
import os
import re
import shlex
import xml.etree.ElementTree as ET

import pytest
import yaml
from typer.testing import CliRunner

from brandlint.cli import app
from conftest import REPO, SHARED, copy_examples

DOC = REPO / "docs" / "ci.md"
_BLOCK = re.compile(r"^```(yaml|sh)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return _BLOCK.findall(DOC.read_text(encoding="utf-8"))


def commands(kind: str, text: str) -> list[str]:
    """The shell lines of a block: GitHub steps' ``run``, GitLab jobs' ``script``."""
    if kind == "sh":
        return [line for line in text.splitlines() if line.strip()]
    data = yaml.safe_load(text)
    lines: list[str] = []
    for job in (data.get("jobs") or {}).values():  # GitHub Actions
        lines += [step["run"] for step in job.get("steps", ()) if "run" in step]
    for name, job in data.items():  # GitLab CI
        if isinstance(job, dict) and name not in ("jobs", "on", "permissions"):
            lines += [*job.get("before_script", ()), *job.get("script", ())]
    return lines


def expected_exit(args: list[str]) -> int:
    """The examples fail at error and at warning; a baseline of themselves excuses all."""
    if "--baseline" in args:
        return 0
    if "--fail-on" in args and args[args.index("--fail-on") + 1] == "never":
        return 0
    return 1


TOLERATE = "|| [ $? -eq 1 ]"  # failing copy passes, a usage error (exit 2) stops


def run(line: str, env: dict[str, str]) -> tuple[list[str], int]:
    """One ``brandlint`` shell line, in process; ``>>`` / ``>`` redirections honoured;
    returns the arguments and the exit code of brandlint itself."""
    line, _, rest = line.partition("||")
    assert not rest or f"||{rest}".strip() == TOLERATE, rest
    words = shlex.split(os.path.expandvars(line.replace("$GITHUB_STEP_SUMMARY", "${SUMMARY}")))
    if "#" in words:
        words = words[: words.index("#")]
    target, append = None, False
    for op in (">>", ">"):
        if op in words:
            i = words.index(op)
            target, append, words = words[i + 1], op == ">>", words[:i]
            break
    result = CliRunner().invoke(app, words[1:], env=env)
    assert "Traceback" not in result.output, line
    if target:
        with open(target, "a" if append else "w", encoding="utf-8") as handle:
            handle.write(result.stdout)
    return words[1:], result.exit_code


def test_every_yaml_block_parses_and_the_hook_exists():
    kinds = [kind for kind, _ in blocks()]
    assert kinds.count("yaml") == 4
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for kind, text in blocks():
        data = yaml.safe_load(text) if kind == "yaml" else None
        if data and "repos" in data:
            (repo,) = data["repos"]
            assert {h["id"] for h in repo["hooks"]} <= {h["id"] for h in hooks}


@pytest.mark.slow
def test_every_command_runs_as_documented(tmp_path, monkeypatch):
    work = tmp_path / "content"
    copy_examples(work)
    monkeypatch.chdir(work)
    env = {"SUMMARY": str(tmp_path / "summary.md"), "NO_COLOR": "1"}
    monkeypatch.setenv("SUMMARY", env["SUMMARY"])
    ran = []
    for kind, text in blocks():
        for line in commands(kind, text):
            if not line.startswith("brandlint "):
                continue  # pip, apt-get: the CI image's business
            args, code = run(line, env)
            assert code == expected_exit(args), line
            ran.append(args[0])
    assert len(ran) >= 10 and set(ran) == {"check"}

    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## brandlint: ❌ fail") and "```diff" in summary
    assert (
        sum(line.endswith(TOLERATE) for kind, text in blocks() for line in commands(kind, text))
        == 4
    )
    sarif = json.loads((work / "brandlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema.exists():
        import jsonschema

        jsonschema.Draft4Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(sarif)
    quality = json.loads((work / ".gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert quality and all(issue["fingerprint"] for issue in quality)
    junit = ET.parse(work / "brandlint-junit.xml").getroot()
    assert junit.tag == "testsuites" and int(junit.get("failures")) > 0
    baseline = json.loads((work / ".brandlint-baseline.json").read_text(encoding="utf-8"))
    assert baseline["schema_version"] == 1 and baseline["findings"]
    # No report the commands wrote is read as a draft by a later run.
    drafts = sorted(
        {f["path"] for f in baseline["findings"]} | {d["path"] for d in baseline["drafts"]}
    )
    examples = REPO / "examples"
    originals = sorted(  # the drafts: files in the channel folders, nothing hidden
        p.relative_to(examples).as_posix()
        for p in examples.rglob("*")
        if p.is_file()
        and p.parent != examples
        and not any(part.startswith(".") for part in p.relative_to(examples).parts)
    )
    assert drafts == originals


@pytest.mark.parametrize("name", ["ci.md", "formats.md"])
def test_docs_link_each_other_and_exist(name):
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([\w./-]+\.md)(?:#[\w-]+)?\)", text):
        assert (REPO / "docs" / link).exists(), f"{name} links a missing {link}"


def test_the_hook_manifest_matches_what_brandlint_reads():
    from brandlint.sources import SUFFIXES

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "brandlint" and hook["entry"] == "brandlint check"
    assert hook["require_serial"] is True and hook["language"] == "python"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for suffix in SUFFIXES:
        assert files.search(f"drafts/a{suffix}") and files.search(f"DRAFTS/A{suffix.upper()}")
    assert not files.search("build.py") and not files.search("notes.docx")
    assert exclude.search(".github/workflows/x.yml") and exclude.search(".pre-commit-config.yaml")
    assert not exclude.search("email/launch.md")
