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


def reporters() -> dict[str, Reporter]:
    """Every reporter by format name (imports the reporter modules once; importing one
    of them directly first must not hide the others)."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return _REPORTERS


def shows_lines(fmt: str) -> bool:
    """Whether the ``fmt`` report shows the findings' source lines."""
    reporters()
    return fmt in _LINES


def render(result: RunResult, fmt: str, options: Options = Options()) -> str:
    return reporters()[fmt](result, options)


def render_pieces(result: RunResult, fmt: str, options: Options = Options()) -> Iterable[str]:
    """The report of :func:`render` in pieces to write as they come, so a big run's
    report is never whole in memory (a format without a streamer gives one piece)."""
    fn = reporters()[fmt]
    stream = _STREAMERS.get(fmt)
    return stream(result, options) if stream is not None else (fn(result, options),)
