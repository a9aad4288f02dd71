"""The ``github`` format: GitHub Actions workflow commands, one annotation per finding
(``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``).

Escaping follows the documented workflow-command rules: in the message, ``%``,
``\\r`` and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; in properties, ``:`` and
``,`` also become ``%3A`` and ``%2C``."""

from __future__ import annotations

from ..findings import Finding, Severity
from ..result import RunResult
from . import Options, reporter

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    title = f"brandlint {f.rule}" + (f" ({f.channel})" if f.channel else "")
    properties = (
        ("file", f.path),
        ("line", f.line),
        ("endLine", f.end_line),
        ("col", f.column),
        ("endColumn", f.end_column),
        ("title", title),
    )
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties)
    message = f.message
    if f.suggestions:
        message += "\nSuggestion: " + " | ".join(f.suggestions)
    return f"::{_COMMAND[f.severity]} {props}::{escape_data(message)}"


@reporter("github")
def render_github(result: RunResult, options: Options) -> str:
    """One annotation per finding, then (unless quiet) a plain summary line for the log."""
    lines = [annotation(f) for f in result.findings]
    if not options.quiet:
        failed = [c.channel for c in result.channels() if c.status == "fail"]
        verdict = f"fail ({', '.join(failed)})" if failed else "pass"
        lines.append(
            f"brandlint: {len(result.drafts)} drafts, {len(result.findings)} findings: "
            f"{verdict} (--fail-on {result.fail_on})"
        )
    return "".join(line + "\n" for line in lines)
