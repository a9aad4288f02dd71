"""Markdown drafts: YAML front matter gives draft attributes and short fields; the body
after it is the ``body`` field, with code, URLs, HTML and comments marked as not prose."""

from __future__ import annotations

import re

import yaml

from ..drafts import Draft, SourceFile
from ..errors import InputError
from ..text import OffsetMap
from .prose import merge_ranges
from .records import Item, draft_from_items, make_field
from .yamlnodes import input_error, mapping_items

_FENCE_OPEN = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
_FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|\Z)", re.MULTILINE)
_CODE_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED = re.compile(r"(?: {4}| {0,3}\t)")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+>")
_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9\-]*"
    r"""(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*"""
    r"\s*/?>"
)
_LINK_DESTINATION = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(\S+)", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")


def read(source: SourceFile) -> list[Draft]:
    """One draft: front matter items plus the ``body`` field."""
    text = source.text
    items: list[Item] = []
    body_start = 0
    opening = _FENCE_OPEN.match(text)
    if opening:
        closing = _FENCE_CLOSE.search(text, opening.end())
        if closing is None:
            raise InputError(
                "front matter starts with '---' on line 1 but has no closing '---' line"
            )
        items = _front_matter(source, opening.end(), closing.start())
        body_start = closing.end()
    body = text[body_start:]
    extra = []
    if body.strip():
        extra.append(
            make_field("body", body, OffsetMap.contiguous(body_start, len(body)), skips(body))
        )
    return [draft_from_items(source, items, number=None, extra_fields=extra)]


def _front_matter(source: SourceFile, start: int, end: int) -> list[Item]:
    yaml_text = source.text[start:end]
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise input_error(exc, yaml_text, line_offset=1) from None
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            "front matter must be a mapping of keys to values", line=node.start_mark.line + 2
        )
    return mapping_items(source, node, base=start)


def skips(body: str) -> list[tuple[int, int]]:
    """Ranges of ``body`` that are not prose: code blocks, code spans, HTML comments
    and tags, autolinks and link destinations (bare URLs, e-mail addresses and merge
    tags are added for every field by :func:`make_field`)."""
    blocks = _code_blocks(body)
    ranges = list(blocks)
    position = 0
    for start, end in [*blocks, (len(body), len(body))]:
        ranges.extend(_inline(body, position, start))
        position = end
    return list(merge_ranges(ranges))


def _inline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segment = text[start:end]
    found = _code_spans(segment)
    for pattern in (_COMMENT, _AUTOLINK, _TAG):
        found.extend(m.span() for m in pattern.finditer(segment))
    for pattern in (_LINK_DESTINATION, _REFERENCE_DEFINITION):
        found.extend(m.span(1) for m in pattern.finditer(segment))
    return [(s + start, e + start) for s, e in found]


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Backtick code spans: a run of n backticks up to the next run of exactly n,
    within one paragraph."""
    spans = []
    runs = list(_BACKTICKS.finditer(text))
    i = 0
    while i < len(runs):
        opening = runs[i]
        paragraph_end = _BLANK_LINE.search(text, opening.end())
        limit = paragraph_end.start() if paragraph_end else len(text)
        for j in range(i + 1, len(runs)):
            closing = runs[j]
            if closing.start() > limit:
                break
            if len(closing.group()) == len(opening.group()):
                spans.append((opening.start(), closing.end()))
                i = j
                break
        i += 1
    return spans


def _code_blocks(text: str) -> list[tuple[int, int]]:
    """Fenced (``` and ~~~) and indented code blocks, as whole lines."""
    blocks = []
    fence: tuple[str, int, int] | None = None  # (character, length, start offset)
    indented_start: int | None = None
    previous_blank, in_list = True, False
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        line_end = offset + len(line)
        blank = not content.strip()
        if fence is not None:
            m = _CODE_FENCE.match(content)
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= fence[1]
                and not m.group(2).strip()
            ):
                blocks.append((fence[2], line_end))
                fence = None
            offset = line_end
            continue
        m = _CODE_FENCE.match(content)
        if indented_start is not None and not blank and not _INDENTED.match(content):
            blocks.append((indented_start, offset))
            indented_start = None
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence = (m.group(1)[0], len(m.group(1)), offset)
        elif (
            indented_start is None
            and previous_blank
            and not in_list
            and not blank
            and _INDENTED.match(content)
        ):
            indented_start = offset
        elif not blank and indented_start is None:
            if _LIST_ITEM.match(content):
                in_list = True
            elif not content[:1].isspace():
                in_list = False
        previous_blank = blank
        offset = line_end
    if fence is not None:
        blocks.append((fence[2], len(text)))
    if indented_start is not None:
        blocks.append((indented_start, len(text)))
    return blocks
