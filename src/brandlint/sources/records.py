"""Drafts from key/value records: table rows, JSON objects, YAML documents, front matter.

Keys are normalised (``Headline 1`` -> ``headline_1``). ``channel``, ``campaign``,
``locale``, ``id``, ``brandlint_disable`` and ``brandlint: {disable: [...]}`` set draft
attributes; other non-empty string values become fields; anything else goes to
:attr:`Draft.meta`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..drafts import Draft, Field, SourceFile
from ..errors import InputError
from ..text import OffsetMap
from .prose import inline_skips, merge_ranges

ATTRIBUTE_KEYS = ("channel", "campaign", "locale", "id")
DISABLE_KEY = "brandlint_disable"
SUPPRESSION_KEY = "brandlint"
_KEY_SEPARATORS = re.compile(r"[\s\-]+")
_RULE_SEPARATORS = re.compile(r"[\s,]+")


def normalise_key(name: str) -> str:
    """``Headline 1`` -> ``headline_1``; ``Primary-Text`` -> ``primary_text``."""
    return _KEY_SEPARATORS.sub("_", name.strip()).lower()


@dataclass(frozen=True)
class Item:
    """One key of a record. ``mapped`` is the text and source map of a string value."""

    key: str
    value: Any
    offset: int
    mapped: tuple[str, OffsetMap] | None = None


def make_field(
    name: str, text: str, source_map: OffsetMap, extra_skip: Iterable[tuple[int, int]] = ()
) -> Field:
    """A field whose skip ranges are its URLs, e-mail addresses and merge tags (plus more)."""
    skip = merge_ranges([*inline_skips(text), *extra_skip])
    return Field(name, text, source_map, skip)


def error_at(source: SourceFile, offset: int, message: str) -> InputError:
    line, column = source.lines.line_col(offset)
    return InputError(message, line=line, column=column)


def draft_from_items(
    source: SourceFile,
    items: Sequence[Item],
    *,
    number: int | None,
    anchor: int = 0,
    extra_fields: Sequence[Field] = (),
) -> Draft:
    """Build a draft. Its id is ``path#<id>`` when the record has an ``id``, else
    ``path#number`` (or the path alone when ``number`` is None)."""
    attrs: dict[str, str | None] = dict.fromkeys(ATTRIBUTE_KEYS)
    disabled: list[str] = []
    fields: list[Field] = []
    meta: dict[str, Any] = {}
    seen: set[str] = {f.name for f in extra_fields}
    for item in items:
        key, value = item.key, item.value
        if key in seen:
            raise error_at(source, item.offset, f"duplicate key {key!r}")
        seen.add(key)
        if key in ATTRIBUTE_KEYS:
            attrs[key] = _attribute(source, item)
        elif key == DISABLE_KEY:
            disabled.extend(_rule_ids(source, item, value))
        elif key == SUPPRESSION_KEY:
            disabled.extend(_suppression(source, item))
        elif item.mapped is not None:
            text, source_map = item.mapped
            if text.strip():
                fields.append(make_field(key, text, source_map))
        elif value is not None:
            meta[key] = value
    fields.extend(extra_fields)
    if attrs["id"]:
        draft_id = f"{source.path}#{attrs['id']}"
    elif number is not None:
        draft_id = f"{source.path}#{number}"
    else:
        draft_id = source.path
    return Draft(
        id=draft_id,
        source=source,
        fields=tuple(fields),
        channel=attrs["channel"],
        campaign=attrs["campaign"],
        locale=attrs["locale"],
        anchor=anchor,
        disabled=tuple(dict.fromkeys(disabled)),
        meta=meta,
    )


def check_unique_ids(drafts: Sequence[Draft]) -> None:
    """Two drafts of one file with the same declared ``id`` are an input error."""
    seen: dict[str, Draft] = {}
    for draft in drafts:
        first = seen.setdefault(draft.id, draft)
        if first is not draft:
            line = draft.source.lines.line_col(first.anchor)[0]
            raise error_at(
                draft.source,
                draft.anchor,
                f"duplicate draft id {draft.id.rpartition('#')[2]!r} (first on line {line})",
            )


def _attribute(source: SourceFile, item: Item) -> str | None:
    value = item.value
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise error_at(source, item.offset, f"{item.key!r} must be a string")
    return str(value).strip() or None


def _rule_ids(source: SourceFile, item: Item, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [r for r in _RULE_SEPARATORS.split(value) if r]
    if isinstance(value, list) and all(isinstance(r, str) for r in value):
        return [r.strip() for r in value if r.strip()]
    raise error_at(source, item.offset, f"{item.key!r} must be a rule id or a list of rule ids")


def _suppression(source: SourceFile, item: Item) -> list[str]:
    value = item.value
    if not isinstance(value, dict) or set(value) - {"disable"}:
        raise error_at(
            source, item.offset, "'brandlint' must be a mapping like {disable: [RULE, ...]}"
        )
    return _rule_ids(source, Item("brandlint.disable", None, item.offset), value.get("disable"))
