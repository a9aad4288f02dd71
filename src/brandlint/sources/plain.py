"""Plain-text drafts: the whole file is the ``body`` field."""

from __future__ import annotations

from ..drafts import Draft, SourceFile
from ..text import OffsetMap
from .records import draft_from_items, make_field


def read(source: SourceFile) -> list[Draft]:
    """One draft; URLs, e-mail addresses and merge tags are not prose."""
    text = source.text
    fields = [make_field("body", text, OffsetMap.contiguous(0, len(text)))] if text.strip() else []
    return [draft_from_items(source, (), number=None, extra_fields=fields)]
