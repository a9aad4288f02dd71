"""The HTML report as a browser shows it: headless Chromium loads the page, and the
test reads the rendered DOM (and keeps a screenshot in tests/artifacts/)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brandlint.cli import app
from conftest import copy_examples

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCRIPT = "<script>document.body.setAttribute('data-pwned', 'yes')</script>"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("chromium is not installed (.ci/run installs the Debian package 'chromium')")


def _browse(chromium: str, page: Path, profile: Path, *action: str) -> str:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1200,2400",
        *action,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The examples plus a draft carrying a script, reported as HTML with diffs."""
    repo = tmp_path_factory.mktemp("html") / "examples"
    copy_examples(repo)
    (repo / "email" / "script.md").write_text(
        f"---\nsubject: Hello\n---\nOur world-class team {SCRIPT}.\n\nUnsubscribe here.\n",
        encoding="utf-8",
    )
    (repo / "x" / "spring-teaser.md").write_text(
        "---\ncampaign: spring-launch\n---\nAcme Cloud for spring: https://acme.example/sale\n",
        encoding="utf-8",
    )
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        for fmt in ("html", "json"):
            result = CliRunner().invoke(
                app, ["check", "--format", fmt, "--diff", "-o", f"../report.{fmt}"]
            )
            assert result.exit_code == 1, result.output
    finally:
        os.chdir(cwd)
    return repo.parent / "report.html"


def _text(dom: str) -> str:
    """The visible text of a DOM dump: tags dropped, entities left as they are."""
    body = dom.split("<body", 1)[1]
    body = re.sub(r"<style.*?</style>", "", body, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_browser_shows_channels_findings_and_the_draft_script_as_text(report, tmp_path):
    chromium = _chromium()
    dom = _browse(chromium, report, tmp_path / "profile", "--dump-dom")
    text = _text(dom)
    assert "brandlint report FAIL" in text.replace("fail", "FAIL")
    # Per channel, what the JSON report of the same run says: drafts, passed, failed,
    # errors, warnings, info, status.
    data = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert len(data["channels"]) == 5
    for c in data["channels"]:
        counts = " ".join(str(c[k]) for k in ("drafts", "passed", "failed"))
        severities = " ".join(str(n) for n in c["by_severity"].values())
        assert f"{c['channel']} {counts} {severities} {c['status']}" in text
    assert "'World-class' is banned: Unsubstantiated superlative." in text
    # The channels x pillars heat map holds the JSON report's coverage matrix.
    assert "Pillar coverage channel drafts speed consistency control no pillar" in text
    for row in data["coverage"]["channels"]:
        cells = " ".join(f"{n}/{row['drafts']}" for n in row["pillars"].values())
        assert f"{row['channel']} {row['drafts']} {cells} {row['none']}" in text
    assert 'class="cell h0" title="0 of 2 drafts support control"' in dom
    # The campaign fact table: a column per channel, the disagreeing landing URLs marked.
    assert "spring-launch 2 conflicts" in text  # both sides of the disagreement
    assert "fact expected email google_ads weibo x" in text
    assert '<div class="value conflict" title="x/spring-teaser.md:4:24: https://acme' in dom
    assert "&lt;script&gt;document.body.setAttribute" in dom  # shown as text
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # never ran
    assert "+Acme Clowd: launch in minutes,Affordable plans" not in text  # fuzzy: no fix
    assert "Affordable plans for every team" in text  # the safe fix's diff


def test_screenshot_is_kept_as_an_artifact(report, tmp_path):
    chromium = _chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    _browse(chromium, report, tmp_path / "profile", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000
