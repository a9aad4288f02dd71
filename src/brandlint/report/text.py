"""The ``text`` format: findings grouped by channel and draft, the offending text
underlined in context with suggestions, then a pass/fail table per channel."""

from __future__ import annotations

import io

from ..findings import Finding, Severity
from ..result import UNASSIGNED, RunResult
from . import Options, reporter

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
# Findings and diffs are written as plain strings (rich renders each printed line
# through its markup and segment machinery: milliseconds per finding on big runs);
# these are the codes rich's "standard" colour system gives the same styles.
_ANSI = {
    "bold red": "\x1b[1;31m",
    "yellow": "\x1b[33m",
    "cyan": "\x1b[36m",
    "green": "\x1b[32m",
    "red": "\x1b[31m",
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
}
# Control characters in copy never reach the terminal: they show as U+FFFD.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0)], "\ufffd")


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}\x1b[0m" if color else text


def _clean(text: str) -> str:
    return text.translate(_CONTROLS)


@reporter("text", lines=True)
def render_text(result: RunResult, options: Options) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=options.width,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    by_channel: dict[str, dict[str, list[Finding]]] = {}
    for f in result.findings:
        by_channel.setdefault(f.channel or UNASSIGNED, {}).setdefault(f.draft, []).append(f)
    for summary in result.channels():
        drafts = by_channel.get(summary.channel)
        diffs = [d for d in result.diffs if summary.channel in d.channels]
        if not drafts and not diffs:
            continue
        console.rule(f"[bold]{_escape(summary.channel)}[/]", align="left", characters="─")
        lines: list[str] = []
        for draft_id, findings in (drafts or {}).items():
            lines.append(_paint(_clean(draft_id), "bold", options.color))
            for f in findings:
                lines += _finding_lines(result, f, options)
        for d in diffs:
            lines += ["", *_diff_lines(d.diff, options.color)]
        out.write("".join(line + "\n" for line in lines) + "\n")
    if not options.quiet:
        _print_campaigns(console, result)
        _print_table(console, result)
    return out.getvalue()


def _window(line: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """At most ``room`` characters of ``line`` around ``[start, end)``, cut with '…'."""
    if len(line) <= room:
        return line, start, end
    left = max(0, min(start - 10, len(line) - room))
    right = min(len(line), max(left + room, end))
    text = line[left:right]
    if left > 0:
        text = "…" + text[1:]
    if right < len(line):
        text = text[:-1] + "…"
    return text, start - left, min(end, right) - left


def _finding_lines(result: RunResult, f: Finding, options: Options) -> list[str]:
    """A finding: position, severity, message, rule and field; the source line with
    the match underlined; the suggestions."""
    color, style = options.color, _STYLE[f.severity]
    where = f"{f.line}:{f.column}"
    field = " " + _paint(_clean(f.field), "dim", color) if f.field else ""
    lines = [
        f"  {where:>7}  {_paint(f'{f.severity.value:<7}', style, color)} "
        f"{_clean(f.message)} {_paint(f.rule, 'dim', color)}{field}"
    ]
    line = result.line_text(f.path, f.line)
    if line is not None and f.match:
        from rich.cells import cell_len

        start = f.column - 1
        end = f.end_column - 1 if f.end_line == f.line else len(line)
        line, start, end = _window(_clean(line), start, end, options.width - 14)
        pad = cell_len(line[:start])
        width = max(1, cell_len(line[start:end]))
        bar = _paint("│", "dim", color)
        lines.append(f"           {bar} {line}")
        lines.append(f"           {bar} {' ' * pad}{_paint('^' * width, style, color)}")
    if f.suggestions:
        suggestion = _clean(" | ".join(f.suggestions))
        lines.append(f"           {_paint('suggestion:', 'green', color)} {suggestion}")
    return lines


def _diff_lines(diff: str, color: bool) -> list[str]:
    """A unified diff, coloured like ``git diff`` when the report has colour."""
    lines = []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            lines.append(_clean(line))
            continue
        lines.append(_paint(_clean(line), style, color))
    return lines


_SHOWN = 3  # distinct texts per campaign table cell


def _print_campaigns(console, result: RunResult) -> None:
    """Per campaign, its facts (rows) as each channel writes them (columns); values
    in conflict are marked ✗. From the ``campaigns`` section (docs/campaigns.md)."""
    from rich.table import Table

    for campaign in result.sections.get("campaigns") or ():
        if not campaign["facts"]:
            continue
        channels = [c["channel"] for c in campaign["channels"]]
        brief = f" (brief: {campaign['brief']})" if campaign["brief"] else ""
        title = f"Campaign {campaign['campaign']}{brief}"
        table = Table(title=_escape(title), title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("fact")
        table.add_column("expected")
        for channel in channels:
            table.add_column(_escape(channel or UNASSIGNED))
        for fact in campaign["facts"]:
            cells: dict[str | None, dict[str, bool]] = {c: {} for c in channels}
            for v in fact["values"]:
                texts = cells.setdefault(v["channel"], {})
                texts[v["text"]] = texts.get(v["text"], False) or v["conflict"]
            expected = ", ".join(fact["expected"]) or "–"
            if fact["basis"] in ("majority", "tie"):
                expected += f" [dim]({fact['basis']})[/]"
            table.add_row(_escape(fact["fact"]), expected, *(_cell(cells[c]) for c in channels))
        console.print(table)
        n = campaign["conflicts"]
        summary = f"[bold red]{n} conflict{'s' if n != 1 else ''}[/]" if n else "no conflicts"
        console.print(f"{campaign['drafts']} drafts in {len(channels)} channels: {summary}\n")


def _cell(texts: dict[str, bool]) -> str:
    """The distinct texts of one fact in one channel, conflicts first and marked."""
    ordered = sorted(texts, key=lambda t: not texts[t])
    shown = [f"[bold red]{_escape(t)} ✗[/]" if texts[t] else _escape(t) for t in ordered[:_SHOWN]]
    more = len(ordered) - _SHOWN
    return ", ".join(shown) + (f" +{more}" if more > 0 else "")


def _print_table(console, result: RunResult) -> None:
    from rich.table import Table

    table = Table(title="Channels", title_justify="left", show_edge=False, pad_edge=False)
    for name, justify in (
        ("channel", "left"),
        ("drafts", "right"),
        ("passed", "right"),
        ("failed", "right"),
        ("errors", "right"),
        ("warnings", "right"),
        ("status", "left"),
    ):
        table.add_column(name, justify=justify)
    for c in result.channels():
        status = "[green]pass[/]" if c.status == "pass" else "[bold red]FAIL[/]"
        table.add_row(
            _escape(c.channel),
            str(c.drafts),
            str(c.passed),
            str(c.failed),
            str(c.by_severity["error"]),
            str(c.by_severity["warning"]),
            status,
        )
    console.print(table)
    _print_coverage(console, result)
    counts = result.by_severity()
    verdict = "[green]pass[/]" if result.status == "pass" else "[bold red]fail[/]"
    console.print(
        f"\n{len(result.drafts)} drafts in {result.files} files: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info — {verdict} "
        f"(--fail-on {result.fail_on})"
    )


def _print_coverage(console, result: RunResult) -> None:
    """The channels x pillars matrix: drafts of each channel supporting each pillar."""
    from rich.table import Table

    rows = result.coverage()
    if not rows:
        return
    table = Table(title="Pillar coverage", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("channel")
    table.add_column("drafts", justify="right")
    for pillar in result.pillars:
        table.add_column(_escape(pillar), justify="right")
    table.add_column("none", justify="right")
    for row in rows:
        cells = ["[red]0[/]" if not n else str(n) for n in row.pillars.values()]
        table.add_row(_escape(row.channel), str(row.drafts), *cells, str(row.none))
    console.print()
    console.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
