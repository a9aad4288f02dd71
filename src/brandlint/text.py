"""Character positions: a line index over a source text and offset maps from field
text back to source text.

Every position in brandlint is a character offset into the decoded source (BOM
removed, line endings kept). Lines and columns are derived here and nowhere else.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


class LineIndex:
    """Turns character offsets into 1-based (line, column); columns count characters.

    A ``\\r`` before ``\\n`` belongs to the line ending, so CRLF files report the
    same columns as LF files. For a window of a file (``text`` starts at offset
    ``base``, at the start of line ``line``), offsets and lines are the file's.
    """

    __slots__ = ("_line", "_starts")

    def __init__(self, text: str, base: int = 0, line: int = 1) -> None:
        starts = [base]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(base + pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._line = line

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return self._line + line, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[min(max(line - self._line + 1, 1), len(self._starts)) - 1]

    @property
    def line_count(self) -> int:
        return self._line - 1 + len(self._starts)


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a field's text to offsets in its source file.

    The field text is a concatenation of runs copied verbatim from the source
    (``(text_start, source_start, length)``, sorted) and of characters the reader
    synthesised (an HTML entity decoded to one character, a separator between text
    nodes). A synthesised character maps to the source position where the run that
    precedes it ends, or to ``fallback`` when no run precedes it.
    """

    runs: tuple[tuple[int, int, int], ...]
    fallback: int = 0

    @classmethod
    def contiguous(cls, source_start: int, length: int) -> OffsetMap:
        """The field text is ``source[source_start:source_start + length]``."""
        return cls(((0, source_start, length),), source_start)

    def shifted(self, delta: int) -> OffsetMap:
        """The map for the same text read from a source ``delta`` characters later."""
        runs = tuple((t, s + delta, n) for t, s, n in self.runs)
        return OffsetMap(runs, self.fallback + delta) if delta else self

    def to_source(self, offset: int) -> int:
        runs = self.runs
        lo, hi = 0, len(runs)
        while lo < hi:  # last run with text_start <= offset
            mid = (lo + hi) // 2
            if runs[mid][0] <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return self.fallback
        text_start, source_start, length = runs[lo - 1]
        delta = offset - text_start
        return source_start + (delta if delta <= length else length)

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source ``[start, end)`` for field text ``[start, end)``; ``end`` maps as the
        end of the character before it so a span never swallows markup after it."""
        s = self.to_source(start)
        e = self.to_source(end - 1) + 1 if end > start else s
        return s, max(e, s)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when field text ``[start, end)`` lies inside one verbatim run, so an
        edit of that span can be written back to the source unchanged."""
        for text_start, _source_start, length in self.runs:
            if text_start <= start and end <= text_start + length:
                return True
        return False
