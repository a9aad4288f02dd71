"""Rules over a draft's sentences: their length, and the reading grade they add up to.
Sentences and words are :mod:`brandlint.nlp.sentences`'; syllables are
:mod:`brandlint.nlp.syllables`'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..nlp.sentences import Sentence, most_words, sentences, zh_length
from ..nlp.syllables import syllables
from .base import DraftContext, Example, FieldText, Hit, Rule

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ZH_CHARS_PER_WORD = 2
"""A Chinese word averages about two characters (jieba's cut of the project's Chinese
test articles averages 1.9), so ``max_sentence_chars`` defaults to twice
``max_sentence_words``."""


def is_chinese(ft: FieldText, sentence: Sentence) -> bool:
    """A sentence is Chinese when it has more Chinese characters than English words."""
    han = len(_HAN.findall(ft.text, sentence.start, sentence.end))
    return han > 0 and han >= len(sentence.words)


class SentenceLength(Rule):
    """Sentences longer than the tone's ``max_sentence_words``.

    Long sentences are the first thing that makes copy hard to read: readers of a
    screen skim, and every readability formula (Flesch-Kincaid among them) weighs
    sentence length for that reason. English sentences are
    counted in words: whitespace-separated chunks with a letter or digit, so
    *on-brand* and *4K* are one word each and URLs and merge tags are not words.
    Chinese sentences are counted in characters (a run of Latin letters or digits
    counts one) against ``max_sentence_chars``, which defaults to twice
    ``max_sentence_words`` because a Chinese word averages about two characters; so
    a Chinese sentence of ordinary length (30-40 characters) passes a 28-word budget.
    A sentence ends at ``.`` ``!`` ``?`` (and ``。！？``), at a blank line, a list item,
    and at a line that ends without punctuation above one that starts a new
    sentence (a headline above its paragraph).
    """

    id = "tone-sentence-length"
    severity = Severity.WARNING
    summary = "Sentences over `max_sentence_words` (Chinese: characters, `max_sentence_chars`)."
    needs_doc = False  # sentences come from the text (nlp.sentences)
    examples = (
        Example(
            "Our platform, which we have been building for years with the help of "
            "hundreds of customers in dozens of countries, gives every marketing team "
            "the tools it needs to plan, write and ship campaigns.",
            True,
            "36 words; max_sentence_words: 28",
        ),
        Example("Launch on-brand campaigns in minutes. Every channel, one voice.", False),
        Example("我们帮助每一个营销团队在几分钟内发布符合品牌规范的活动。", False, "27 characters"),
    )

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        max_words = ctx.tone.max_sentence_words
        chars = ctx.tone.max_sentence_chars
        if chars is None and max_words is not None:
            chars = max_words * ZH_CHARS_PER_WORD
        if max_words is None and chars is None:
            return
        for ft in ctx.fields:
            if _HAN.search(ft.text) is None and (max_words is None or most_words(ft) <= max_words):
                continue  # English only, and no more words in all than a sentence may have
            for s in sentences(ctx, ft):
                if is_chinese(ft, s):
                    length, limit, unit = zh_length(ft, s), chars, "characters"
                else:
                    length, limit, unit = len(s.words), max_words, "words"
                if limit is not None and length > limit:
                    yield Hit(
                        f"Sentence of {length} {unit}; the tone allows {limit}. Split it.",
                        ft.name,
                        *ft.field_span(s.start, s.end),
                    )


MIN_WORDS = 30
"""Below this many words in a field, a reading grade says little: one long word
swings it by several grades."""


def fk_grade(words: int, sentences: int, syllable_count: int) -> float:
    """The Flesch-Kincaid grade level (Kincaid et al. 1975)."""
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


class Readability(Rule):
    """English text whose Flesch-Kincaid grade is above the tone's
    ``max_reading_grade``.

    The Flesch-Kincaid grade (Kincaid, Fishburne, Rogers & Chissom, 1975: 0.39 ×
    words per sentence + 11.8 × syllables per word − 15.59) estimates the US school
    grade needed to read a text; consumer copy usually aims at grade 8 or below.
    It is computed per field over the field's English sentences, with a syllable
    counter built for the purpose (vowel groups with the usual English exceptions),
    once the field has at least 30 words — below that one long word moves the grade
    by several points. The finding points at the hardest sentence, the one to
    rewrite first.

    Chinese: the rule does not apply. Flesch-Kincaid counts syllables of English
    words, and the Chinese readability formulas (which weigh character frequency
    and strokes) need frequency lists brandlint does not ship. Chinese sentences are
    left out of the grade; Chinese drafts are covered by ``tone-sentence-length``.
    """

    id = "tone-readability"
    severity = Severity.WARNING
    summary = "English reading grade (Flesch-Kincaid) over `max_reading_grade`; not for Chinese."
    needs_doc = False  # sentences come from the text (nlp.sentences)
    examples = (
        Example(
            "Comprehensive organizational transformation necessitates sophisticated "
            "infrastructure. Consequently, multidisciplinary collaboration facilitates "
            "implementation of interoperable methodologies across geographically "
            "distributed departments, notwithstanding considerable administrative "
            "complexity and substantial financial investment requirements.",
            True,
            "grade far above 9",
        ),
        Example(
            "Write once. Ship to every channel. Your team checks each ad, email and post "
            "in one place, and fixes what is off before it goes out. No more last-minute "
            "surprises, and no more copy that sounds like someone else.",
            False,
            "plain words, short sentences",
        ),
    )

    def check(self, ctx: DraftContext) -> Iterator[Hit]:
        limit = ctx.tone.max_reading_grade
        if limit is None or ctx.locale == "zh":
            return
        for ft in ctx.fields:
            if most_words(ft) < MIN_WORDS:
                continue  # its English sentences have fewer words still
            english = [s for s in sentences(ctx, ft) if s.words and not is_chinese(ft, s)]
            count = sum(len(s.words) for s in english)
            if count < MIN_WORDS:
                continue
            counts = [(s, [syllables(ft.text[a:b]) for a, b in s.words]) for s in english]
            grade = fk_grade(count, len(english), sum(sum(c) for _, c in counts))
            if grade <= limit:
                continue
            hardest, _ = max(  # long and hard: what lifts the grade most
                counts, key=lambda sc: len(sc[1]) * fk_grade(len(sc[1]), 1, sum(sc[1]))
            )
            yield Hit(
                f"Reading grade {grade:.1f} (Flesch-Kincaid) is above {limit:g}: use shorter"
                " sentences and plainer words; this is the hardest sentence.",
                ft.name,
                *ft.field_span(hardest.start, hardest.end),
            )
