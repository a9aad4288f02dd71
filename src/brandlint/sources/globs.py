"""Gitignore-style globs for ``include``, ``exclude`` and ``channels_by_path``.

A pattern without a slash matches a file or directory name at any depth (``*.txt``,
``archive``); a pattern with a slash is anchored at the root (``drafts/**/*.md``);
``**`` spans any number of directories; a trailing slash matches directories only.
A pattern that matches a directory matches everything under it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def translate(pattern: str) -> tuple[re.Pattern[str], bool]:
    """A compiled regex for ``pattern`` and whether it matches directories only."""
    pattern = pattern.strip()
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out = [] if anchored else ["(?:.*/)?"]
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            close = pattern.index("]", i + 2)
            members = pattern[i + 1 : close]
            if members.startswith("!"):
                members = "^" + members[1:]
            out.append("[" + members.replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out)), dir_only


class GlobSet:
    """Patterns matched against paths relative to the root, written with ``/``."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(p for p in patterns if p.strip())
        self._compiled = [translate(p) for p in self.patterns]

    def __bool__(self) -> bool:
        return bool(self._compiled)

    def index(self, path: str, *, is_dir: bool = False) -> int | None:
        """Index of the first pattern matching ``path`` or a directory above it."""
        parts = path.split("/")
        candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
        for i, (regex, dir_only) in enumerate(self._compiled):
            for depth, candidate in enumerate(candidates, 1):
                if dir_only and depth == len(candidates) and not is_dir:
                    continue
                if regex.fullmatch(candidate):
                    return i
        return None

    def match(self, path: str, *, is_dir: bool = False) -> bool:
        return self.index(path, is_dir=is_dir) is not None
