"""Reporters: one module per format, each registered under its ``--format`` name and
rendering the same :class:`~brandlint.result.RunResult`."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..result import RunResult


@dataclass(frozen=True)
class Options:
    """How a report is rendered: colour and width apply to terminal formats."""

    color: bool = False
    width: int = 100
    quiet: bool = False  # findings only: no summary


Reporter = Callable[[RunResult, Options], str]
_REPORTERS: dict[str, Reporter] = {}
_LINES: set[str] = set()  # formats that show findings' source lines
Streamer = Callable[[RunResult, Options], Iterator[str]]
_STREAMERS: dict[str, Streamer] = {}


def reporter(name: str, *, lines: bool = False) -> Callable[[Reporter], Reporter]:
    """Register a reporter function under a ``--format`` name; ``lines``: it reads the
    findings' source lines (``RunResult.line_text``)."""

    def register(fn: Reporter) -> Reporter:
        _REPORTERS[name] = fn
        if lines:
            _LINES.add(name)
        return fn

    return register


def streamer(name: str) -> Callable[[Streamer], Streamer]:
    """Register the piecewise form of a format, whose pieces joined are its report."""

    def register(fn: Streamer) -> Streamer:
        _STREAMERS[name] = fn
        return fn

    return register


def formats() -> list[str]:
    """Every format name, without importing a reporter: each reporter module is named
    like the format it registers (``_`` marks a helper module)."""
    return [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]


def reporters() -> dict[str, Reporter]:
    """Every reporter by format name (imports the reporter modules once; importing one
    of them directly first must not hide the others)."""
    for name in formats():
        importlib.import_module(f"{__name__}.{name}")
    return _REPORTERS


def _reporter(fmt: str) -> Reporter:
    """The reporter of ``fmt``, importing only its module: a run writes one format, and
    the others import XML and HTML tools."""
    if fmt not in _REPORTERS and fmt in formats():
        importlib.import_module(f"{__name__}.{fmt}")
    return _REPORTERS[fmt]


def shows_lines(fmt: str) -> bool:
    """Whether the ``fmt`` report shows the findings' source lines."""
    _reporter(fmt)
    return fmt in _LINES


def render(result: RunResult, fmt: str, options: Options = Options()) -> str:
    return _reporter(fmt)(result, options)


def render_pieces(result: RunResult, fmt: str, options: Options = Options()) -> Iterable[str]:
    """The report of :func:`render` in pieces to write as they come, so a big run's
    report is never whole in memory (a format without a streamer gives one piece)."""
    fn = _reporter(fmt)
    stream = _STREAMERS.get(fmt)
    return stream(result, options) if stream is not None else (fn(result, options),)
