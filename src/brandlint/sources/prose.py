"""What is not prose inside any field: URLs, e-mail addresses and merge tags.

Term rules ignore matches inside these ranges; limits still count them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# ASCII only, so a URL written straight before Chinese text ends where the Chinese begins.
_URL = re.compile(
    r"(?:https?://|ftp://|mailto:|www\.)[\w\-.~:/?#@!$&*+,;=%()\[\]']+",
    re.IGNORECASE | re.ASCII,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# {{ liquid / jinja }}, {% tags %}, *|MAILCHIMP|*, %%SFMC%%, ${var}
_MERGE_TAG = re.compile(
    r"\{\{[^{}\n]{0,200}\}\}|\{%[^\n]{0,200}?%\}|\*\|[^|\s]{1,100}\|\*"
    r"|%%[\w.\-\[\]=]{1,100}%%|\$\{[\w.\-]{1,100}\}"
)
_URL_TRAILING = ".,;:!?*'"
_URL_BRACKETS = {")": "(", "]": "["}  # a closing bracket ends a URL unless it is balanced


def _url_end(url: str) -> int:
    """Length of ``url`` without trailing punctuation and unbalanced closing brackets."""
    end = len(url)
    while end:
        last = url[end - 1]
        opening = _URL_BRACKETS.get(last)
        if last in _URL_TRAILING or (
            opening is not None and url.count(opening, 0, end) < url.count(last, 0, end)
        ):
            end -= 1
        else:
            break
    return end


def url_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of bare URLs in ``text``."""
    ranges = []
    for m in _URL.finditer(text):
        end = m.start() + _url_end(m.group())
        if end > m.start():
            ranges.append((m.start(), end))
    return ranges


def inline_skips(text: str) -> list[tuple[int, int]]:
    """Ranges of URLs, e-mail addresses and well-formed merge tags in ``text``."""
    ranges = url_ranges(text)
    ranges.extend(m.span() for m in _EMAIL.finditer(text))
    ranges.extend(m.span() for m in _MERGE_TAG.finditer(text))
    return ranges


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping ranges covering the same characters."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)
