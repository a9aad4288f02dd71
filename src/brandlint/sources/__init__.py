"""Draft sources: read files of every supported format into :class:`~brandlint.drafts.Draft`
values whose fields map back to exact source positions (see ``docs/inputs.md``)."""

from __future__ import annotations

import functools
import pathlib
from collections.abc import Callable

from ..drafts import Draft, SourceFile
from ..errors import InputError
from . import html, jsonfile, markdown, plain, table, yamlfile
from .decode import decode, newline_of
from .paths import SUFFIXES, discover

__all__ = ["SUFFIXES", "discover", "read_file", "read_text"]

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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    text, encoding, bom, newline = decode(data)
    return reader(SourceFile(display, text, encoding, bom, newline))


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
