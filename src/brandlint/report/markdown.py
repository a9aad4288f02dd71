"""The ``markdown`` format: a summary for pull-request comments and CI job summaries
(``$GITHUB_STEP_SUMMARY``): the verdict, a pass/fail table per channel, the top
findings and, with ``--diff``, the diff of each file's safe fixes under its channel.

Draft text is escaped, so copy that looks like Markdown or HTML shows as written."""

from __future__ import annotations

import re

from ..findings import Finding
from ..result import RunResult
from . import Options, reporter
from ._common import by_channel, diffs_for, failing

MAX_FINDINGS = 50
# What can start emphasis, code, links, strikethrough or end a table cell; an
# underscore inside a word (google_ads) cannot, so it stays as it is.
_MARKDOWN = re.compile(r"([\\`*\[\]|~])|(?<![^\W_])_|_(?![^\W_])")


def escape(text: str) -> str:
    """Text for a Markdown table cell or paragraph: HTML-escaped, Markdown
    punctuation backslashed, on one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(lambda m: "\\" + m.group(), text)
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def code(text: str) -> str:
    """An inline code span that holds ``text`` exactly (backticks included)."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fenced(text: str, info: str) -> str:
    """A fenced code block longer than any backtick run inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


def _finding_row(result: RunResult, f: Finding) -> str:
    mark = "❌" if failing(result, f) else "⚠️" if f.severity.value == "warning" else "ℹ️"
    where = code(f"{f.path}:{f.line}:{f.column}")
    suggestion = f" — suggestion: {escape(' | '.join(f.suggestions))}" if f.suggestions else ""
    return (
        f"| {mark} {f.severity.value} | {code(f.rule)} | {escape(f.channel or '—')} | {where} "
        f"| {escape(f.message)}{suggestion} |"
    )


@reporter("markdown")
def render_markdown(result: RunResult, options: Options) -> str:
    counts = result.by_severity()
    verdict = "✅ pass" if result.status == "pass" else "❌ fail"
    out = [
        f"## brandlint: {verdict}",
        "",
        f"{len(result.drafts)} drafts in {result.files} files: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info (`--fail-on {result.fail_on}`)",
        "",
        "| channel | drafts | passed | failed | errors | warnings | status |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for c in result.channels():
        status = "✅ pass" if c.status == "pass" else "❌ **fail**"
        out.append(
            f"| {escape(c.channel)} | {c.drafts} | {c.passed} | {c.failed} "
            f"| {c.by_severity['error']} | {c.by_severity['warning']} | {status} |"
        )
    findings = sorted(
        result.findings, key=lambda f: (not failing(result, f), -f.severity.rank, f.sort_key())
    )
    if findings:
        shown = findings[:MAX_FINDINGS]
        out += [
            "",
            "### Findings",
            "",
            "| severity | rule | channel | where | message |",
            "|---|---|---|---|---|",
        ]
        out += [_finding_row(result, f) for f in shown]
        if len(findings) > len(shown):
            out += ["", f"…and {len(findings) - len(shown)} more."]
    if result.diffs:
        out += ["", "### Fixes (`--fix` applies these)"]
        for channel in by_channel_names(result):
            diffs = diffs_for(result, channel)
            if not diffs:
                continue
            out += ["", f"#### {escape(channel)}"]
            for d in diffs:
                fixes = f"{d.fixes} fix{'es' * (d.fixes != 1)}"
                out += ["", f"{code(d.path)} ({fixes})", "", fenced(d.diff, "diff")]
    return "\n".join(out) + "\n"


def by_channel_names(result: RunResult) -> list[str]:
    """Channels in report order: those with drafts first, as ``channels()`` sorts them."""
    names = [c.channel for c in result.channels()]
    return names + [c for c in by_channel(result) if c not in names]
