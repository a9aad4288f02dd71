"""Sentences and words of a field, as the tone rules count them.

A sentence ends at ``.`` ``!`` ``?`` ``…`` (with any closing quote or bracket) before
a space or the end of the text, except after a title or a common abbreviation (*Dr.*,
*e.g.*, *Inc.*) or an initial (*J. Smith*), and right after ``。`` ``！`` ``？``. The
text alone decides (no spaCy sentencizer pass is needed). Line breaks end a sentence
without punctuation in copy: a blank line, a line that starts a list item, heading or
quote, and a line that ends without punctuation before one that starts with a capital
or a Chinese character (a headline above its paragraph). A full stop whose space was
left out ends a sentence too ("in Leeds.We ship", "sleep well.you need"), outside
URLs and e-mail addresses. A
soft-wrapped line inside a sentence stays part of it.

An English word is a whitespace-separated chunk with a letter or digit in it
(*on-brand*, *don't* and *4K* are one word each; a lone dash is none). URLs, e-mail
addresses and merge tags are not words. Chinese length is counted in characters:
each Chinese character counts one, and so does each run of Latin letters or digits.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rules.base import DraftContext, FieldText

_ALNUM = re.compile(r"[^\W_]")
_NOT_PROSE = re.compile(r"://|@|^www\.|\{\{|\}\}|^\*\||\|\*$", re.IGNORECASE)
# The same marks unanchored: a text without any has no chunk to drop, the common case.
_NOT_PROSE_ANYWHERE = re.compile(r"://|@|www\.|\{\{|\}\}|\*\||\|\*", re.IGNORECASE)
_EDGE = re.escape("\"'“”‘’()[]{}<>*_`,;:!?.。，；：！？、…—–-")  # cut from a word's edges
# A whitespace-separated chunk with a letter or digit; group 1 is its word: the chunk
# without the punctuation at its edges.
_WORD = re.compile(
    rf"(?<!\S)[{_EDGE}]*(?=\S*?[^\W_])([^\s{_EDGE}](?:\S*[^\s{_EDGE}])?)[{_EDGE}]*(?!\S)"
)
_BREAK = re.compile(
    r"\n[ \t]*\n"  # a blank line
    r"|\n(?=[ \t]*(?:[-*+•]\s|\d{1,3}[.)]\s|#{1,6}\s|>))"  # a list item, heading, quote
    r"|(?<=[^\s.!?。！？,;:，；：、])[ \t]*\n(?=[ \t]*[A-Z\u3400-\u9fff])"  # a bare line end
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"  # a full stop with its space left out
)
_END = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s|$|[\u3400-\u9fff])"  # before a space, the end or Chinese
    r"|[。！？]+[”’」』）)]*"
    r"|(?<=[a-z]{2}\.)(?=[a-z]+\s)"  # a full stop whose space was left out: "well.you"
)
_NO_END = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|Sr|Jr|St|Mt|vs|etc|Inc|Ltd|Co|Corp|No|approx|e\.g|i\.e)"
    r"|(?<![^\W\d_])[A-Z])\.$"
)
_ZH_UNIT = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence: normalised ``[start, end)`` (trimmed) and its English words."""

    start: int
    end: int
    words: tuple[tuple[int, int], ...]  # normalised spans, punctuation at the edges cut


def sentences(ctx: DraftContext, ft: FieldText) -> list[Sentence]:
    """The sentences of a field, computed once per draft and kept in ``ctx.memo``."""
    key = ("sentences", ft.name)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _sentences(ft)
    return found


def most_words(ft: FieldText) -> int:
    """At least the number of English words in the field, so in any of its sentences,
    found without finding the words: its whitespace-separated chunks. A rule can skip
    splitting a short field into sentences."""
    return len(ft.text.split())


def _sentences(ft: FieldText) -> list[Sentence]:
    text = ft.text
    if not text.strip():
        return []
    starts = {0}
    for m in _END.finditer(text):
        end = m.end()
        if text[end - 1] == "." and _NO_END.search(text, max(0, m.start() - 6), end):
            continue  # only a full stop can follow an abbreviation or an initial
        if not (ft.field.skip and ft.in_skip(m.start() - 1, end + 1)):
            starts.add(end)
    starts.update(m.end() for m in _BREAK.finditer(text))
    bounds = [*sorted(starts), len(text)]
    words = _words(ft)
    word_starts = [w[0] for w in words]
    out = []
    for start, end in itertools.pairwise(bounds):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not _ALNUM.search(stripped):
            continue
        start += len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
        lo = bisect.bisect_left(word_starts, start)
        hi = bisect.bisect_left(word_starts, end)
        out.append(Sentence(start, end, tuple(words[lo:hi])))
    return out


def _words(ft: FieldText) -> list[tuple[int, int]]:
    text = ft.text
    matches = _WORD.finditer(text)
    if _NOT_PROSE_ANYWHERE.search(text):
        matches = (m for m in matches if not _NOT_PROSE.search(m.group()))
    words = [m.span(1) for m in matches]
    if ft.field.skip:
        words = [(start, end) for start, end in words if not ft.in_skip(start, end)]
    return words


def zh_length(ft: FieldText, sentence: Sentence) -> int:
    """A Chinese sentence's length: Chinese characters plus Latin words and numbers."""
    return sum(
        1
        for m in _ZH_UNIT.finditer(ft.text, sentence.start, sentence.end)
        if not ft.in_skip(m.start(), m.end())
    )
