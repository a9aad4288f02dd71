"""Tone rules beyond the readable cases: per-channel budgets, the shipped lexicons,
the parser path of tone-passive and the Flesch-Kincaid arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandlint.nlp.lexicons import lexicon
from brandlint.rules.base import REGISTRY, all_rules
from brandlint.rules.tone_passive import parser_spans
from brandlint.rules.tone_sentences import fk_grade
from conftest import lint_text

CASES = Path(__file__).parent / "cases"
TONE_RULES = sorted(r for r in all_rules() if r.startswith("tone-"))


def test_every_tone_rule_explains_itself_and_has_cases():
    assert TONE_RULES == [
        "tone-caps",
        "tone-emoji",
        "tone-exclamation",
        "tone-hype",
        "tone-passive",
        "tone-person",
        "tone-readability",
        "tone-sentence-length",
    ]
    for rule_id in TONE_RULES:
        cls = REGISTRY[rule_id]
        assert (CASES / f"{rule_id}.yaml").is_file(), rule_id
        assert len(cls.explanation().splitlines()) > 3, rule_id
        assert any(e.fails for e in cls.examples) and any(not e.fails for e in cls.examples)


def test_sms_can_be_stricter_than_a_blog(make_framework):
    fw = make_framework(
        {
            "tone": {"max_exclamations": 2, "max_caps_words": 1, "max_emoji": 3},
            "channels": {
                "sms": {"tone": {"max_exclamations": 0, "max_caps_words": 0, "max_emoji": 0}},
                "blog": {},
            },
        }
    )
    text = "Spring sale starts NOW! 🌸"
    sms = lint_text(fw, text, channel="sms", select=("tone",))
    blog = lint_text(fw, text, channel="blog", select=("tone",))
    assert sorted(f.rule for f in sms.findings) == ["tone-caps", "tone-emoji", "tone-exclamation"]
    assert blog.findings == ()


@pytest.mark.parametrize("name", ["hype-en", "hype-zh"])
def test_every_builtin_hype_entry_is_found(make_framework, name):
    """Each lexicon entry, written as listed, is found: no entry the segmenter or the
    lemma table makes unreachable."""
    fw = make_framework({})
    locale = "zh" if name.endswith("zh") else "en"
    entries = [e.lstrip("=") for e in lexicon(name)]
    joiner = "。\n\n" if locale == "zh" else ".\n\n"
    text = joiner.join(f"这是{e}" if locale == "zh" else f"It is {e}" for e in entries)
    result = lint_text(fw, text, locale=locale, select=("tone-hype",))
    found = {f.match.lower() for f in result.findings}
    assert [e for e in entries if e.lower() not in found] == []


def test_framework_extras_allow_and_off(make_framework):
    fw = make_framework({"tone": {"hype": {"extra": ["=ninja", "10x"], "allow": ["amazing"]}}})
    result = lint_text(fw, "An amazing ninja with 10x output.", select=("tone-hype",))
    assert [f.match for f in result.findings] == ["ninja", "10x"]
    off = make_framework({"tone": {"hype": "off"}})
    assert lint_text(off, "A revolutionary tool.", select=("tone-hype",)).findings == ()


def test_passive_uses_the_parser_when_the_doc_is_parsed():
    """A trained pipeline's dependency labels decide: ``auxpass`` + its head."""
    import spacy
    from spacy.tokens import Doc

    from brandlint.drafts import Field
    from brandlint.rules.base import FieldText
    from brandlint.text import OffsetMap

    words = ["The", "form", "was", "sent", "today", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 3, 3, 3, 3, 3],
        deps=["det", "nsubjpass", "auxpass", "ROOT", "npadvmod", "punct"],
    )
    text = doc.text
    ft = FieldText(Field("body", text, OffsetMap.contiguous(0, len(text))), text, doc)
    assert [text[s:e] for s, e in parser_spans(ft)] == ["was sent"]


def test_flesch_kincaid_grade():
    # 100 words, 5 sentences, 150 syllables: 0.39 * 20 + 11.8 * 1.5 - 15.59 = 9.91
    assert fk_grade(100, 5, 150) == pytest.approx(9.91)


def test_sentence_rules_on_one_draft(make_framework):
    fw = make_framework({"tone": {"max_sentence_words": 5, "max_reading_grade": 1}})
    text = " ".join(["Every single draft we ship is read by many careful reviewers."] * 4)
    result = lint_text(fw, text, select=("tone-sentence-length", "tone-readability"))
    rules = [f.rule for f in result.findings]
    assert rules.count("tone-sentence-length") == 4 and rules.count("tone-readability") == 1


@pytest.mark.parametrize("name", ["hype-en", "hype-zh"])
def test_docs_list_every_builtin_hype_entry(name):
    docs = (Path(__file__).parent.parent / "docs" / "tone.md").read_text(encoding="utf-8")
    assert [e for e in lexicon(name) if e.lstrip("=") not in docs] == []
