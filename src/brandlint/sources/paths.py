"""Find the draft files under the paths a user gave."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterable

from ..errors import BrandlintError
from .globs import GlobSet

SUFFIXES = frozenset(
    {
        ".md",
        ".markdown",
        ".txt",
        ".html",
        ".htm",
        ".csv",
        ".tsv",
        ".json",
        ".jsonl",
        ".yaml",
        ".yml",
    }
)
# Project files that are never drafts, even when named explicitly (pre-commit passes them).
NOT_DRAFTS = frozenset(
    {
        "brandlint.yaml",
        "brandlint.yml",
        "messaging_framework.yaml",
        "messaging_framework.yml",
        "pyproject.toml",
    }
)
SKIP_DIRS = frozenset({"node_modules", "__pycache__"})


def is_draft_name(path: pathlib.Path) -> bool:
    """A supported suffix, and not a config, framework or campaign brief file."""
    return _is_draft(path.name, path.parent.name)


def _is_draft(name: str, folder: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in SUFFIXES or name.lower() in NOT_DRAFTS:
        return False
    return not (suffix in (".yaml", ".yml") and folder == "campaigns")


def discover(
    paths: Iterable[pathlib.Path],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    root: pathlib.Path,
) -> list[str]:
    """The names of the draft files named by ``paths``, sorted (strings: a path object
    per file of a big tree costs more than the walk). Directories are walked (skipping
    hidden ones, ``node_modules`` and virtualenvs) and filtered by ``include`` /
    ``exclude`` globs relative to ``root``; a file named explicitly is read whenever
    its type is supported."""
    includes, excludes = GlobSet(include), GlobSet(exclude)
    root_abs = os.path.abspath(root)
    found: set[str] = set()
    for path in paths:
        if not path.exists():
            raise BrandlintError("no such file or directory", path=str(path))
        if path.is_dir():
            found.update(_walk(path, includes, excludes, root_abs))
        elif is_draft_name(path):
            found.add(str(path))
    return sorted(found, key=lambda p: p.replace(os.sep, "/"))


def relative_to_root(path: pathlib.Path | str, root_abs: str) -> str | None:
    """``path`` relative to the root with ``/`` separators, or None when outside it."""
    absolute = os.path.abspath(path)
    prefix = root_abs.rstrip(os.sep) + os.sep
    if absolute.startswith(prefix):  # the common case, without relpath's work
        rel = absolute[len(prefix) :]
        return rel if os.sep == "/" else rel.replace(os.sep, "/")
    try:
        rel = os.path.relpath(absolute, root_abs)
    except ValueError:  # another drive on Windows
        return None
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return None
    return pathlib.PurePath(rel).as_posix()


def _walk(top: pathlib.Path, includes: GlobSet, excludes: GlobSet, root_abs: str) -> Iterable[str]:
    """The draft files under ``top``, as strings (a path object per file of a big
    tree costs more than the walk)."""
    start = os.fspath(top)
    for dirpath, dirnames, filenames in os.walk(start):
        if start == ".":  # "./a/b.txt" -> "a/b.txt", as pathlib spells it
            dirpath = dirpath[2:]
        kept = []
        for name in dirnames:
            if name.startswith(".") or name in SKIP_DIRS:
                continue
            sub = os.path.join(dirpath, name) if dirpath else name
            if os.path.exists(os.path.join(sub, "pyvenv.cfg")):
                continue
            rel = relative_to_root(sub, root_abs)
            if rel is not None and excludes.match(rel, is_dir=True):
                continue
            kept.append(name)
        dirnames[:] = sorted(kept)
        folder = os.path.basename(dirpath)
        for name in filenames:
            if name.startswith(".") or not _is_draft(name, folder):
                continue
            path = os.path.join(dirpath, name) if dirpath else name
            if includes or excludes:
                rel = relative_to_root(path, root_abs)
                if rel is not None and (
                    (includes and not includes.match(rel)) or excludes.match(rel)
                ):
                    continue
            yield path


def display(path: pathlib.Path | str) -> str:
    """How reports name a file: relative to the working directory when inside it."""
    name = os.fspath(path)
    posix = name if os.sep == "/" else name.replace(os.sep, "/")
    if not os.path.isabs(name) and ".." not in posix.split("/"):  # already relative to it
        return posix
    return relative_to_root(name, os.getcwd()) or pathlib.PurePath(name).as_posix()
