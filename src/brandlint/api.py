"""The Python API (SPEC §6): ``lint()`` gives the same result the CLI reports."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .config import Config, find_config, load_config
from .engine import RuleSet, ensure_paths, lint_paths
from .framework.load import default_framework, find_framework, load_framework
from .framework.model import Framework
from .result import RunResult
from .sources.paths import display


def load_settings(
    framework: str | os.PathLike | Framework | None = None,
    config: str | os.PathLike | Config | None = None,
    *,
    cwd: Path | None = None,
) -> tuple[Framework, Config]:
    """The framework and config a run uses, found as SPEC §1.1-1.2 describe."""
    cwd = cwd or Path.cwd()
    if not isinstance(config, Config):
        path = Path(config) if config is not None else find_config(cwd)
        config = load_config(path, display(path)) if path is not None else Config(root=str(cwd))
    if not isinstance(framework, Framework):
        path = Path(framework) if framework is not None else None
        if path is None and config.framework:
            path = Path(config.root) / config.framework
        if path is None:
            path = find_framework(cwd)
        framework = load_framework(path, display(path)) if path is not None else default_framework()
    return framework, config


def lint(
    paths: Iterable[str | os.PathLike] = (),
    *,
    texts: Mapping[str, str] | None = None,
    framework: str | os.PathLike | Framework | None = None,
    config: str | os.PathLike | Config | None = None,
    channel: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    jobs: int = 1,
    cache: bool | str | os.PathLike = False,
) -> RunResult:
    """Lint files/directories and/or in-memory ``texts`` (name -> text; the name's
    suffix picks the reader, as ``--stdin-filename`` does). ``jobs`` worker processes
    share the work (0: one per CPU, as the CLI); ``cache`` reuses results as the CLI
    does: True for the project's cache directory, a path for another, False for none.
    Neither changes the result. Raises :class:`~brandlint.errors.BrandlintError` for
    configuration mistakes."""
    from .cache import open_cache

    fw, cfg = load_settings(framework, config)
    path_list = [Path(p) for p in paths]
    ensure_paths(path_list)
    select, ignore = tuple(select), tuple(ignore)
    store = None
    if cache is not False:
        where = None if cache is True else cache
        store = open_cache(fw, cfg, channel, where, select=select, ignore=ignore)
    return lint_paths(
        path_list,
        lambda: RuleSet.build(fw, cfg, select=select, ignore=ignore),
        cfg,
        root=Path(cfg.root),
        channel=channel,
        fail_on=fail_on or cfg.fail_on,
        texts=(texts or {}).items(),
        skip=settings_files(fw, cfg),
        jobs=jobs,
        cache=store,
    )


def settings_files(framework: Framework, config: Config) -> set[Path]:
    """The framework and config files themselves, which are never drafts."""
    return {Path(p).resolve() for p in (framework.path, config.path) if p}
