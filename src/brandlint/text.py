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
    same columns as LF files.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


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
