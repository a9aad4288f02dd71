"""See through text obfuscation while keeping offsets exact.

Matching runs on a normalised copy of each field: Unicode compatibility forms folded
(NFKC: full-width ``Ｇｕａｒａｎｔｅｅ`` reads ``Guarantee``, ``ﬁ`` reads ``fi``) and
invisible characters removed (zero-width spaces and joiners, soft hyphens, BOMs).
The map returned with it points every normalised character back to the field
character it came from, so findings land on the original text.
"""

from __future__ import annotations

import unicodedata

# Characters that render as nothing and are used to split words past filters.
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE))


def normalize(text: str) -> tuple[str, tuple[int, ...] | None]:
    """Return ``(normalised, to_field)``; ``to_field`` is None when nothing changed.

    ``to_field[i]`` is the offset in ``text`` of the character that produced
    normalised character ``i``.
    """
    if text.isascii() or (
        unicodedata.is_normalized("NFKC", text) and not INVISIBLE.intersection(text)
    ):
        return text, None
    out: list[str] = []
    to_field: list[int] = []
    nfkc = unicodedata.normalize
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        if ch.isascii():
            out.append(ch)
            to_field.append(i)
            continue
        folded = nfkc("NFKC", ch)
        out.append(folded)
        to_field.extend([i] * len(folded))
    return "".join(out), tuple(to_field)


def strip_invisible(text: str) -> str:
    """``text`` without zero-width characters (for comparing names)."""
    return text.translate(_INVISIBLE_TABLE)
