"""The pre-commit hook end to end: the real ``pre-commit`` tool installs this
repository as a hook source into a temporary content repository and runs it there,
with ``pre-commit run`` and on ``git commit``. Installing the hook's environment
takes PyPI and a minute, hence ``slow``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent

FRAMEWORK = """\
version: 1
brand:
  name: Acme Cloud
banned:
  - phrase: world-class
    suggest: [trusted]
channels:
  email: {profile: email}
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        NO_COLOR="1",
        # The hook's environment is installed from PyPI; reuse pip's usual cache.
        PIP_CACHE_DIR=os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
    )
    return env


def _run(env: dict[str, str], cwd: Path, *command: str, timeout: int = 60):
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _git(env: dict[str, str], cwd: Path, *args: str) -> None:
    done = _run(env, cwd, "git", *args)
    assert done.returncode == 0, done.stderr


def _hook_source(env: dict[str, str], dest: Path) -> str:
    """This repository's working tree (tracked and new files, not ignored ones) as a
    git repository of one commit; its sha."""
    listed = _run(env, REPO, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listed.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout: the hook source must be one")
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():  # deleted but still in the index: skip
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(env, dest, "init", "-q")
    _git(env, dest, "add", ".")
    _git(env, dest, "commit", "-q", "-m", "hook source")
    return _run(env, dest, "git", "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """A content repository whose .pre-commit-config.yaml uses this repository's hook;
    returns (its path, the environment to run pre-commit in)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = _env(base / "home")
    (base / "home").mkdir()
    source = base / "brandlint"
    source.mkdir()
    rev = _hook_source(env, source)
    repo = base / "content"
    (repo / "email").mkdir(parents=True)
    (repo / ".github").mkdir()
    (repo / "messaging_framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source.as_posix()}\n    rev: {rev}\n    hooks:\n"
        "      - id: brandlint\n",
        encoding="utf-8",
    )
    (repo / "email" / "ok.md").write_text("Acme Cloud keeps you on-brand.\n", encoding="utf-8")
    # Not copy: a script and a hidden config file mention the banned phrase.
    (repo / "build.py").write_text("# world-class\n", encoding="utf-8")
    (repo / ".github" / "notes.md").write_text("A world-class note.\n", encoding="utf-8")
    _git(env, repo, "init", "-q")
    _git(env, repo, "add", ".")
    installed = _run(env, repo, sys.executable, "-m", "pre_commit", "install-hooks", timeout=900)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, env


def pre_commit(content, *args: str):
    repo, env = content
    return _run(env, repo, sys.executable, "-m", "pre_commit", *args, timeout=300)


def test_the_hook_passes_clean_copy_and_skips_what_is_not_copy(content):
    done = pre_commit(content, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "brandlint" in done.stdout and "Passed" in done.stdout


def test_the_hook_fails_on_a_staged_draft_with_a_finding(content):
    repo, env = content
    draft = repo / "email" / "launch.md"
    draft.write_text("Our world-class team.\n", encoding="utf-8")
    _git(env, repo, "add", "email/launch.md")
    try:
        done = pre_commit(content, "run", "--files", "email/launch.md")
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Failed" in done.stdout
        assert "email/launch.md" in done.stdout
        assert "'world-class' is banned" in done.stdout and "banned-phrase" in done.stdout
    finally:
        draft.unlink()
        _git(env, repo, "add", "-A")


def test_git_commit_is_blocked_until_the_copy_is_fixed(content):
    repo, env = content
    assert pre_commit(content, "install").returncode == 0
    draft = repo / "email" / "promo.md"
    draft.write_text("A world-class offer.\n", encoding="utf-8")
    _git(env, repo, "add", "email/promo.md")
    blocked = _run(env, repo, "git", "commit", "-m", "promo", timeout=300)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "banned-phrase" in blocked.stdout + blocked.stderr
    draft.write_text("A trusted offer.\n", encoding="utf-8")
    _git(env, repo, "add", "email/promo.md")
    committed = _run(env, repo, "git", "commit", "-m", "promo", timeout=300)
    assert committed.returncode == 0, committed.stdout + committed.stderr
