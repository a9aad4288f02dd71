"""Helper for CLI tests: run ``brandlint`` in-process and refuse a traceback."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from brandlint.cli import app

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> Result:
    """``brandlint ARGS`` with ``stdin``; a user mistake must never end in a traceback."""
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
