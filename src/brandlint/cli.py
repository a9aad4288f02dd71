"""The command line (SPEC §2). Thin: parse flags, call the API, print, set the exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage,
configuration or input errors, printed as ``error: file:line:col: message``.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import BrandlintError

app = typer.Typer(
    name="brandlint",
    help="Keep marketing copy on-brand across every channel.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _formats() -> type[Enum]:
    """``--format`` choices: every registered reporter (text and json first)."""
    from .report import formats

    names = sorted(formats(), key=lambda n: (n != "text", n != "json", n))
    return Enum("Format", [(n, n) for n in names], type=str)


Format = _formats()


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _split(values: list[str] | None) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ``(a, b, c)``."""
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brandlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """brandlint: a messaging-framework linter for marketing copy."""


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or directories to lint ('-' reads stdin). Default: the current directory.",
            show_default=False,
        ),
    ] = None,
    framework: Annotated[
        Path | None,
        typer.Option("--framework", "-f", help="The messaging framework YAML."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="brandlint.yaml or pyproject.toml to use."),
    ] = None,
    channel: Annotated[
        str | None,
        typer.Option(help="Treat every draft as this channel."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Lowest severity that fails a draft (default: config, else error).",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules (ids or prefixes; repeat or comma-separate)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Skip these rules (ids or prefixes)."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print findings only: no notes, no summary table.")
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(help="Name of the draft read from stdin, for channel mapping and reports."),
    ] = None,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Show, per channel, the unified diff of the safe fixes each draft needs."
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Apply safe fixes in place (atomic; keeps encoding, BOM, line endings)."
        ),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(help="A previous --format json report: fail only on findings not in it."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Parallel worker processes (0: one per CPU).",
            show_default=False,
        ),
    ] = 0,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            help="Where the result cache lives (default: config cache_dir, else .brandlint_cache)."
        ),
    ] = None,
) -> None:
    """Lint drafts against the messaging framework; pass/fail per channel."""
    from .api import load_settings, settings_files
    from .cache import open_cache
    from .engine import RuleSet, ensure_paths, lint_paths
    from .fix import writable
    from .report import Options, render_pieces, shows_lines

    try:
        if output is not None:
            writable(output, "cannot write the report")
        known = None
        if baseline is not None:
            from .baseline import load as load_baseline

            known = load_baseline(baseline)
        fw, cfg = load_settings(framework, config)
        if fw.builtin and not quiet:
            _err(
                "note: no messaging_framework.yaml found; using the built-in default "
                "(generic channel profiles). Run `brandlint init` to create one."
            )
        if fail_on is not None:
            cfg = replace(cfg, fail_on=fail_on.value)
        paths = list(paths or [Path(".")])
        texts = []
        if any(str(p) == "-" for p in paths):
            paths = [p for p in paths if str(p) != "-"]
            texts.append((stdin_filename or "stdin.txt", sys.stdin.read()))
        ensure_paths(paths)
        selected, ignored = _split(select), _split(ignore)
        ruleset = functools.cache(
            lambda: RuleSet.build(fw, cfg, select=selected, ignore=ignored)
        )  # built when a file must be linted: a run the cache answers compiles no rule
        # The framework, config, report and baseline are never drafts.
        inputs = settings_files(fw, cfg) | ({baseline.resolve()} if baseline else set())
        if output is not None and output.resolve() in inputs:
            raise BrandlintError(
                "the report would overwrite an input of this run (framework, config or baseline)",
                path=str(output),
                hint="write the report to another file",
            )
        skip = inputs | ({output.resolve()} if output else set())

        def run(files: list[Path], drafts: list[tuple[str, str]], progress=None):
            return lint_paths(
                files,
                ruleset,
                cfg,
                root=Path(cfg.root),
                channel=channel,
                fail_on=cfg.fail_on,
                texts=drafts,
                skip=skip,
                progress=progress,
                jobs=jobs,
                cache=cache,
                lines=shows_lines(fmt.value),
            )

        cache = (
            None
            if no_cache
            else open_cache(fw, cfg, channel, cache_dir, select=selected, ignore=ignored)
        )
        # No bar in CI logs, even where the runner gives the job a terminal.
        interactive = (
            sys.stderr.isatty()
            and os.environ.get("TERM") != "dumb"
            and os.environ.get("CI", "").lower() in ("", "0", "false")
        )
        with _progress(interactive and not quiet) as bar:
            result = run(paths, texts, bar)
        if fix or diff:
            result = _fixes(result, run, paths, texts, write=fix, show=diff, quiet=quiet)
        if known is not None:
            from .baseline import apply as apply_baseline

            result, matched = apply_baseline(result, known)
            if not quiet:
                _err(f"note: {matched} finding{'s' * (matched != 1)} matched the baseline")
        from .nlp.pipeline import installed

        for locale, model in sorted(cfg.spacy_models.items()):
            if not quiet and not installed(model):
                _err(
                    f"note: spaCy pipeline '{model}' (spacy_models.{locale}) is not "
                    "installed; using the built-in blank pipeline"
                )
        color = output is None and fmt.value == "text" and _color(sys.stdout)
        pieces = render_pieces(result, fmt.value, Options(color=color, quiet=quiet))
        if output is not None:
            _write(output, pieces)
        else:
            sys.stdout.writelines(pieces)
    except BrandlintError as error:
        _fail(error)
    raise typer.Exit(result.exit_code)


def _fixes(result, run, paths, texts, *, write: bool, show: bool, quiet: bool):
    """Apply safe fixes to a fixpoint in memory; with ``write`` save the changed files
    and re-lint them, with ``show`` attach each file's diff to the result."""
    from .drafts import SourceFile
    from .fix import converge, load_source, write_changes
    from .sources.decode import newline_of

    stdin = dict(texts)

    def read(path: str) -> SourceFile | None:
        if path in stdin:
            text = stdin[path].removeprefix("\ufeff")
            return SourceFile(path, text, "utf-8", text != stdin[path], newline_of(text))
        return load_source(path)

    changes = converge(result, read, lambda drafts: run([], drafts))
    if write:
        files = [c for c in changes if c.path not in stdin]
        fixed = write_changes(files)
        if files:
            result = run(paths, texts)
        if not quiet:
            _err(f"fixed {_plural(fixed, 'problem')} in {_plural(len(files), 'file')}")
            if len(files) < len(changes):
                _err("note: fixes to stdin are not written; --diff shows them")
    if show:
        result = replace(result, diffs=tuple(c.diff() for c in changes))
    return result


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int, int], None] | None]:
    """A progress callback for the engine that shows a rich bar on stderr once a run
    is long (over 200 drafts or 2 seconds), counting files and drafts (one big table
    counts its rows); None when ``enabled`` is false."""
    if not enabled:
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    shown: list = []

    def update(drafts: int, files_read: int, files_total: int) -> None:
        if not shown:
            if drafts <= 200 and time.monotonic() - started <= 2:
                return
            bar = Progress(
                TextColumn("linting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files, {task.fields[drafts]} drafts"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            task = bar.add_task("lint", total=files_total, completed=files_read, drafts=drafts)
            shown.append((bar, task))
            bar.start()
            return
        bar, task = shown[0]
        bar.update(task, completed=files_read, drafts=drafts)

    try:
        yield update
    finally:
        if shown:
            shown[0][0].stop()


@app.command("rules")
def rules_command(
    fmt: Annotated[RulesFormat, typer.Option("--format", help="Output format.")] = RulesFormat.text,
) -> None:
    """List every rule: id, pack, default severity, fixable, summary."""
    import json

    from .rules.base import all_rules

    rows = [
        {
            "id": r.id,
            "pack": getattr(r, "pack", None),
            "severity": r.severity.value,
            "channels": list(r.channels) if getattr(r, "channels", None) else None,
            "fixable": r.fixable,
            "summary": r.summary,
            "source": r.source,
        }
        for r in [*all_rules().values(), *_pack_catalog().values()]
    ]
    if fmt is RulesFormat.markdown:
        from .rulesdoc import rules_markdown

        typer.echo(rules_markdown(), nl=False)
        return
    if fmt is RulesFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for name in ("id", "severity", "fixable", "summary"):
        table.add_column(name, no_wrap=name == "id")  # pack/rule ids stay whole
    for row in rows:
        table.add_row(row["id"], row["severity"], "yes" if row["fixable"] else "", row["summary"])
    Console(no_color=not _color(sys.stdout), soft_wrap=False).print(table)


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="A rule id, e.g. banned-phrase.")]) -> None:
    """What a rule checks, why, and examples."""
    import difflib

    from .rules.base import all_rules

    rules: dict = {**all_rules(), **_pack_catalog()}
    cls = rules.get(rule)
    if cls is None:
        close = difflib.get_close_matches(rule, rules, n=1)
        _fail(
            BrandlintError(
                f"unknown rule '{rule}'" + (f" — did you mean '{close[0]}'?" if close else ""),
                hint="`brandlint rules` lists every rule",
            )
        )
    lines = [
        f"{cls.id}  ({cls.severity.value}{', fixable' if cls.fixable else ''})",
        "",
        cls.explanation(),
    ]
    if cls.examples:
        lines += ["", "Examples:"]
        for ex in cls.examples:
            mark = "fails" if ex.fails else "passes"
            note = f"  — {ex.note}" if ex.note else ""
            lines.append(f"  {mark}: {ex.text!r}{note}")
    if cls.source:
        lines += ["", f"Source: {cls.source}"]
    typer.echo("\n".join(lines))


@app.command()
def validate(
    framework: Annotated[
        Path | None,
        typer.Option("--framework", "-f", help="The messaging framework YAML."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="brandlint.yaml or pyproject.toml."),
    ] = None,
) -> None:
    """Validate the framework, the config and every enabled pack; lint nothing."""
    from .api import load_settings

    try:
        fw, cfg = load_settings(framework, config)
    except BrandlintError as error:
        _fail(error)
    if cfg.path:
        typer.echo(f"ok: {cfg.path}")
    from .packs import check_packs

    try:
        checked = check_packs((*fw.rule_packs, *cfg.rule_packs))
    except BrandlintError as error:
        _fail(error)
    for pack, tests in checked:
        typer.echo(f"ok: rule pack {pack.name} ({len(pack.rules)} rules, {tests} tests pass)")
    if fw.builtin:
        typer.echo("ok: no messaging_framework.yaml found; the built-in default is valid")
    else:
        typer.echo(
            f"ok: {fw.path} ({len(fw.channels)} channels, "
            f"{len(fw.value_proposition.pillars)} pillars, {len(fw.banned)} banned, "
            f"{len(fw.terminology)} terms)"
        )


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the files.")] = Path("."),
) -> None:
    """Scaffold messaging_framework.yaml and brandlint.yaml."""
    from .scaffold import init_project

    try:
        written = init_project(directory)
    except BrandlintError as error:
        _fail(error)
    for path in written:
        typer.echo(f"created {path}")
    typer.echo("next: edit the framework, then run `brandlint validate` and `brandlint check`")


def _pack_catalog() -> dict:
    """Every shipped pack's rules, plus those of the packs the project enables."""
    from .api import load_settings
    from .packs import catalog

    try:
        fw, cfg = load_settings()
        refs = (*fw.rule_packs, *cfg.rule_packs)
    except BrandlintError:
        refs = ()
    try:
        rules = catalog(refs)
    except BrandlintError as error:
        _fail(error)
    return rules


def _fail(error: BrandlintError) -> None:
    for e in getattr(error, "errors", None) or [error]:
        _err(f"error: {e}")
        if e.hint:
            _err(f"  hint: {e.hint}")
    raise typer.Exit(2)


def _write(path: Path, pieces: Iterable[str]) -> None:
    """Write a report atomically; a missing directory or read-only file is a user error."""
    from .fix import write_atomic

    write_atomic(path, (p.encode("utf-8") for p in pieces), "cannot write the report")


# As mypy does: a run allocates millions of objects that form no cycles (tokens,
# findings, unpickled results), and at the default thresholds (700, 10, 10) the cyclic
# collector scans the live ones again and again: 33 s of a 197 s `-j 1` run over a
# 100,000-row export, 6 s at these (bench/gc_time.py). Forked workers inherit them.
GC_THRESHOLDS = (50_000, 30, 30)


def main() -> None:
    """Console entry point."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        app()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    _exit(code)


def _exit(code: int | str | None) -> None:
    """Exit as ``sys.exit(code)`` would, but without tearing the interpreter down (as
    mypy does): freeing every module and object of spaCy, numpy and a big run one by one
    takes a quarter of a second, and the report, the cache and every fixed file are
    written and closed by now. Only the standard streams still need flushing."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    if _observed():  # a profiler, coverage or a debugger writes its data at exit
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`brandlint check | head`)
            code = code or 1
    os._exit(code)


def _observed() -> bool:
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: coverage, profilers
    tools = monitoring is not None and any(monitoring.get_tool(i) for i in range(6))
    return bool(tools or sys.gettrace() or sys.getprofile())
