"""What a terminal shows and what a CI log gets: colour and the progress bar only on a
TTY (a real pseudo-terminal here), plain text with no progress noise when piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

FRAMEWORK = """\
version: 1
brand:
  name: Acme Cloud
channels:
  email: {profile: email}
  sms: {profile: sms}
"""
ROWS = 350  # rows of one CSV file: a run long enough for the bar, in its last file


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "messaging_framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "email").mkdir()
    (tmp_path / "email" / "a.txt").write_text("Try ACME cloud.\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def many(repo):
    (repo / "sms").mkdir()
    rows = "".join(f"{i},Acme Cloud says hi {i}.\n" for i in range(ROWS))
    (repo / "sms" / "batch.csv").write_text("id,body\n" + rows, encoding="utf-8")
    return repo


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    env.update(TERM="xterm-256color", COLUMNS="100", LINES="40", **extra)
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "brandlint", "check", *args]


def _in_terminal(cwd, *args: str, piped_stdout: bool = False, **env: str) -> tuple[str, str]:
    """Run brandlint with stderr (and stdout, unless piped) on a pseudo-terminal;
    returns (what the terminal got, what the pipe got)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        _command(*args),
        cwd=cwd,
        env=_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if piped_stdout else slave,
        stderr=slave,
    )
    os.close(slave)
    screen = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        screen.append(data)
    piped = process.stdout.read() if piped_stdout else b""
    process.wait(timeout=120)
    os.close(master)
    return b"".join(screen).decode("utf-8", "replace"), piped.decode("utf-8")


def _piped(cwd, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(*args),
        cwd=cwd,
        env=_env(**env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_diff_is_coloured_on_a_terminal(repo):
    screen, _ = _in_terminal(repo, "--diff")
    assert "\x1b[" in screen
    red, green = "\x1b[31m-Try ACME cloud.", "\x1b[32m+Try Acme Cloud."
    assert red in screen and green in screen


def test_no_color_is_honoured_on_a_terminal(repo):
    screen, _ = _in_terminal(repo, "--diff", NO_COLOR="1")
    assert "-Try ACME cloud." in screen and "+Try Acme Cloud." in screen
    assert "\x1b[3" not in screen  # no colour codes (rich may still move the cursor)


def test_progress_bar_shows_on_a_terminal_for_a_long_run(many):
    screen, report = _in_terminal(many, "--format", "json", piped_stdout=True)
    assert "linting" in screen and "files" in screen
    assert '"drafts": 351' in report  # the report itself is untouched


def test_no_progress_bar_in_ci_even_on_a_terminal(many):
    screen, report = _in_terminal(many, "--format", "json", piped_stdout=True, CI="true")
    assert "linting" not in screen and screen.strip() == ""
    assert '"drafts": 351' in report


def test_no_progress_noise_or_colour_when_piped(many):
    done = _piped(many, "--diff")
    assert done.returncode == 1  # email/a.txt fails
    assert done.stderr == ""
    assert "-Try ACME cloud.\n+Try Acme Cloud.\n" in done.stdout
    assert "linting" not in done.stdout
    assert "\r" not in done.stdout and "\x1b" not in done.stdout
    assert "351 drafts in 2 files" in done.stdout
