"""Big tables in slices of rows, and the windows of their bytes that workers read.

A CSV/TSV file over ``engine.SLICE_BYTES`` is linted in slices of rows, each starting
on a record (:func:`~brandlint.sources.table.record_starts`), so workers can share
it. A UTF-8 table is cut from its bytes and each slice gets a
:class:`~brandlint.worker.Window`: its worker reads and decodes only the slice's
bytes and the header's, so no process holds the whole decoded table (Python keeps
text holding one emoji at four bytes per character). A table in another encoding is
decoded here, and each worker decodes it whole.
"""

from __future__ import annotations

import codecs
import itertools
import os
from bisect import bisect_right
from dataclasses import replace

from .drafts import SourceFile
from .errors import InputError
from .sources import load
from .sources.table import SliceMismatch, record_starts
from .worker import Task, Window

_NUL_SNIFF = 4 * 8192  # bytes holding the characters sources.decode checks for NULs
_TEMPLATE_OPENERS = (b"{{", b"{%", b"{#")  # starts of template expressions over lines


def slice_tasks(
    shown: str,
    path: str,
    data: bytes,
    delimiter: str,
    rows: int,
    stamp: tuple[int, int],
    digest: str | None = None,
) -> list[Task] | None:
    """The tasks of a table of ``data`` read in slices of ``rows`` rows, or None when
    it is read whole (it does not parse, or has no more rows than one slice).
    ``stamp`` (size, modification time) and ``digest`` are the file's when ``data``
    was read."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" not in data[:_NUL_SNIFF]:
        body = data[bom:] if bom else data
        tasks = _windows(shown, path, body, bom, delimiter, rows, (stamp, digest))
        if tasks is not None:
            return tasks
    try:
        text = load(data, shown).text
    except InputError:
        return None
    starts = record_starts(text, delimiter)
    if starts is None or len(starts) <= rows + 1:
        return None
    bounds = [*starts[1::rows], len(text)]
    return _tasks(shown, path, bounds, rows, len(starts) - 1, [None] * (len(bounds) - 1))


def _windows(
    shown: str,
    path: str,
    body: bytes,
    bom: int,
    delimiter: str,
    rows: int,
    file: tuple[tuple[int, int], str | None],
) -> list[Task] | None:
    """The windowed tasks of a table whose bytes after the BOM are ``body`` (``file``:
    its stamp and digest, for :class:`~brandlint.worker.Window`); None when
    they are not UTF-8 text, do not parse, have no more rows than a slice, or a
    template expression spans two slices (``fix`` vets an edit against the
    expressions of the whole file): the table is then decoded whole to decide."""
    starts = record_starts(body, delimiter)
    if starts is None or len(starts) <= rows + 1:
        return None
    cuts = [*starts[1::rows], len(body)]  # byte offsets in body
    try:
        offset = len(body[: cuts[0]].decode("utf-8"))
        bounds = [offset]
        for a, b in itertools.pairwise(cuts):
            offset += len(body[a:b].decode("utf-8"))
            bounds.append(offset)
    except UnicodeDecodeError:
        return None
    if any(opener in body for opener in _TEMPLATE_OPENERS) and _spanned(
        body.decode("utf-8"), bounds
    ):
        return None
    line = 1 + body.count(b"\n", 0, cuts[0])
    windows = []
    for a, b in itertools.pairwise(cuts):
        windows.append(Window(bom + cuts[0], bom + a, bom + b, line, *file))
        line += body.count(b"\n", a, b)
    return _tasks(shown, path, bounds, rows, len(starts) - 1, windows)


def _tasks(
    shown: str,
    path: str,
    bounds: list[int],
    rows: int,
    records: int,
    windows: list[Window | None],
) -> list[Task]:
    """One task per slice between ``bounds`` (character offsets), of ``rows`` of the
    table's ``records`` data records each."""
    tasks = [
        Task(shown, path, rows=(start, end, 1 + i * rows, rows), window=window)
        for i, ((start, end), window) in enumerate(
            zip(itertools.pairwise(bounds), windows, strict=True)
        )
    ]
    last = records - (len(tasks) - 1) * rows
    tasks[-1] = replace(tasks[-1], rows=(*tasks[-1].rows[:3], last))
    return tasks


def _spanned(text: str, bounds: list[int]) -> bool:
    """Whether a template expression of ``text`` spans one of the inner ``bounds``."""
    from .fix import template_spans

    spans = template_spans(text)
    begins = [s for s, _ in spans]
    for bound in bounds[:-1]:
        i = bisect_right(begins, bound - 1) - 1
        if i >= 0 and spans[i][1] > bound:
            return True
    return False


def read_window(shown: str, path: str, window: Window, start: int) -> tuple[SourceFile, SourceFile]:
    """The slice of a table in ``window`` (whose first character is the file's
    ``start``), and the file's start up to its first data record (the header).
    :class:`SliceMismatch` when the file changed since its slices were planned."""
    try:
        with open(path, "rb") as f:
            stat = os.fstat(f.fileno())
            if (stat.st_size, stat.st_mtime_ns) != window.stamp:
                raise SliceMismatch(shown)
            head = f.read(window.head)
            f.seek(window.start)
            data = f.read(window.end - window.start)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    header = load(head, shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SliceMismatch(shown) from None
    source = SourceFile(
        shown, text, header.encoding, header.bom, header.newline, base=start, line=window.line
    )
    return source, header
