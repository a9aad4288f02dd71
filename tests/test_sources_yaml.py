"""YAML drafts files: one draft per document (or per list item)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from brandlint.errors import InputError
from brandlint.sources import read_text
from sources_helpers import assert_faithful, read, where

POSTS = """\
channel: x
campaign: spring
body: |
  Launch day!
  Our world-class tool ships.
---
channel: weibo
title: '春季新品'
body: "全网\\n最佳选择"
"""


def test_one_draft_per_document(tmp_path):
    first, second = read(tmp_path, "social.yaml", POSTS)
    assert (first.id, second.id) == ("social.yaml#1", "social.yaml#2")
    assert (first.channel, first.campaign, second.channel) == ("x", "spring", "weibo")
    assert first.field("body").text == "Launch day!\nOur world-class tool ships.\n"
    assert_faithful(first)
    assert_faithful(second)


def test_block_and_quoted_scalars_map_to_their_columns(tmp_path):
    first, second = read(tmp_path, "social.yaml", POSTS)
    assert where(first, "body", "world-class") == (5, 7)
    assert where(second, "title", "新品") == (8, 11)
    assert where(second, "body", "最佳") == (9, 12)


def test_single_document_and_list_of_drafts(tmp_path):
    (single,) = read(tmp_path, "one.yml", "headline_1: Hello\n")
    assert single.id == "one.yml"
    listed = read(tmp_path, "many.yaml", "- body: One\n- body: Two world-class\n")
    assert [d.id for d in listed] == ["many.yaml#1", "many.yaml#2"]
    assert where(listed[1], "body", "world-class") == (2, 13)


def test_invalid_yaml_reports_line_and_column(tmp_path):
    with pytest.raises(InputError, match="invalid YAML") as info:
        read(tmp_path, "a.yaml", "body: fine\nsubject: a: b\n")
    assert (info.value.line, info.value.column) == (2, 11)


def test_a_document_that_is_not_a_mapping(tmp_path):
    with pytest.raises(InputError, match="mapping") as info:
        read(tmp_path, "a.yaml", "body: x\n---\njust text\n")
    assert info.value.line == 3


@given(
    st.text(alphabet="ab é最 \n\t'\"\\:#-[],&*!|>%`😀", min_size=1, max_size=12),
    st.sampled_from([None, "'", '"', "|", ">"]),
)
def test_every_scalar_style_maps_back_to_the_source(text, style):
    source = yaml.safe_dump({"body": text}, default_style=style, allow_unicode=True, width=10)
    assume(text.strip() and yaml.safe_load(source)["body"] == text)
    (draft,) = read_text(source, "post.yaml")
    field = draft.field("body")
    assert field.text == text
    assert_faithful(draft)
    header = source.splitlines()[0]
    if not any(c.isdigit() for c in header):  # `|2` indentation indicators are not mapped
        assert field.source_map.runs
