"""Same findings everywhere: one process or several, with the cache or without, a big
table read whole or in slices. And the cache is invalidated by whatever decides the
findings, survives corrupt entries, and spares a fully cached run the NLP imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brandlint import cache, engine
from brandlint.cli import app
from brandlint.worker import Linter
from conftest import copy_examples

STDIN = "Acme Cloud: world-class campaigns. Save 30% until May 5. Reply STOP to opt out.\n"

ROWS = [
    "Launch campaigns in minutes,Save 20% until May 5,Acme Cloud for teams",
    'Acme Clowd: launch in minutes,"Save 20% until May 5, ""today""",Cheap plans',
    "Sign up free,Save 30% until May 7,World-class approvals",
    'Quick setup,"Two lines\nin one cell",every channel',
    "The on-brand platform,Save 20% until May 5,Register now",
]


def ads_csv(rows: int, extra: str = "") -> str:
    """An ad export with several campaigns, quoted cells and line breaks in cells."""
    lines = ["id,campaign,Headline 1,Description 1,Headline 2"]
    for i in range(1, rows + 1):
        lines.append(f"ad{i},spring-{i % 3},{ROWS[i % len(ROWS)]}")
        if i % 11 == 0:
            lines.append("")  # a blank line between records
    return "\n".join(lines) + "\n" + extra


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """examples/ plus a generated ad export; big-table slicing and the pool kick in at
    test sizes; the installed-code stamp is fixed (others may be editing the package)."""
    root = tmp_path / "repo"
    copy_examples(root)
    (root / "google_ads" / "export.csv").write_text(ads_csv(60), encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setattr(engine, "SLICE_BYTES", 512)
    monkeypatch.setattr(engine, "SLICE_ROWS", 7)
    monkeypatch.setattr(engine, "POOL_FILES", 2)
    monkeypatch.setattr(cache, "_code_stamp", lambda: "fixed")
    return root


def check(*args: str, stdin: str | None = None) -> bytes:
    """The JSON report of ``brandlint check``."""
    out = Path("..", "report.json")
    result = CliRunner().invoke(
        app, ["check", "--format", "json", "-o", str(out), *args], input=stdin
    )
    assert result.exit_code in (0, 1), result.output + repr(result.exception)
    return out.read_bytes()


@pytest.fixture
def linted(monkeypatch):
    """The names of the files each run lints (rather than takes from the cache); runs
    in this process only (``-j 1``)."""
    names: list[str] = []
    run = Linter.run

    def spy(self, tasks, progress=None):
        tasks = list(tasks)
        names.extend(t.shown for t in tasks)
        return run(self, tasks, progress)

    monkeypatch.setattr(Linter, "run", spy)
    return names


def test_jobs_and_cache_give_identical_json(corpus, tmp_path):
    args = (".", "-", "--stdin-filename", "sms/stdin.txt")
    base = check(*args, "-j", "1", "--no-cache", stdin=STDIN)
    assert b"campaign-conflict" in base and b"export.csv#ad60" in base
    assert check(*args, "-j", "2", "--no-cache", stdin=STDIN) == base
    store = str(tmp_path / "cache")
    assert check(*args, "-j", "2", "--cache-dir", store, stdin=STDIN) == base  # cold
    assert check(*args, "-j", "1", "--cache-dir", store, stdin=STDIN) == base  # warm


def test_slices_read_like_the_whole_table(corpus, monkeypatch):
    sliced = check("google_ads", "--no-cache", "-j", "1")
    monkeypatch.setattr(engine, "SLICE_BYTES", 1 << 30)
    assert check("google_ads", "--no-cache", "-j", "1") == sliced


@pytest.mark.parametrize(
    "extra",
    [
        "ad3,spring-1,Duplicate id,in a later slice,x\n",  # duplicate id across slices
        "ad99,spring-1,one cell too many,x,y,z\n",  # a bad row in the last slice
        'ad98,spring-1,"unclosed quote,x,y\n',
    ],
)
def test_input_errors_in_slices_match_the_whole_read(corpus, monkeypatch, extra):
    (corpus / "google_ads" / "export.csv").write_text(ads_csv(60, extra), encoding="utf-8")
    sliced = check("google_ads", "--no-cache", "-j", "2")
    assert b'"input-error"' in sliced
    monkeypatch.setattr(engine, "SLICE_BYTES", 1 << 30)
    assert check("google_ads", "--no-cache", "-j", "1") == sliced


def test_cache_is_invalidated_by_file_framework_and_config(corpus, tmp_path, linted):
    store = str(tmp_path / "cache")
    first = check("--cache-dir", store, "-j", "1")
    assert "sms/reminder.txt" in linted
    linted.clear()
    assert check("--cache-dir", store, "-j", "1") == first
    assert linted == []

    draft = corpus / "sms" / "reminder.txt"
    draft.write_text(draft.read_text(encoding="utf-8") + "World-class!\n", encoding="utf-8")
    check("--cache-dir", store, "-j", "1")
    assert linted == ["sms/reminder.txt"]

    linted.clear()
    framework = corpus / "messaging_framework.yaml"
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("banned:", "banned:\n  - phrase: teams", 1),
        encoding="utf-8",
    )
    assert b"'teams'" in check("--cache-dir", store, "-j", "1")
    assert "sms/reminder.txt" in linted and "x/launch-post.txt" in linted

    linted.clear()
    config = corpus / "brandlint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "ignore: [placeholder]\n", "utf-8")
    check("--cache-dir", store, "-j", "1")
    assert "sms/reminder.txt" in linted and "x/launch-post.txt" in linted


def test_corrupt_entries_are_ignored(corpus, tmp_path, linted):
    store = tmp_path / "cache"
    first = check("--cache-dir", str(store), "-j", "1")
    entries = [p for p in store.rglob("*") if p.is_file() and p.parent != store]
    assert entries
    for i, entry in enumerate(entries):
        entry.write_bytes(b"" if i % 2 else b"\x80\x05not a pickle")
    linted.clear()
    assert check("--cache-dir", str(store), "-j", "1") == first
    assert "sms/reminder.txt" in linted


def test_default_cache_location_and_no_cache(corpus, linted):
    check("-j", "1")
    assert (corpus / ".brandlint_cache" / "CACHEDIR.TAG").is_file()
    linted.clear()
    check("--no-cache", "-j", "1")
    assert "sms/reminder.txt" in linted


def test_a_fully_cached_run_imports_no_nlp(corpus, tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        from brandlint import cache
        cache._code_stamp = lambda: "fixed"
        from brandlint.cli import app
        try:
            app(["check", "--cache-dir", {str(tmp_path / "cache")!r}, "-q", "-j", "1"])
        except SystemExit:
            pass
        print("spacy" in sys.modules, "jieba" in sys.modules, file=sys.stderr)
        """
    )

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=corpus,
            env={**os.environ, "NO_COLOR": "1"},
            check=False,
        )
        return done.stderr.strip().splitlines()[-1]

    assert run() == "True True"  # the cold run analyses English and Chinese drafts
    assert run() == "False False"


def test_a_rerun_over_the_same_files_is_served_whole(corpus, tmp_path, linted, monkeypatch):
    store = str(tmp_path / "cache")
    first = check("--cache-dir", store, "-j", "1")
    built = []
    build = engine.RuleSet.build

    def counting(*args, **kwargs):
        built.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(engine.RuleSet, "build", counting)
    linted.clear()
    assert check("--cache-dir", store, "-j", "1") == first
    assert built == [] and linted == []  # no rule compiled, no file linted or merged

    strict = check("--cache-dir", store, "-j", "1", "--fail-on", "warning")
    assert built == [1] and linted == []  # another gate: merged again from the files
    assert strict != first

    draft = corpus / "x" / "launch-post.txt"
    draft.write_text(draft.read_text(encoding="utf-8") + "World-class!\n", encoding="utf-8")
    assert b"world-class" in check("--cache-dir", store, "-j", "1").lower()
    assert built == [1, 1] and linted == ["x/launch-post.txt"]


def test_unchanged_files_are_not_read_again_to_hash_them(corpus, tmp_path, monkeypatch):
    """Like Git's index: a file's hash is remembered with its size, times and inode, so a
    re-run stats it instead of reading it; any write changes the change time."""
    store = str(tmp_path / "cache")
    hashed: list[int] = []
    digest = engine.digest
    monkeypatch.setattr(engine, "digest", lambda data: hashed.append(1) or digest(data))
    fresh = corpus / "sms" / "fresh.txt"
    fresh.write_text("Acme Cloud: launch today.\n", encoding="utf-8")
    first = check("--cache-dir", store, "-j", "1")
    files = len(hashed)
    hashed.clear()
    assert check("--cache-dir", store, "-j", "1") == first
    assert len(hashed) == files  # every file was written under 2 s ago: none remembered

    monkeypatch.setattr(cache, "_SETTLED_NS", 0)
    check("--cache-dir", store, "-j", "1")
    hashed.clear()
    assert check("--cache-dir", store, "-j", "1") == first
    assert len(hashed) == 2  # the two tables big enough to slice are always read

    # Same size, and the modification time put back: the change time still moves.
    stat = fresh.stat()
    fresh.write_text("Acme Cloud: world-class!!\n", encoding="utf-8")
    os.utime(fresh, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert fresh.stat().st_size == stat.st_size

    def banned(report: bytes) -> list[str]:
        findings = json.loads(report)["findings"]
        return [f["match"] for f in findings if f["path"] == "sms/fresh.txt" and f["match"]]

    assert banned(first) == []
    assert banned(check("--cache-dir", store, "-j", "1")) == ["world-class", "world-class", "!!"]


def test_the_python_api_takes_jobs_and_the_cache(corpus, tmp_path):
    from brandlint import lint
    from brandlint.report import Options, render

    def report(**kwargs) -> str:
        return render(lint(["."], **kwargs), "json", Options())

    plain = report()
    assert report(jobs=2, cache=tmp_path / "cache") == plain  # cold
    assert report(jobs=1, cache=tmp_path / "cache") == plain  # served whole
    assert not (corpus / ".brandlint_cache").exists()
    assert report(cache=True) == plain
    assert (corpus / ".brandlint_cache" / "CACHEDIR.TAG").is_file()


def test_only_reports_that_show_source_lines_keep_them(corpus, tmp_path):
    from brandlint.api import load_settings
    from brandlint.report import shows_lines

    formats = ("text", "html", "sarif", "json", "github", "gitlab", "junit", "markdown")
    assert [f for f in formats if shows_lines(f)] == ["text", "html", "sarif"]
    framework, config = load_settings()
    ruleset = engine.RuleSet.build(framework, config)
    kept = engine.lint_paths([Path(".")], ruleset, config, root=corpus)
    bare = engine.lint_paths([Path(".")], ruleset, config, root=corpus, lines=False)
    assert kept.context and not bare.context
    assert (bare.findings, bare.drafts) == (kept.findings, kept.drafts)

    store = str(tmp_path / "cache")
    check("--cache-dir", store, "-j", "1")  # JSON: the whole result is kept without lines
    shown = CliRunner().invoke(app, ["check", "sms", "--cache-dir", store, "-j", "1"])
    again = CliRunner().invoke(app, ["check", "sms", "--cache-dir", store, "-j", "1"])
    assert kept.context["sms/reminder.txt"][1].startswith("Hi [First Name], your")
    assert "│ Hi [First Name], your" in shown.output and again.output == shown.output
