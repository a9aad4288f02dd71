"""Helpers for the draft-source tests: write a fixture, read it, locate a word."""

from __future__ import annotations

import pathlib

from brandlint.drafts import Draft
from brandlint.sources import read_file


def read(tmp_path: pathlib.Path, name: str, content: str | bytes) -> list[Draft]:
    """Write ``content`` byte for byte (no newline translation) and read it back."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_file(path, name)


def where(draft: Draft, field: str, word: str) -> tuple[int, int]:
    """1-based (line, column) in the source file of ``word`` inside ``field``."""
    f = draft.field(field)
    assert f is not None, f"no field {field!r} in {[x.name for x in draft.fields]}"
    offset = f.text.index(word)
    return draft.source.lines.line_col(f.source_map.to_source(offset))


def source_of(draft: Draft, field: str, word: str) -> str:
    """The source characters the field-text span of ``word`` maps to."""
    f = draft.field(field)
    assert f is not None
    start = f.text.index(word)
    s, e = f.source_map.to_source_span(start, start + len(word))
    return draft.source.text[s:e]


def assert_faithful(draft: Draft) -> None:
    """Every character a source map calls verbatim is the same character in the file."""
    for f in draft.fields:
        for i, ch in enumerate(f.text):
            if f.source_map.is_verbatim(i, i + 1):
                assert draft.source.text[f.source_map.to_source(i)] == ch, (f.name, i)
