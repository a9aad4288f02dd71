"""Build a field's text piece by piece while recording where each piece came from."""

from __future__ import annotations

from ..text import OffsetMap


class TextBuilder:
    """Accumulates field text as verbatim copies of the source and synthesised text.

    ``copy`` appends ``source[start:end]`` and records a verbatim run; ``synth`` appends
    text the reader produced (a decoded escape or entity, a separator). With ``at`` a
    synthesised piece maps to that source offset (a zero-length run), otherwise to the
    end of the run before it, as :class:`~brandlint.text.OffsetMap` defines.
    """

    __slots__ = ("_fallback", "_len", "_parts", "_runs", "_source")

    def __init__(self, source: str, fallback: int = 0) -> None:
        self._source = source
        self._fallback = fallback
        self._parts: list[str] = []
        self._runs: list[list[int]] = []  # [text_start, source_start, length]
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        runs = self._runs
        if runs:
            last = runs[-1]
            if last[2] and last[0] + last[2] == self._len and last[1] + last[2] == start:
                last[2] += end - start
                self._parts.append(self._source[start:end])
                self._len += end - start
                return
        runs.append([self._len, start, end - start])
        self._parts.append(self._source[start:end])
        self._len += end - start

    def synth(self, text: str, at: int | None = None) -> None:
        if not text:
            return
        if at is not None:
            self._runs.append([self._len, at, 0])
        self._parts.append(text)
        self._len += len(text)

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def rstrip(self, chars: str) -> None:
        """Drop trailing characters found in ``chars``."""
        cut = 0
        for part in reversed(self._parts):
            kept = len(part.rstrip(chars))
            cut += len(part) - kept
            if kept:
                break
        if cut:
            self.truncate(self._len - cut)

    def truncate(self, length: int) -> None:
        """Keep the first ``length`` characters."""
        parts = self._parts
        while parts and self._len > length:
            excess = self._len - length
            if len(parts[-1]) <= excess:
                self._len -= len(parts.pop())
            else:
                parts[-1] = parts[-1][:-excess]
                self._len = length
        runs = self._runs
        while runs and runs[-1][0] >= self._len:
            runs.pop()
        if runs and runs[-1][2]:
            runs[-1][2] = min(runs[-1][2], self._len - runs[-1][0])

    def build(self) -> tuple[str, OffsetMap]:
        runs = tuple((r[0], r[1], r[2]) for r in self._runs)
        return "".join(self._parts), OffsetMap(runs, self._fallback)
