"""The ``brand-name`` rule: brand and product names written exactly as the brand does."""

from __future__ import annotations

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
        self.misspellings = brand.misspellings
        self.known_wrong = TermMatcher(
            pipelines, [(i, w, "exact") for i, w in enumerate(brand.misspellings)]
        )
        self.fuzzy = [(i, n.lower()) for i, n in enumerate(self.names) if n.isascii()]

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        return cls(framework, pipelines) if framework.brand.names else None

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        for ft in ctx.fields:
            claimed: list[tuple[int, int]] = []
            for m in self.variants.finditer(ft.text):
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

    def _near_misses(self, ft: FieldText, claimed: list[tuple[int, int]]) -> Iterator[Hit]:
        from rapidfuzz import fuzz, process

        tokens = [t for t in ft.doc if not t.is_space]
        choices = {i: name for i, name in self.fuzzy}
        for size in sorted({len(n.split()) for _, n in self.fuzzy}):
            for k in range(len(tokens) - size + 1):
                window = tokens[k : k + size]
                if not all(t.is_alpha for t in window):
                    continue
                start, end = window[0].idx, window[-1].idx + len(window[-1].text)
                if _overlaps(claimed, start, end) or ft.in_skip(start, end):
                    continue
                text = " ".join(t.text for t in window)
                best = process.extractOne(
                    text.lower(), choices, scorer=fuzz.ratio, score_cutoff=self.threshold
                )
                if best is None:
                    continue
                name = self.names[best[2]]
                if not self._plausible_typo(window, name):
                    continue
                claimed.append((start, end))
                yield self._hit(ft, start, end, name, "looks like a misspelling of", safe=False)

    def _plausible_typo(self, window, name: str) -> bool:
        """Same first letter, and every word that differs is not an English word."""
        if window[0].text[:1].lower() != name[:1].lower():
            return False
        words = name.split()
        for token, word in zip(window, words, strict=True):
            if token.lower_ != word.lower() and self.pipelines.is_word(token.lower_):
                return False
        return True

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


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
