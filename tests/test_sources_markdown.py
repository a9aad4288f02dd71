"""Markdown drafts: front matter, the body, and what is not prose."""

from __future__ import annotations

import pytest

from brandlint.errors import InputError
from sources_helpers import assert_faithful, read, source_of, where

EMAIL = """\
---
channel: email
campaign: spring-launch
locale: en
subject: "Meet Acme \\"Cloud\\" \\u2014 world-class"
preheader: 'It''s the world-class launch'
cta: Start free trial
brandlint:
  disable: [tone-caps, spam-triggers/free]
send_at: 2026-03-01
---
Hi {{ first_name }},

Launch world-class campaigns in minutes.
"""


def test_front_matter_sets_attributes_and_fields(tmp_path):
    (draft,) = read(tmp_path, "emails/launch.md", EMAIL)
    assert draft.id == "emails/launch.md"
    assert (draft.channel, draft.campaign, draft.locale) == ("email", "spring-launch", "en")
    assert draft.disabled == ("tone-caps", "spam-triggers/free")
    assert [f.name for f in draft.fields] == ["subject", "preheader", "cta", "body"]
    assert str(draft.meta["send_at"]) == "2026-03-01"
    assert_faithful(draft)


def test_double_quoted_value_maps_past_its_escapes(tmp_path):
    (draft,) = read(tmp_path, "launch.md", EMAIL)
    assert draft.field("subject").text == 'Meet Acme "Cloud" — world-class'
    assert where(draft, "subject", "world-class") == (5, 38)
    assert source_of(draft, "subject", "world-class") == "world-class"
    assert where(draft, "subject", "—") == (5, 31)  # the backslash of \u2014


def test_single_quoted_value_maps_past_doubled_quotes(tmp_path):
    (draft,) = read(tmp_path, "launch.md", EMAIL)
    assert draft.field("preheader").text == "It's the world-class launch"
    assert where(draft, "preheader", "world-class") == (6, 23)


def test_body_is_verbatim_after_the_front_matter(tmp_path):
    (draft,) = read(tmp_path, "launch.md", EMAIL)
    assert draft.field("body").text.startswith("Hi {{ first_name }},")
    assert where(draft, "body", "world-class") == (14, 8)


def test_crlf_and_chinese_front_matter(tmp_path):
    text = "---\r\nchannel: weibo\r\ntitle: 春季新品，全网最佳\r\n---\r\n正文：我们是第一品牌。\r\n"
    (draft,) = read(tmp_path, "weibo/post.md", text)
    assert draft.field("title").text == "春季新品，全网最佳"
    assert where(draft, "title", "最佳") == (3, 15)
    assert where(draft, "body", "第一") == (5, 7)


def test_block_scalar_value_maps_line_by_line(tmp_path):
    text = "---\nsubject: >-\n  Spring is here,\n  world-class deals\n---\n"
    (draft,) = read(tmp_path, "a.md", text)
    assert draft.field("subject").text == "Spring is here, world-class deals"
    assert where(draft, "subject", "world-class") == (4, 3)


def test_file_without_front_matter_is_all_body(tmp_path):
    (draft,) = read(tmp_path, "a.md", "# Title\n\nBody copy.\n")
    assert [f.name for f in draft.fields] == ["body"]
    assert draft.channel is None


def test_skip_covers_urls_and_fenced_code(tmp_path):
    body = (
        "See https://acme.example/pricing?ref=world-class.\n"
        "\n"
        "```yaml\n"
        "banned: world-class\n"
        "```\n"
        "Our world-class team.\n"
    )
    (draft,) = read(tmp_path, "a.md", body)
    field = draft.field("body")
    skipped = [field.text[s:e] for s, e in field.skip]
    assert "https://acme.example/pricing?ref=world-class" in skipped
    assert "```yaml\nbanned: world-class\n```\n" in skipped
    prose = field.text.index("Our world-class") + 4
    assert not any(s <= prose < e for s, e in field.skip)


@pytest.mark.parametrize(
    ("markdown", "not_prose"),
    [
        ("Use `world-class` here.", "`world-class`"),
        ("Read [the guide](/docs/world-class.html) now.", "/docs/world-class.html"),
        ("Mail <hello@acme.example> today.", "<hello@acme.example>"),
        ("Text <!-- brandlint-disable tone-hype --> more.", "<!-- brandlint-disable tone-hype -->"),
        ('A <span class="x">word</span>.', '<span class="x">'),
        ("Intro.\n\n    indented code line\n\nAfter.", "    indented code line\n\n"),
        ("~~~\nwave fence\n~~~", "~~~\nwave fence\n~~~"),
    ],
)
def test_non_prose_ranges(tmp_path, markdown, not_prose):
    (draft,) = read(tmp_path, "a.md", markdown)
    field = draft.field("body")
    assert not_prose in [field.text[s:e] for s, e in field.skip]


@pytest.mark.parametrize(
    "markdown",
    [
        "- First point\n\n    still the first point, in prose\n",
        "Price: 5 `dollars and some text\n\nnot code` here",
        "Link text [world-class](#) stays prose",
    ],
)
def test_prose_that_looks_like_code_is_not_skipped(tmp_path, markdown):
    (draft,) = read(tmp_path, "a.md", markdown)
    field = draft.field("body")
    word = next(w for w in ("still", "dollars", "world-class") if w in field.text)
    at = field.text.index(word)
    assert not any(s <= at < e for s, e in field.skip)


def test_front_matter_without_closing_line(tmp_path):
    with pytest.raises(InputError, match="no closing") as info:
        read(tmp_path, "a.md", "---\nsubject: Hi\n\nBody\n")
    assert info.value.line == 1


def test_invalid_front_matter_yaml_reports_its_file_line(tmp_path):
    with pytest.raises(InputError, match="invalid YAML") as info:
        read(tmp_path, "a.md", "---\nchannel: email\nsubject: [unclosed\n---\nBody\n")
    assert (info.value.line, info.value.column) == (3, 10)


def test_front_matter_must_be_a_mapping(tmp_path):
    with pytest.raises(InputError, match="mapping") as info:
        read(tmp_path, "a.md", "---\n- a\n- b\n---\nBody\n")
    assert info.value.line == 2


def test_bad_suppression_key_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="disable") as info:
        read(tmp_path, "a.md", "---\nbrandlint: [tone-caps]\n---\nBody\n")
    assert info.value.line == 2


def test_front_matter_body_clashes_with_the_markdown_body(tmp_path):
    with pytest.raises(InputError, match="duplicate key 'body'") as info:
        read(tmp_path, "a.md", "---\nbody: Short\n---\nLong body\n")
    assert info.value.line == 2
