"""Counting the way each platform counts (brandlint.nlp.counting)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandlint.errors import BrandlintError
from brandlint.nlp.counting import (
    COUNTERS,
    GSM_BASIC,
    GSM_EXTENSION,
    characters,
    count,
    double_width,
    half_width_ascii,
    hashtags,
    overflow_offset,
    sms_segments,
    utf8_bytes,
    utf16,
    x_weighted,
)

FAMILY = "👨\u200d👩\u200d👧"  # three emoji joined by two ZWJs
FLAG = "🇯🇵"  # two regional indicators
THUMB = "👍🏽"  # emoji + skin-tone modifier
KEYCAP = "1\ufe0f\u20e3"
DECOMPOSED_E = "e\u0301"  # é typed as e + combining acute


# --- characters ---------------------------------------------------------------------


def test_characters_counts_code_points_after_nfc():
    assert characters("Spring sale") == 11
    assert characters("春季大促") == 4
    assert characters(f"caf{DECOMPOSED_E}") == characters("café") == 4
    assert characters(FAMILY) == 5  # code points, not what the reader sees


# --- double_width (Google Ads, Microsoft Advertising) --------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Launch in minutes", 17, "ASCII counts 1 each"),
        ("春季大促", 8, "CJK counts 2 each"),
        ("한국어", 6, "Hangul is wide"),
        ("大促，快来", 10, "full-width comma is wide"),
        ("ｶﾀｶﾅ", 4, "half-width katakana counts 1"),
        ("café", 4, "accented Latin is narrow"),
        ("😀", 2, "an emoji counts 2"),
        (FAMILY, 2, "a ZWJ family is one emoji"),
        (FLAG, 2, "a flag is one emoji"),
        (THUMB, 2, "skin tone belongs to its emoji"),
        (KEYCAP, 2, "a keycap is one emoji"),
        ("❤️", 2, "heart with VS16 is an emoji"),
        ("❤", 1, "a bare text-style heart is a narrow symbol"),
        ("Sale 🎉 now", 11, "mixed"),
        ("𠀀", 2, "CJK Extension B (outside the BMP) is wide"),
    ],
)
def test_double_width(text, expected, why):
    assert double_width(text) == expected, why


def test_google_headline_holds_15_chinese_characters():
    assert double_width("一站式品牌营销平台现已上线啦") == 28  # 14
    assert double_width("一站式品牌营销平台现已上线了啦") == 30  # 15: fits 30
    assert double_width("一站式品牌营销平台，现已正式上线") == 32  # 16: too long


# --- x_weighted -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Hello world", 11, "ASCII counts 1"),
        ("你好", 4, "CJK counts 2"),
        ("\u10ff\u1100", 3, "U+10FF is the last weight-1 code point; U+1100 weighs 2"),
        ("“quoted” – ok", 13, "curly quotes and en dash lie in U+2010–201F"),
        ("wait…", 6, "the ellipsis U+2026 lies in U+2010–201F"),
        ("′″", 2, "primes U+2032–2037 weigh 1"),
        ("→", 2, "an arrow is outside the ranges"),
        (FAMILY, 2, "ZWJ sequence counts as one emoji"),
        (THUMB + FLAG, 4, "skin tone and flag each count 2"),
        (f"caf{DECOMPOSED_E}", 4, "NFC first"),
    ],
)
def test_x_weighted_characters(text, expected, why):
    assert x_weighted(text) == expected, why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.com", 23),
        ("https://example.com/a/very/long/path/that/goes/on?and=on&on=1", 23),
        ("http://a.co", 23),  # shorter than 23, still 23
        ("See acme.com today", 4 + 23 + 6),
        ("See www.acme.io.", 4 + 23 + 1),  # the full stop is not part of the URL
        ("Shop acme.io/spring now", 5 + 23 + 4),
        ("acme.co.uk", 23),
        ("(see https://en.wikipedia.org/wiki/Acme_(brand))", 1 + 4 + 23 + 1),
        ("访问acme.com", 4 + 23),  # CJK may touch a URL
    ],
)
def test_x_counts_every_url_as_23(text, expected):
    assert x_weighted(text) == expected


@pytest.mark.parametrize(
    "text",
    ["file.py", "Acme.io", "hi@acme.com", "v2.0", "e.g. this", "#acme.com", "node.js"],
)
def test_x_near_misses_are_not_urls(text):
    assert x_weighted(text) == len(text)


def test_x_280_with_a_link():
    link = "https://acme.com/spring-sale"
    assert x_weighted("a" * 256 + " " + link) == 280
    assert x_weighted("a" * 257 + " " + link) == 281


# --- utf16, utf8_bytes, half_width_ascii -----------------------------------------------


def test_utf16_counts_code_units():
    assert utf16("Caption") == 7
    assert utf16("春季") == 2
    assert utf16("😀") == 2
    assert utf16(FAMILY) == 8
    assert utf16(DECOMPOSED_E) == 2  # sent as typed: no normalisation


def test_utf8_bytes():
    assert utf8_bytes("abc") == 3
    assert utf8_bytes("é") == 2
    assert utf8_bytes("中") == 3
    assert utf8_bytes("😀") == 4


def test_half_width_ascii():
    assert half_width_ascii("abc") == 1.5
    assert half_width_ascii("微博") == 2
    assert half_width_ascii("Hi 微博") == 3.5
    assert half_width_ascii("é") == 0.5  # Latin-1


# --- hashtags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#spring #sale", 2),
        ("New in: #春季新品 and ＃限时", 2),
        ("#spring2026", 1),
        ("Issue #1 is out", 0),  # digits only
        ("I code in C#", 0),
        ("page#top and https://acme.com/#faq", 0),
        ("#️⃣ keycap", 0),
        ("&#39; entity", 0),
    ],
)
def test_hashtags(text, expected):
    assert hashtags(text) == expected


# --- SMS ------------------------------------------------------------------------------


def test_gsm_tables_are_exact():
    assert len(GSM_BASIC) == 127  # 128 code points minus the escape
    assert len(set(GSM_BASIC)) == 127
    assert set(GSM_EXTENSION) == set("\f^{}\\[~]|€")
    assert not set(GSM_BASIC) & set(GSM_EXTENSION)


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),  # 2 × 153
        ("a" * 307, 3),
        ("a" * 1530, 10),
        ("a" * 1531, 11),
    ],
)
def test_gsm7_segments(text, segments):
    sms = sms_segments(text)
    assert (sms.encoding, sms.units, sms.segments) == ("GSM-7", len(text), segments)


def test_extension_characters_count_two():
    assert sms_segments("Only €5!").units == 9
    assert sms_segments("€" * 80).segments == 1  # 160 septets
    assert sms_segments("€" * 80 + "a").segments == 2
    for char in "€[]{}\\^~|\f":
        assert sms_segments(char).units == 2, repr(char)


def test_escape_sequence_is_never_split_across_segments():
    # 306 septets would fit 2 × 153, but the € cannot straddle the boundary
    sms = sms_segments("a" * 152 + "€" + "a" * 152)
    assert (sms.units, sms.segments) == (306, 3)


@pytest.mark.parametrize(
    ("text", "segments"),
    [("中" * 70, 1), ("中" * 71, 2), ("中" * 134, 2), ("中" * 135, 3)],
)
def test_ucs2_segments(text, segments):
    sms = sms_segments(text)
    assert (sms.encoding, sms.units, sms.segments) == ("UCS-2", len(text), segments)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Don’t miss it", "’"),
        ("Sale — today", "—"),
        ("Wait…", "…"),
        ("Français", "ç"),
        ("Code `SPRING`", "`"),
        ("Tab\there", "\t"),
        ("Hi 😀", "😀"),
        (f"Caf{DECOMPOSED_E}", "\u0301"),
    ],
)
def test_one_non_gsm_character_switches_to_ucs2(text, trigger):
    sms = sms_segments(text)
    assert (sms.encoding, sms.trigger) == ("UCS-2", trigger)


@pytest.mark.parametrize("text", ["Ça va? Señor Müller paid £5 @ 10% off. ¿Sì? ¡Ya! Δ"])
def test_accented_latin_and_greek_of_the_gsm_table_stay_gsm7(text):
    assert sms_segments(text).encoding == "GSM-7"


def test_emoji_takes_two_ucs2_units_and_is_never_split():
    assert sms_segments("😀" * 35).units == 70
    assert sms_segments("😀" * 35).segments == 1
    sms = sms_segments("a" * 66 + "😀" + "a" * 66)  # 134 units, but 😀 cannot straddle
    assert (sms.units, sms.segments) == (134, 3)


def test_counter_registry():
    assert set(COUNTERS) == {
        "characters", "double_width", "x_weighted", "utf16", "utf8_bytes",
        "half_width_ascii", "hashtags", "sms_segments",
    }  # fmt: skip
    assert COUNTERS["sms_segments"]("a" * 161) == 2


def test_unknown_method_suggests_the_closest():
    with pytest.raises(BrandlintError) as err:
        count("text", "double_wide")
    assert "double_width" in (err.value.hint or "")


# --- overflow offsets -------------------------------------------------------------------


def test_overflow_offset_at_and_over_the_limit():
    assert overflow_offset("a" * 30, "characters", 30) is None
    assert overflow_offset("a" * 31, "characters", 30) == 30


def test_overflow_offset_of_a_cjk_headline():
    assert overflow_offset("中" * 15, "double_width", 30) is None
    assert overflow_offset("中" * 16, "double_width", 30) == 15


def test_overflow_offset_is_in_source_characters_for_decomposed_text():
    text = DECOMPOSED_E * 31  # 62 code points, 31 characters after NFC
    assert overflow_offset(text, "characters", 30) == 60  # the 31st e, not its accent


def test_overflow_offset_keeps_an_emoji_whole():
    assert overflow_offset("a" * 29 + FAMILY, "double_width", 30) == 29
    assert overflow_offset("a" * 2199 + "😀", "utf16", 2200) == 2199
    assert overflow_offset("a" * 4999 + "中", "utf8_bytes", 5000) == 4999


def test_overflow_offset_points_at_the_url_that_does_not_fit():
    text = "x" * 270 + " https://acme.com/spring"
    assert overflow_offset(text, "x_weighted", 280) == 271


def test_overflow_offset_of_hashtags_is_the_first_one_over():
    text = "New drop #a #b #c #d #e #f #g"
    assert overflow_offset(text, "hashtags", 5) == text.index("#f")
    assert overflow_offset(text, "hashtags", 7) is None


def test_overflow_offset_of_sms():
    assert overflow_offset("a" * 160, "sms_segments", 1) is None
    assert overflow_offset("a" * 161, "sms_segments", 1) == 160
    assert overflow_offset("😀" + "a" * 80, "sms_segments", 1) == 69  # UCS-2: 70 units
    assert overflow_offset("a" * 1531, "sms_segments", 10) == 1530  # 10 × 153
    assert overflow_offset("中" * 671, "sms_segments", 10) == 670  # 10 × 67


def test_overflow_offset_half_units():
    assert overflow_offset("a" * 280, "half_width_ascii", 140) is None
    assert overflow_offset("a" * 281, "half_width_ascii", 140) == 280


# --- properties -----------------------------------------------------------------------

limits = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), method=st.sampled_from(sorted(COUNTERS)), limit=limits)
def test_the_text_before_the_overflow_offset_fits(text, method, limit):
    offset = overflow_offset(text, method, limit)
    if count(text, method) <= limit:
        assert offset is None
    else:
        assert offset is not None and 0 <= offset < len(text)
        if method != "x_weighted":  # cutting "acme.com0" makes "acme.co", a new URL
            assert count(text[:offset], method) <= limit


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo", "Nd", "P", "Zs"])))
def test_double_width_is_between_one_and_two_per_character(text):
    assert characters(text) <= double_width(text) <= 2 * characters(text)


@given(st.text())
def test_utf16_units_are_at_least_code_points(text):
    assert len(text) <= utf16(text) <= 2 * len(text)
