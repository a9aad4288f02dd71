"""JSON and JSON Lines drafts: one draft per object, keys as in CSV columns.

The file is validated with :mod:`json` (whose errors give line and column), then
walked again to find where each string value sits, so every decoded character maps
to its characters in the file (an escape such as ``\\u00e9`` maps to its backslash).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

from ..drafts import Draft, SourceFile
from ..errors import InputError
from ..text import OffsetMap
from .builder import TextBuilder
from .records import Item, check_unique_ids, draft_from_items, error_at, normalise_key

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_DECODER = json.JSONDecoder()


def read(source: SourceFile) -> list[Draft]:
    """A ``.json`` file: one object (one draft) or an array of objects (``path#N``)."""
    text = source.text
    if not text.strip():
        return []
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    pos = _skip(text, 0)
    if text[pos] == "{":
        items, _ = _object(source, pos)
        return [draft_from_items(source, items, number=None, anchor=pos)]
    if text[pos] != "[":
        raise error_at(source, pos, "a .json drafts file holds an object or an array of objects")
    drafts: list[Draft] = []
    pos = _skip(text, pos + 1)
    while text[pos] != "]":
        if text[pos] != "{":
            raise error_at(source, pos, f"item {len(drafts) + 1} is not an object")
        items, end = _object(source, pos)
        drafts.append(draft_from_items(source, items, number=len(drafts) + 1, anchor=pos))
        pos = _skip(text, end)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    check_unique_ids(drafts)
    return drafts


def read_lines(source: SourceFile) -> list[Draft]:
    """A ``.jsonl`` file: one object per non-blank line, drafts ``path#N``."""
    text = source.text
    drafts: list[Draft] = []
    offset = 0
    for line_number, line in enumerate(text.split("\n"), 1):  # not splitlines: U+2028 is JSON
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        try:
            json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg}", line=line_number, column=exc.colno
            ) from None
        pos = _skip(text, start)
        if text[pos] != "{":
            raise error_at(source, pos, "each line of a .jsonl file must be a JSON object")
        items, _ = _object(source, pos)
        drafts.append(draft_from_items(source, items, number=len(drafts) + 1, anchor=pos))
    check_unique_ids(drafts)
    return drafts


def _skip(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()


def _object(source: SourceFile, pos: int) -> tuple[list[Item], int]:
    """The items of the (valid) object starting at ``pos`` and the offset after it."""
    text = source.text
    items: list[Item] = []
    pos = _skip(text, pos + 1)
    while text[pos] != "}":
        key, pos = scanstring(text, pos + 1)
        pos = _skip(text, _skip(text, pos) + 1)  # past the colon
        if text[pos] == '"':
            value, end = scanstring(text, pos + 1)
            mapped = (value, _string_map(text, pos, end, value))
        else:
            value, end = _DECODER.raw_decode(text, pos)
            mapped = None
        items.append(Item(normalise_key(key), value, pos, mapped))
        pos = _skip(text, end)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return items, pos + 1


def _string_map(text: str, quote: int, end: int, value: str) -> OffsetMap:
    """Map the decoded string between ``quote`` and ``end`` back to the source."""
    b = TextBuilder(text, fallback=quote + 1)
    pos, stop = quote + 1, end - 1
    while pos < stop:
        slash = text.find("\\", pos, stop)
        if slash == -1:
            b.copy(pos, stop)
            break
        b.copy(pos, slash)
        if text[slash + 1] == "u":
            code, pos = int(text[slash + 2 : slash + 6], 16), slash + 6
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", pos):
                low = int(text[pos + 2 : pos + 6], 16)
                if 0xDC00 <= low < 0xE000:
                    code, pos = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), pos + 6
            b.synth(chr(code), at=slash)
        else:
            b.synth(_ESCAPES[text[slash + 1]], at=slash)
            pos = slash + 2
    mapped, source_map = b.build()
    return source_map if mapped == value else OffsetMap((), quote + 1)
