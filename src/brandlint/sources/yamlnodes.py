"""YAML with positions: map scalar values back to their characters in the source and
turn PyYAML errors into input errors.

PyYAML's pure-Python loader reports ``Mark.index`` in characters of the string it
was given, which is what our offsets count. We re-scan each scalar the way PyYAML
does (quotes, escapes, line folding, block scalars) and keep the result only when it
equals PyYAML's value; otherwise every character maps to the value's start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ..drafts import SourceFile
from ..errors import InputError
from ..text import OffsetMap
from .builder import TextBuilder
from .records import Item, error_at, normalise_key

_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_CODES = {"x": 2, "u": 4, "U": 8}
_STR_TAG = "tag:yaml.org,2002:str"

Piece = Callable[[TextBuilder, str, int, int], bool]


def input_error(exc: yaml.YAMLError, text: str, line_offset: int = 0) -> InputError:
    """An input error at the problem's position in ``text`` (the YAML that was parsed,
    after ``line_offset`` lines of the file). A problem found only at the end of the
    text (an unclosed bracket or quote) is reported where the construct started."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and (mark is None or not text[mark.index :].strip()):
        mark = context_mark
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return InputError(message, line=line_offset + 1)
    return InputError(message, line=mark.line + 1 + line_offset, column=mark.column + 1)


def construct(node: yaml.Node) -> Any:
    """The Python value of a composed node (safe constructors only)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def mapping_items(source: SourceFile, node: yaml.MappingNode, base: int = 0) -> list[Item]:
    """The keys of a mapping node as record items; string values carry a source map."""
    items = []
    for key_node, value_node in node.value:
        offset = base + key_node.start_mark.index
        if not isinstance(key_node, yaml.ScalarNode):
            raise error_at(source, offset, "keys must be plain strings")
        try:
            value = construct(value_node)
        except yaml.YAMLError as exc:
            raise error_at(source, base + value_node.start_mark.index, str(exc)) from None
        mapped = None
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag == _STR_TAG:
            mapped = map_scalar(source.text, value_node, base)
        items.append(
            Item(
                normalise_key(str(key_node.value)),
                value,
                base + value_node.start_mark.index,
                mapped,
            )
        )
    return items


def map_scalar(source: str, node: yaml.ScalarNode, base: int = 0) -> tuple[str, OffsetMap]:
    """The scalar's value and a map from it to ``source`` (node marks + ``base``)."""
    start = base + node.start_mark.index
    end = base + node.end_mark.index
    style = node.style
    quoted = style in ("'", '"')
    content_start = start + 1 if quoted else start
    builder = TextBuilder(source, fallback=content_start)
    try:
        if style in ("|", ">"):
            _block(builder, source, start, end, folded=style == ">")
        elif quoted:
            _flow(builder, source, start + 1, end - 1, _double if style == '"' else _single)
        else:
            _flow(builder, source, start, end, _plain)
    except (ValueError, IndexError):
        return node.value, OffsetMap((), content_start)
    text, source_map = builder.build()
    if text != node.value:
        return node.value, OffsetMap((), content_start)
    return text, source_map


def _plain(b: TextBuilder, src: str, start: int, end: int) -> bool:
    b.copy(start, end)
    return False


def _single(b: TextBuilder, src: str, start: int, end: int) -> bool:
    pos = start
    while True:
        quote = src.find("''", pos, end)
        if quote == -1:
            b.copy(pos, end)
            return False
        b.copy(pos, quote + 1)  # the first quote of the pair stands for the quote
        pos = quote + 2


def _double(b: TextBuilder, src: str, start: int, end: int) -> bool:
    """Copy a line of a double-quoted scalar; True when it ends in an escaped line break."""
    pos = start
    while True:
        slash = src.find("\\", pos, end)
        if slash == -1:
            b.copy(pos, end)
            return False
        b.copy(pos, slash)
        if slash + 1 >= end:
            return True
        code = src[slash + 1]
        if code in _ESCAPES:
            b.synth(_ESCAPES[code], at=slash)
            pos = slash + 2
        elif code in _CODES:
            digits = src[slash + 2 : slash + 2 + _CODES[code]]
            b.synth(chr(int(digits, 16)), at=slash)
            pos = slash + 2 + len(digits)
        else:
            raise ValueError(f"unknown escape {code!r}")


def _flow(b: TextBuilder, src: str, start: int, end: int, piece: Piece) -> None:
    """Plain and quoted scalars: a line break folds to a space; n blank lines give n
    line feeds; whitespace around breaks is dropped."""
    pos = start
    while True:
        brk = _BREAK.search(src, pos, end)
        if brk is None:
            piece(b, src, pos, end)
            return
        content_end = brk.start()
        while content_end > pos and src[content_end - 1] in " \t":
            content_end -= 1
        escaped = piece(b, src, pos, content_end)
        pos, blank_lines = brk.end(), 0
        while True:
            while pos < end and src[pos] in " \t":
                pos += 1
            more = _BREAK.match(src, pos, end)
            if more is None:
                break
            blank_lines += 1
            pos = more.end()
        if blank_lines:
            b.synth("\n" * blank_lines)
        elif not escaped:
            b.synth(" ")


def _block(b: TextBuilder, src: str, start: int, end: int, *, folded: bool) -> None:
    """Literal (``|``) and folded (``>``) block scalars, following PyYAML's scanner."""
    header_end = _BREAK.search(src, start, end)
    if header_end is None:
        return
    header = src[start + 1 : header_end.start()].split("#", 1)[0].strip()
    if any(c.isdigit() for c in header):
        raise ValueError("explicit indentation indicator")
    chomp = "keep" if "+" in header else "strip" if "-" in header else "clip"

    # Indentation: the deepest column reached by leading blank lines and the first line.
    pos, indent, breaks = header_end.end(), 0, []
    while True:
        line = pos
        while pos < end and src[pos] == " ":
            pos += 1
        indent = max(indent, pos - line)
        brk = _BREAK.match(src, pos, end)
        if brk is None:
            break
        breaks.append(brk.span())
        pos = brk.end()
    pos = line + min(indent, pos - line)

    line_break: tuple[int, int] | None = None
    while pos - line == indent and pos < end:
        for span in breaks:
            _emit_break(b, src, span)
        leading_non_space = src[pos] not in " \t"
        brk = _BREAK.search(src, pos, end)
        b.copy(pos, brk.start() if brk else end)
        line_break = brk.span() if brk else None
        pos = brk.end() if brk else end
        line, breaks = pos, []
        while True:  # following blank lines, eating up to `indent` spaces on each
            while pos < end and pos - line < indent and src[pos] == " ":
                pos += 1
            more = _BREAK.match(src, pos, end)
            if more is None:
                break
            breaks.append(more.span())
            pos = line = more.end()
        if pos - line == indent and pos < end:
            if folded and line_break and leading_non_space and src[pos] not in " \t":
                if not breaks:
                    b.synth(" ")
            elif line_break:
                _emit_break(b, src, line_break)
        else:
            break
    if chomp != "strip" and line_break:
        _emit_break(b, src, line_break)
    if chomp == "keep":
        for span in breaks:
            _emit_break(b, src, span)


def _emit_break(b: TextBuilder, src: str, span: tuple[int, int]) -> None:
    start, end = span
    if end - start == 1 and src[start] == "\n":
        b.copy(start, end)
    else:
        b.synth("\n", at=start)
