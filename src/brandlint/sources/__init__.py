"""Draft sources: read files of every supported format into :class:`~brandlint.drafts.Draft`
values whose fields map back to exact source positions (see ``docs/inputs.md``)."""

from __future__ import annotations

import functools
import os
import pathlib
from collections.abc import Callable

from ..drafts import Draft, SourceFile
from ..errors import InputError
from . import html, jsonfile, markdown, plain, table, yamlfile
from .decode import decode, newline_of
from .paths import SUFFIXES, discover

__all__ = [
    "SUFFIXES",
    "TABLE_SUFFIXES",
    "discover",
    "load",
    "read_bytes",
    "read_file",
    "read_slice",
    "read_source",
    "read_text",
]

TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}  # tables that can be read in slices

Reader = Callable[[SourceFile], list[Draft]]

_READERS: dict[str, Reader] = {
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".txt": plain.read,
    ".html": html.read,
    ".htm": html.read,
    ".csv": table.read,
    ".tsv": functools.partial(table.read, delimiter="\t"),
    ".json": jsonfile.read,
    ".jsonl": jsonfile.read_lines,
    ".yaml": yamlfile.read,
    ".yml": yamlfile.read,
}


def _reader(display: str, default: str | None) -> Reader:
    suffix = pathlib.PurePath(display).suffix.lower()
    reader = _READERS.get(suffix) or (_READERS[default] if default else None)
    if reader is None:
        raise InputError(f"unsupported file type {suffix or '(no suffix)'!r}")
    return reader


def read_file(path: pathlib.Path, display: str) -> list[Draft]:
    """The drafts of one file, reported under ``display``. Raises :class:`InputError`
    for a file that cannot be read as drafts (binary, undecodable, malformed)."""
    reader = _reader(path.name, None)
    return reader(load(read_bytes(path), display))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a draft file; :class:`InputError` when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None


def load(data: bytes, display: str) -> SourceFile:
    """The decoded :class:`SourceFile` of a draft file's bytes."""
    text, encoding, bom, newline = decode(data)
    return SourceFile(display, text, encoding, bom, newline)


def read_source(source: SourceFile) -> list[Draft]:
    """The drafts of a decoded file, typed by the suffix of its path."""
    return _reader(source.path, None)(source)


def read_slice(
    source: SourceFile,
    start: int,
    end: int,
    first: int,
    count: int,
    header: SourceFile | None = None,
) -> list[Draft]:
    """Rows ``first``..``first + count - 1`` of a CSV/TSV file, whose records span
    ``[start, end)`` (see :func:`brandlint.sources.table.record_starts`); ``header``
    is the file's start when ``source`` is a window holding just these rows."""
    delimiter = TABLE_SUFFIXES[pathlib.PurePath(source.path).suffix.lower()]
    drafts = table.rows(
        source, delimiter, start=start, end=end, first=first, count=count, header=header
    )
    return list(drafts)


def read_text(text: str, display: str) -> list[Draft]:
    """The drafts of text from stdin, typed by the suffix of ``display`` (default:
    plain text)."""
    if "\x00" in text[:8192]:
        raise InputError("binary input (contains NUL characters)")
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    source = SourceFile(display, text, "utf-8", bom, newline_of(text))
    return _reader(display, ".txt")(source)
