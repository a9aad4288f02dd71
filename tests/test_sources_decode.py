"""Encodings and bad bytes: what a draft file may be written in, and what is refused."""

from __future__ import annotations

import sys

import pytest

from brandlint.errors import InputError
from brandlint.sources import read_text
from brandlint.sources.decode import decode
from sources_helpers import read, where


def test_utf8_with_bom_positions_ignore_the_bom(tmp_path):
    (draft,) = read(tmp_path, "note.txt", b"\xef\xbb\xbfBuy now, world-class deals")
    assert draft.source.bom and draft.source.encoding == "utf-8"
    assert draft.field("body").text.startswith("Buy")
    assert where(draft, "body", "world-class") == (1, 10)


def test_crlf_file_keeps_line_endings_and_columns(tmp_path):
    (draft,) = read(tmp_path, "note.txt", "First line\r\nSecond world-class line\r\n")
    assert draft.source.newline == "\r\n"
    assert "\r\n" in draft.field("body").text
    assert where(draft, "body", "world-class") == (2, 8)


def test_columns_count_characters_not_bytes(tmp_path):
    (draft,) = read(tmp_path, "post.txt", "第一行\n全网最佳的营销平台\n")
    assert where(draft, "body", "最佳") == (2, 3)


def test_utf16_with_bom_is_read(tmp_path):
    data = "\ufeffHeadline 1\tDescription 1\r\nFast setup\tworld-class help\r\n".encode("utf-16-le")
    (draft,) = read(tmp_path, "export.tsv", data)
    assert draft.source.encoding == "utf-16-le" and draft.source.bom
    assert where(draft, "description_1", "world-class") == (2, 12)


def test_binary_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read(tmp_path, "logo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_undecodable_bytes_name_the_line_and_column(tmp_path):
    data = b"Good line\nBad \x81\x8d\x8f\x90\x9d\xff\xfe here\n"
    with pytest.raises(InputError, match="not UTF-8") as info:
        read(tmp_path, "copy.txt", data)
    assert (info.value.line, info.value.column) == (2, 5)
    assert "save the file as UTF-8" in info.value.message


@pytest.mark.parametrize("detector", ["installed", "missing"])
def test_legacy_encodings_are_detected(monkeypatch, detector):
    if detector == "missing":
        monkeypatch.setitem(sys.modules, "charset_normalizer", None)
    western = decode("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu.\n".encode("cp1252"))
    assert western.text.startswith("Café crème") and western.encoding == "cp1252"
    chinese = decode("全网最佳的营销平台，第一选择。\n".encode("gbk"))
    assert chinese.text.startswith("全网最佳") and chinese.encoding == "gb18030"


def test_utf8_text_is_never_second_guessed():
    assert decode("naïve café".encode()).encoding == "utf-8"


def test_stdin_text_uses_the_display_suffix():
    (draft,) = read_text("---\nsubject: Hello\n---\nBody\n", "emails/welcome.md")
    assert [f.name for f in draft.fields] == ["subject", "body"]
    (plain,) = read_text("\ufeffJust text", "-")
    assert plain.source.bom and plain.field("body").text == "Just text"
