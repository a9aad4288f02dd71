"""A field's token attributes as plain lists of spaCy string ids, shared by the rules.

Walking a doc in Python builds a ``Token`` object per token and looks each attribute
up through it; a rule that only wants the few tokens with a given form (*is*, *we*, a
pillar word) pays that for every token. ``Doc.to_array`` reads an attribute of every
token in one C loop; the ids compare with :func:`string_ids` of the wanted words, and
only the tokens that match become ``Token`` objects. The call itself costs a few
microseconds, about a short field's whole walk, so it pays where a rule would look at
every token (not where it reads a few attributes of most of them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rules.base import DraftContext, FieldText


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """spaCy's ids of ``words`` (the hash a doc array holds for the string)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


def attr_ids(ctx: DraftContext, ft: FieldText, attr: str) -> list[int]:
    """``attr`` (``LOWER``, ``LEMMA``, ``ORTH``…) of every token of the field's doc, as
    string ids; computed once per draft and kept in ``ctx.memo``. Empty without a doc."""
    key = ("attr", attr, ft.name)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = ft.doc.to_array(attr).tolist() if ft.doc is not None else []
    return found
