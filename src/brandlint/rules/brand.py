"""The ``brand-name`` rule: brand and product names written exactly as the brand does."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..findings import Severity
from ..framework.model import Framework
from ..nlp.pipeline import Pipelines
from ..nlp.terms import TermMatcher
from .base import DraftContext, Example, FieldText, Hit, Rule

_SEP = r"[\s\-_.·]*"  # what people put between (or instead of) the words of a name


class BrandName(Rule):
    """Brand and product names written exactly as the brand writes them.

    Finds, for every canonical name in ``brand.name`` and ``brand.products``:

    - wrong case (*ACME cloud*, *acme cloud*);
    - wrong spacing or joining (*AcmeCloud*, *Acme-Cloud*, *Acme  Cloud*);
    - the known wrong forms listed in ``brand.misspellings``;
    - near misses by fuzzy match (*Acme Clowd*), when their similarity to the name
      reaches ``brand.fuzzy_threshold`` (0-100, rapidfuzz ratio).

    The fix is the canonical form. Case, spacing and listed misspellings are safe to
    fix automatically; fuzzy near misses are suggestions, because a near miss can be
    another word. To keep prose readable, a one-word name that is also an English
    word (*Notion*, *Slack*) is not flagged in all-lowercase, and a near miss whose
    differing word is an English word (*Acme flows*) is not a misspelling.
    """

    id = "brand-name"
    severity = Severity.ERROR
    summary = "Brand and product names mis-cased, mis-spaced or misspelt; fix = canonical."
    fixable = True
    examples = (
        Example("Try ACME cloud today.", True, "wrong case"),
        Example("Try AcmeCloud today.", True, "joined"),
        Example("Try Acme Clowd today.", True, "near miss"),
        Example("Try Acme Cloud today.", False, "canonical"),
        Example("Acme Cloud's new plan.", False, "possessive"),
    )

    def __init__(self, framework: Framework, pipelines: Pipelines) -> None:
        brand = framework.brand
        self.names = brand.names
        self.threshold = brand.fuzzy_threshold
        self.pipelines = pipelines
        self.variants = re.compile(
            "|".join(
                rf"(?<![^\W_])(?P<n{i}>{_SEP.join(map(re.escape, name.split()))})(?![^\W_])"
                for i, name in sorted(enumerate(self.names), key=lambda p: -len(p[1]))
            ),
            re.IGNORECASE,
        )
        self.heads = _ascii_heads(self.names)
        self.misspellings = brand.misspellings
        self.known_wrong = TermMatcher(
            pipelines, [(i, w, "exact") for i, w in enumerate(brand.misspellings)]
        )
        self.windows = _window_patterns(self.names, self.threshold)
        # Copy repeats its phrases: most windows were judged before.
        self._near_name = functools.lru_cache(maxsize=16384)(self._judge_window)

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework, pipelines) if framework.brand.names else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        for ft in ctx.fields:
            claimed: list[tuple[int, int]] = []
            for m in self._variants(ft.text):
                name = self.names[int(m.lastgroup[1:])]
                claimed.append(m.span())
                written = m.group()
                if written == name or ft.in_skip(*m.span()) or self._is_word(written, name):
                    continue
                yield self._hit(ft, *m.span(), name, "should be written", safe=True)
            if ft.doc is None:
                continue
            if self.known_wrong:
                for m in self.known_wrong.find(ft.doc, ctx.locale):
                    if not _overlaps(claimed, m.start, m.end) and not ft.in_skip(m.start, m.end):
                        claimed.append((m.start, m.end))
                        yield self._hit(
                            ft,
                            m.start,
                            m.end,
                            self._closest(ft.text[m.start : m.end]),
                            "is a misspelling of",
                            safe=True,
                        )
            if ctx.locale == "en" or ft.text.isascii():
                yield from self._near_misses(ft, claimed)

    def _variants(self, text: str) -> Iterator[re.Match[str]]:
        """The ways of writing a name in ``text``: none in ASCII text that holds no
        name's first word in any case (in ASCII, ``re.IGNORECASE`` is ``str.lower``)."""
        if self.heads is not None and text.isascii():
            lower = text.lower()
            if not any(head in lower for head in self.heads):
                return iter(())
        return self.variants.finditer(text)

    def _near_misses(self, ft: FieldText, claimed: list[tuple[int, int]]) -> Iterator[Hit]:
        for size, (pattern, _, low, high) in enumerate(self.windows):
            for m in pattern.finditer(ft.text):
                start, end = m.start(), m.end(1)
                if not low <= end - start <= high:
                    continue
                if _overlaps(claimed, start, end) or ft.in_skip(start, end):
                    continue
                name = self._near_name(size, ft.text[start:end])
                if name is None:
                    continue
                claimed.append((start, end))
                yield self._hit(ft, start, end, name, "looks like a misspelling of", safe=False)

    def _judge_window(self, size: int, text: str) -> str | None:
        """The name that ``text``, a window of the ``size``-th word count, is a
        plausible misspelling of, or None."""
        from rapidfuzz import fuzz, process

        best = process.extractOne(
            " ".join(text.lower().split()),
            self.windows[size][1],
            scorer=fuzz.ratio,
            score_cutoff=self.threshold,
        )
        if best is None or not self._plausible_typo(text, self.names[best[2]]):
            return None
        return self.names[best[2]]

    def _plausible_typo(self, written: str, name: str) -> bool:
        """Every word that differs from the name's is not an English word."""
        return all(
            w.lower() == n.lower() or not self.pipelines.is_word(w.lower())
            for w, n in zip(written.split(), name.split(), strict=True)
        )

    def _is_word(self, written: str, name: str) -> bool:
        """A one-word name that is an English word, written in lowercase prose."""
        return " " not in name and written.islower() and self.pipelines.is_word(written)

    def _closest(self, written: str) -> str:
        from rapidfuzz import fuzz, process

        return process.extractOne(written, self.names, scorer=fuzz.WRatio)[0]

    def _hit(self, ft: FieldText, start: int, end: int, name: str, verb: str, *, safe: bool) -> Hit:
        fstart, fend = ft.field_span(start, end)
        written = ft.field.text[fstart:fend]
        return Hit(
            message=f"'{written}' {verb} '{name}'.",
            field=ft.name,
            start=fstart,
            end=fend,
            suggestions=(name,),
            replacement=name,
            safe=safe,
        )


def _window_patterns(names: tuple[str, ...], threshold: float) -> list[tuple]:
    """For each word count of the ASCII names: a regex that finds, overlapping, every run
    of that many words starting with a name's first letter (the match is that letter,
    so that the search skips to such letters at C speed; it ends where group 1 ends);
    the names as choices; and the length bounds a window must meet to reach
    ``threshold`` (ratio = 2M / (a + b))."""
    by_size: dict[int, dict[int, str]] = {}
    for i, name in enumerate(names):
        if name.isascii():
            by_size.setdefault(len(name.split()), {})[i] = name.lower()
    keep = threshold / (200 - threshold)  # shortest / longest length that can still reach it
    out = []
    for size, choices in sorted(by_size.items()):
        firsts = "".join(sorted({c for n in choices.values() for c in (n[0], n[0].upper())}))
        word = r"[A-Za-z][A-Za-z'’]*"
        pattern = re.compile(
            rf"[{re.escape(firsts)}](?<![\w.@/].)(?=([A-Za-z'’]*(?:[ \t]+{word}){{{size - 1}}}))"
            r"(?![\w.@/]*[.@/]\w)"
        )
        lengths = [len(n) for n in choices.values()]
        out.append((pattern, choices, int(min(lengths) * keep), int(max(lengths) / keep) + 1))
    return out


def _ascii_heads(names: tuple[str, ...]) -> tuple[str, ...] | None:
    """The names' first words in lowercase, or None unless every name has an ASCII one."""
    firsts = [name.split()[:1] for name in names]
    if not all(first and first[0].isascii() for first in firsts):
        return None
    return tuple(sorted({first[0].lower() for first in firsts}))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
