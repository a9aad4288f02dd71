"""A pool of worker processes, each with its own compiled rules and NLP pipelines.

Workers are forked where the platform allows it (they inherit the parent's compiled
:class:`~brandlint.engine.RuleSet`, and build their spaCy pipelines once, on first
use); elsewhere each worker builds the RuleSet again from the framework and config.
Units of work come back in order, so merging them gives the same result as one process.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from .worker import FileResult, Linter, Task

_LINTER: Linter | None = None  # the worker's linter


def _fork_available() -> bool:
    # macOS system libraries are not fork-safe; there, and on Windows, workers start fresh.
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def can_pool(linter: Linter) -> bool:
    """Whether worker processes can get this linter's rules."""
    return _fork_available() or linter.ruleset.origin is not None


def run_units(linter: Linter, units: list[list[Task]], jobs: int) -> Iterator[list[FileResult]]:
    """Each unit's results, in order, computed by ``jobs`` worker processes. The workers
    start here, before the caller shows any progress (no thread may run at a fork)."""
    global _LINTER
    if _fork_available():
        context = multiprocessing.get_context("fork")
        _LINTER = linter  # inherited by the forked workers
        initargs: tuple = (None,)
    else:
        context = multiprocessing.get_context("spawn")
        framework, config = linter.ruleset.origin  # type: ignore[misc]
        ruleset = linter.ruleset
        initargs = ((framework, config, ruleset.select, ruleset.ignore, linter.root,
                     linter.channel),)  # fmt: skip
    pool = context.Pool(jobs, initializer=_start, initargs=initargs)
    return _drain(pool, pool.imap(_run, units))


def _drain(pool: Pool, results: Iterator[list[FileResult]]) -> Iterator[list[FileResult]]:
    global _LINTER
    try:
        with pool:
            yield from results
    finally:
        _LINTER = None


def _start(spec: tuple | None) -> None:
    """Worker initializer: rebuild the linter when it was not inherited."""
    global _LINTER
    if spec is not None:
        from .engine import RuleSet
        from .worker import Linter

        framework, config, select, ignore, root, channel = spec
        ruleset = RuleSet.build(framework, config, select=select, ignore=ignore)
        _LINTER = Linter(ruleset, config, Path(root), channel)


def _run(tasks: list[Task]) -> list[FileResult]:
    assert _LINTER is not None
    return _LINTER.run(tasks)
