"""CSV and TSV drafts: one draft per row, columns name fields.

A small RFC 4180 scanner (rather than the :mod:`csv` module, which loses positions)
records where every cell's characters are in the file, so a finding inside a quoted
cell with ``""`` escapes or line breaks points at the exact line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from ..drafts import Draft, SourceFile
from ..errors import InputError
from ..text import OffsetMap
from .builder import TextBuilder
from .records import Item, check_unique_ids, draft_from_items, error_at, normalise_key


class SliceMismatch(Exception):
    """A table slice did not end where :func:`record_starts` said the next one starts."""


@dataclass(frozen=True)
class Cell:
    """A cell's text and its map to the source. ``start`` is its first character (the
    opening quote of a quoted cell), ``end`` the offset after its last one."""

    text: str
    source_map: OffsetMap
    start: int
    end: int


@dataclass(frozen=True)
class Record:
    """One row: its cells and the source offsets where it starts and ends (before the
    line break)."""

    cells: tuple[Cell, ...]
    start: int
    end: int


@lru_cache(maxsize=4)
def _cell_end(delimiter: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(delimiter)}\r\n]")


def scan(text: str, delimiter: str = ",", pos: int = 0, base: int = 0) -> Iterator[Record]:
    """The records of ``text`` from offset ``pos`` (a record start); blank lines are
    skipped. Characters after a closing quote are kept (as the csv module does); an
    unclosed quote is an input error. Offsets are in ``text``; the cells' source maps
    add ``base``, where ``text`` starts in its file (a window of a big table)."""
    stop = _cell_end(delimiter)
    n = len(text)
    while pos < n:
        record_start = pos
        cells = []
        while True:
            cell_start = pos
            if pos >= n or text[pos] != '"':
                end = stop.search(text, pos)
                pos = end.start() if end else n
                cell = text[cell_start:pos]
                cells.append(
                    Cell(cell, OffsetMap.contiguous(base + cell_start, len(cell)), cell_start, pos)
                )
            else:
                cells.append(_quoted_cell(text, cell_start, stop, base))
                pos = cells[-1].end
            if pos < n and text[pos] == delimiter:
                pos += 1
                continue
            break
        record_end = pos
        pos += 2 if text.startswith("\r\n", pos) else 1
        if len(cells) == 1 and text[cells[0].start] != '"' and not cells[0].text.strip():
            continue  # a blank line
        yield Record(tuple(cells), record_start, record_end)


def _quoted_cell(text: str, start: int, stop: re.Pattern[str], base: int) -> Cell:
    """The quoted cell opening at ``start``: ``""`` is one quote; text after the closing
    quote, up to the delimiter, is kept."""
    builder = TextBuilder(text, fallback=start + 1)
    pos = start + 1
    while True:
        quote = text.find('"', pos)
        if quote == -1:
            line, column = _line_col(text, start)
            raise InputError("unclosed quote: the quoted cell never ends", line=line, column=column)
        builder.copy(pos, quote)
        if text.startswith('""', quote):
            builder.copy(quote, quote + 1)
            pos = quote + 2
        else:
            pos = quote + 1
            break
    end = stop.search(text, pos)
    end_pos = end.start() if end else len(text)
    builder.copy(pos, end_pos)
    cell_text, source_map = builder.build()
    return Cell(cell_text, source_map.shifted(base), start, end_pos)


def read(source: SourceFile, delimiter: str = ",") -> list[Draft]:
    """One draft per data row; the header row names the fields."""
    drafts = list(rows(source, delimiter))
    check_unique_ids(drafts)
    return drafts


def rows(
    source: SourceFile,
    delimiter: str = ",",
    *,
    start: int | None = None,
    end: int | None = None,
    first: int = 1,
    count: int | None = None,
    header: SourceFile | None = None,
) -> Iterator[Draft]:
    """The drafts of the data rows, one at a time. With ``start``, a slice of a big
    table (see :func:`record_starts`): the ``count`` rows from the record at offset
    ``start``, numbered from ``first``; :class:`SliceMismatch` when the next record
    does not start at ``end``. ``header`` (with ``start``): the start of the file up to
    its first data record, when ``source`` is a window of the file holding just the
    slice. Draft ids are not checked for duplicates here."""
    head = header or source
    records = scan(head.text, delimiter)
    header_record = next(records, None)
    if header_record is None:
        return
    names = _column_names(head, header_record)
    base = source.base
    if start is not None:
        records = scan(source.text, delimiter, start - base, base)
    taken = 0
    for number, record in enumerate(islice(records, count), first):
        cells = record.cells
        if len(cells) > len(names):
            raise error_at(
                source,
                base + cells[len(names)].start,
                f"row {number} has {len(cells)} cells but the header has {len(names)}",
            )
        if len(cells) < len(names):
            raise error_at(
                source,
                base + record.end,
                f"row {number} has {len(cells)} cells but the header has {len(names)}",
            )
        items = [
            Item(name, cell.text, base + cell.start, (cell.text, cell.source_map))
            for name, cell in zip(names, cells, strict=True)
        ]
        yield draft_from_items(source, items, number=number, anchor=base + record.start)
        taken = number - first + 1
    if start is not None:
        after = next(records, None)
        if taken != count or base + (after.start if after else len(source.text)) != end:
            raise SliceMismatch(source.path)


def record_starts(text: str | bytes, delimiter: str = ",") -> list[int] | None:
    """The offsets where the records of ``text`` start (the header's first), as
    :func:`scan` finds them but without building cells; None when a record does not
    parse (an unclosed quote), so the caller reads the table whole instead. ``text``
    may be UTF-8 bytes (byte offsets; its quotes, delimiters and line breaks are the
    decoded text's, as no other character's bytes hold them)."""
    binary = isinstance(text, bytes)
    pattern = _record(delimiter, binary)
    quote, sep, crlf = (b'"', delimiter.encode(), b"\r\n") if binary else ('"', delimiter, "\r\n")
    breaks = (b"\r", b"\n") if binary else ("\r", "\n")
    n = len(text)
    starts: list[int] = []
    pos = 0
    while pos < n:
        m = pattern.match(text, pos)
        end = m.end() if m else pos
        if m is None or (end < n and text[end : end + 1] not in breaks):
            return None
        record = m.group()
        if record[:1] == quote or sep in record or _text(record).strip():
            starts.append(pos)
        pos = end + (2 if text.startswith(crlf, end) else 1)
    return starts


def _text(record: str | bytes) -> str:
    """A record as text (a blank line may hold non-ASCII spaces)."""
    return record.decode("utf-8", "replace") if isinstance(record, bytes) else record


@lru_cache(maxsize=8)
def _record(delimiter: str, binary: bool = False) -> re.Pattern:
    """One record: cells separated by ``delimiter``; a quoted cell (``""`` escapes a
    quote, line breaks allowed) keeps the text after its closing quote."""
    d = re.escape(delimiter)
    cell = f'(?:"[^"]*(?:""[^"]*)*"[^{d}\r\n]*|(?!")[^{d}\r\n]*)'
    pattern = f"{cell}(?:{d}{cell})*"
    return re.compile(pattern.encode() if binary else pattern)


def _column_names(source: SourceFile, header: Record) -> list[str]:
    names: list[str] = []
    for index, cell in enumerate(header.cells, 1):
        name = normalise_key(cell.text) or f"column_{index}"
        if name in names:
            raise error_at(
                source,
                cell.start,
                f"duplicate column {name!r} (columns {names.index(name) + 1} and {index})",
            )
        names.append(name)
    return names


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
