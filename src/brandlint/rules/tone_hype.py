"""The ``tone-hype`` rule: hype and weasel words from the built-in English and Chinese
lexicons (``lexicons/hype-en.txt``, ``lexicons/hype-zh.txt``) plus the framework's
extras, less what the brand allows. ``docs/tone.md`` documents both."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Severity
from ..framework.model import Framework
from ..nlp.lexicons import lexicon
from ..nlp.pipeline import Pipelines
from ..nlp.terms import TermMatcher, drop_contained
from .base import DraftContext, Example, Hit, Rule
from .tone import framework_names, name_spans, overlaps

LEXICONS = ("hype-en", "hype-zh")
_MODALS = frozenset(("must", "should", "could", "would", "might", "can", "will", "may"))
# A word standing alone as an exclamation ("Awesome, see you there"): a reaction in a
# conversation, not a claim about a product.
_INTERJECTION_BEFORE = re.compile(r"(?:^|[.!?。！？]\s*|\n\s*)[\"'“‘(]?$")
_INTERJECTION_AFTER = re.compile(r"\s*(?:[,!]|$)")


@dataclass(frozen=True)
class _Entry:
    word: str  # as listed, without the leading "="
    builtin: bool


def _settings(framework: Framework) -> list[Any]:
    """Every ``hype`` setting in the framework: its own and each channel's."""
    return [
        framework.tone.hype,
        *(c.tone["hype"] for c in framework.channels.values() if "hype" in c.tone),
    ]


def _words(setting: Any, key: str) -> frozenset[str]:
    if not isinstance(setting, dict):
        return frozenset()
    return frozenset(w.lstrip("=").lower() for w in setting.get(key, ()))


class Hype(Rule):
    """Hype and weasel words: claims of excellence or novelty that show nothing
    (*revolutionary*, *game-changing*, *best-in-class*, *unbeatable*; 颠覆, 史上,
    震撼, 黑科技), empty intensifiers (*amazing*, *seamless*), and phrases that lean
    on unnamed authorities (*studies show*, 众所周知).

    Hype costs trust: readers discount superlatives, and claims of being best or
    first need substantiation (the FTC and NAD positions on #1 claims, and 广告法
    Art. 9(3) in China, are summarised in the research notes, channels-and-tools.md
    §B; the absolute terms 最/第一/国家级 themselves are the ``zh-ad-law`` pack's
    job). The lexicons follow the
    overstatement and weasel checks of prose linters (write-good, proselint, Vale's
    Apify style) and keep to words that are hype in marketing copy whatever the
    context; ``docs/tone.md`` lists them.

    English entries match by lemma (*supercharge* finds *supercharged*) unless
    listed as exact (``=amazing``, so *amaze* stays allowed); a hyphenated entry
    matches with a space too (*cutting edge*). Chinese entries follow jieba's word
    boundaries (史上 in 史上最强, not in 历史上). The framework's own names never
    count (a product called *Acme Ultimate*), nor does a word said as an exclamation
    in conversation ("Awesome, see you there!"), and *must-have* matches only with
    its hyphen ("you must have seen it" is a modal verb). Per framework or channel:
    ``tone.hype: off`` turns the check off, ``{extra: [...], allow: [...]}`` adds
    words (matched by lemma; ``=word`` for exact) and allows built-in ones.
    """

    id = "tone-hype"
    severity = Severity.WARNING
    summary = "Hype and weasel words: the built-in English/Chinese lexicon + framework extras."
    examples = (
        Example("Our revolutionary, game-changing platform.", True, "two hype words"),
        Example("史上最强的颠覆性产品", True, "史上, 颠覆性"),
        Example("Studies show it saves time.", True, "authority without a source"),
        Example("Cut setup time from two days to nine minutes.", False, "a concrete claim"),
        Example("历史上的今天", False, "史 上 is not 史上 here"),
    )

    def __init__(self, entries: list[_Entry], matcher: TermMatcher, names: tuple[str, ...]):
        self.entries = entries
        self.matcher = matcher
        self.names = names

    @classmethod
    def build(cls, framework: Framework, pipelines: Pipelines) -> Rule | None:
        settings = _settings(framework)
        if all(s == "off" for s in settings):
            return None
        entries: list[_Entry] = []
        terms: list[tuple[int, str, str]] = []

        def add(listed: str, builtin: bool) -> None:
            exact = listed.startswith("=")
            word = listed[1:] if exact else listed
            key = len(entries)
            entries.append(_Entry(word, builtin))
            mode = "exact" if exact else "lemma"
            terms.append((key, word, mode))
            spaced = word.replace("-", " ")
            if spaced != word and spaced.split()[0].lower() not in _MODALS:
                terms.append((key, spaced, mode))  # cutting edge; not "must have"

        for name in LEXICONS:
            for listed in lexicon(name):
                add(listed, True)
        for setting in settings:
            if isinstance(setting, dict):
                for listed in setting.get("extra", ()):
                    add(listed, False)
        pipelines.learn(e.word for e in entries)
        return cls(entries, TermMatcher(pipelines, terms), framework_names(framework))

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        setting = ctx.tone.hype
        if setting == "off":
            return
        allow, extra = _words(setting, "allow"), _words(setting, "extra")
        for ft in ctx.fields:
            if ft.doc is None:
                continue
            matches = drop_contained(self.matcher.find(ft.doc, ctx.locale))
            names = name_spans(ft.text, self.names) if matches else []
            seen: set[tuple[int, int]] = set()
            for m in matches:
                if (m.start, m.end) in seen:
                    continue
                entry = self.entries[m.key]
                word = entry.word.lower()
                matched = ft.text[m.start : m.end]
                if entry.builtin and (word in allow or matched.lower() in allow):
                    continue
                if not entry.builtin and word not in extra:
                    continue  # another channel's extra
                if ft.in_skip(m.start, m.end) or overlaps(m.start, m.end, names):
                    continue
                if matched.isascii() and _interjection(ft.text, m.start, m.end):
                    continue
                seen.add((m.start, m.end))
                start, end = ft.field_span(m.start, m.end)
                shown = ft.field.text[start:end]
                yield Hit(
                    f"'{shown}' is hype: show the evidence or say what it does instead.",
                    ft.name,
                    start,
                    end,
                )


def _interjection(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a sentence and is followed by ``,`` ``!`` or
    nothing: an exclamation ("Awesome, see you there"), not a description."""
    return bool(
        _INTERJECTION_BEFORE.search(text, max(0, start - 5), start)
        and _INTERJECTION_AFTER.match(text, end)
    )
