"""JSON and JSON Lines drafts: one draft per object, escapes mapped to the source."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandlint.errors import InputError
from brandlint.sources import read_text
from sources_helpers import assert_faithful, read, source_of, where

ADS = """\
[
  {"channel": "google_ads", "Headline 1": "Caf\\u00e9 line\\none world-class",
   "clicks": 12, "tags": ["a"]},
  {"headline_1": "Plain world-class", "brandlint_disable": ["tone-hype"]}
]
"""


def test_array_of_objects_is_one_draft_each(tmp_path):
    first, second = read(tmp_path, "ads.json", ADS)
    assert (first.id, second.id) == ("ads.json#1", "ads.json#2")
    assert first.channel == "google_ads"
    assert first.meta == {"clicks": 12, "tags": ["a"]}
    assert second.disabled == ("tone-hype",)
    assert first.source.lines.line_col(first.anchor) == (2, 3)
    assert_faithful(first)


def test_word_after_escapes_maps_to_its_column(tmp_path):
    first, second = read(tmp_path, "ads.json", ADS)
    assert first.field("headline_1").text == "Café line\none world-class"
    assert where(first, "headline_1", "world-class") == (2, 64)
    assert source_of(first, "headline_1", "world-class") == "world-class"
    assert where(first, "headline_1", "é") == (2, 47)  # the backslash of \u00e9
    assert where(second, "headline_1", "world-class") == (4, 25)


def test_surrogate_pair_and_chinese(tmp_path):
    (draft,) = read(tmp_path, "post.json", '{"body": "\\ud83d\\ude80 全网最佳"}')
    assert draft.id == "post.json"
    assert draft.field("body").text == "🚀 全网最佳"
    assert where(draft, "body", "最佳") == (1, 26)


def test_json_lines(tmp_path):
    text = '{"body": "one"}\n\n{"body": "two world-class", "id": "b"}\n'
    first, second = read(tmp_path, "posts.jsonl", text)
    assert (first.id, second.id) == ("posts.jsonl#1", "posts.jsonl#b")
    assert where(second, "body", "world-class") == (3, 15)


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("ads.json", '[\n  {"body": "x",}\n]\n', 2, 16),
        ("ads.jsonl", '{"body": "ok"}\n{"body": oops}\n', 2, 10),
    ],
)
def test_invalid_json_reports_line_and_column(tmp_path, name, text, line, column):
    with pytest.raises(InputError, match="invalid JSON") as info:
        read(tmp_path, name, text)
    assert (info.value.line, info.value.column) == (line, column)


@pytest.mark.parametrize("text", ['"just a string"', "[1, 2]", '[{"body": "x"}, "y"]'])
def test_non_object_drafts_are_input_errors(tmp_path, text):
    with pytest.raises(InputError, match="object"):
        read(tmp_path, "ads.json", text)


def test_keys_that_normalise_to_the_same_field(tmp_path):
    with pytest.raises(InputError, match="duplicate key 'headline_1'") as info:
        read(tmp_path, "ads.json", '{"Headline 1": "One",\n "headline_1": "Two"}')
    assert (info.value.line, info.value.column) == (2, 16)


def test_attribute_of_the_wrong_type(tmp_path):
    with pytest.raises(InputError, match="'channel' must be a string") as info:
        read(tmp_path, "ads.json", '{\n "channel": ["email"]}')
    assert (info.value.line, info.value.column) == (2, 13)


@given(st.text(alphabet='ab é最 \n\t"\\/😀\x01', min_size=1, max_size=12), st.booleans())
def test_every_decoded_character_maps_to_itself_or_its_escape(text, ascii_only):
    source = json.dumps({"body": text}, ensure_ascii=ascii_only)
    drafts = read_text(source, "post.json")
    field = drafts[0].field("body")
    if not text.strip():
        assert field is None
        return
    assert field.text == text
    for i, ch in enumerate(field.text):
        at = field.source_map.to_source(i)
        assert source[at] == (ch if field.source_map.is_verbatim(i, i + 1) else "\\")
