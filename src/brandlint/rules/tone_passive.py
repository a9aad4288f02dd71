"""The ``tone-passive`` rule: passive voice in English copy, by the parser when a
trained spaCy pipeline is in use, otherwise by a *be* + participle heuristic."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ..findings import Severity
from ..nlp.lexicons import english_words, lexicon
from ..nlp.tokens import attr_ids, string_ids
from .base import DraftContext, Example, FieldText, Hit, Rule

_BE = frozenset(("be", "is", "are", "was", "were", "been", "being", "am", "'re", "’re"))
_BETWEEN = frozenset(
    ("not", "n't", "n’t", "also", "just", "still", "now", "often", "always", "never",
     "already", "all", "then", "being", "even", "only", "soon", "both")
)  # fmt: skip
_MAX_BETWEEN = 2


@functools.cache
def _be_ids() -> frozenset[int]:
    return string_ids(_BE)


@functools.cache
def _participles() -> tuple[frozenset[str], frozenset[str]]:
    """Irregular participles, and participles that read as adjectives after *be*."""
    return frozenset(lexicon("participles-en")), frozenset(lexicon("stative-participles-en"))


def _is_participle(tok) -> bool:
    lower = tok.lower_
    irregular, stative = _participles()
    if lower in stative:
        return False
    if lower in irregular:
        return True
    # A regular participle: an -ed form whose lemma is another English word (needed
    # -> need); "red", "hundred" and "talented" are their own lemmas.
    lemma = tok.lemma_.lower()
    return lower.endswith("ed") and len(lower) > 4 and lemma != lower and lemma in english_words()


def heuristic_spans(ft: FieldText, lowers: list[int]) -> Iterator[tuple[int, int]]:
    """Normalised spans *be-form … participle*: a form of *be*, at most two adverbs
    (*-ly* words, *not*, *also*…), then a past participle that is not a state.
    ``lowers``: the ``LOWER`` ids of the doc's tokens, which find the forms of *be*."""
    doc = ft.doc
    be = _be_ids()
    if doc is None or be.isdisjoint(lowers):
        return
    n = len(doc)
    for i in [i for i, lower in enumerate(lowers) if lower in be]:
        tok = doc[i]
        j = i + 1
        while (
            j < n
            and j - i <= _MAX_BETWEEN
            and (doc[j].lower_ in _BETWEEN or (doc[j].lower_.endswith("ly") and doc[j].is_alpha))
        ):
            j += 1
        if j < n and doc[j].is_alpha and _is_participle(doc[j]):
            yield tok.idx, doc[j].idx + len(doc[j].text)


def parser_spans(ft: FieldText) -> Iterator[tuple[int, int]]:
    """Normalised spans *auxiliary … verb* of passive auxiliaries (``auxpass``) in a
    parsed doc."""
    for tok in ft.doc or ():
        if tok.dep_ == "auxpass":
            head = tok.head
            start, end = min(tok.idx, head.idx), max(tok.idx + len(tok), head.idx + len(head))
            yield start, end


class Passive(Rule):
    """Passive voice ("the form is sent", "prices were cut"): it hides who acts and
    usually takes more words than the active sentence ("we send the form", "we cut
    prices"). Prose linters flag it (write-good's ``passive`` check; research notes,
    prose-linters.md); it is not wrong, and heuristics misread some adjectives as
    participles (channels-and-tools.md §C), so the finding is info.

    With a trained English pipeline configured (``spacy_models: {en:
    en_core_web_sm}``), the parser decides (passive auxiliaries, ``auxpass``).
    Without one, a heuristic reads a form of *be* (*is, are, was, were, be, been,
    being*), at most two adverbs (*not, also, -ly* words), then a past participle:
    an irregular one from ``lexicons/participles-en.txt`` or an *-ed* form of an
    English verb. Participles that read as adjectives after *be* (*we are excited*,
    *the office is located*, *the offer is limited*) are listed in
    ``lexicons/stative-participles-en.txt`` and never count. English only.
    """

    id = "tone-passive"
    severity = Severity.INFO
    summary = "Passive voice (a heuristic; the parser when a trained spaCy pipeline is set)."
    examples = (
        Example("Your order was shipped on Monday.", True, "was + shipped"),
        Example("Prices have been cut by half.", True, "been + cut"),
        Example("We shipped your order on Monday.", False, "active"),
        Example("We are excited to meet you.", False, "a state, not an action"),
    )

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        if ctx.locale == "zh":
            return
        for ft in ctx.fields:
            if ft.doc is None:
                continue
            parsed = ft.doc.has_annotation("DEP")
            spans = parser_spans(ft) if parsed else heuristic_spans(ft, attr_ids(ctx, ft, "LOWER"))
            for start, end in spans:
                if ft.in_skip(start, end):
                    continue
                start, end = ft.field_span(start, end)
                shown = ft.field.text[start:end]
                yield Hit(
                    f"'{shown}' is passive voice: say who does it.",
                    ft.name,
                    start,
                    end,
                )
