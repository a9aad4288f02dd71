"""HTML drafts: visible text only, with positions that point into the markup."""

from __future__ import annotations

from sources_helpers import assert_faithful, read, source_of, where

EMAIL = """\
<!DOCTYPE html>
<html>
<head>
  <title>Spring sale &amp; world-class savings</title>
  <meta name="description" content="Caf&eacute; deals, world-class coffee">
  <style>.world-class { color: red }</style>
</head>
<body>
  <div class="preheader" style="display:none">Your world-class week&zwnj;&nbsp;&zwnj;&nbsp;</div>
  <!-- world-class in a comment -->
  <h1>Caf&eacute; &amp; world-class cake</h1>
  <p>Hi there,
     we <b>really</b> mean it.<br>New line</p>
  <script>var slogan = "world-class";</script>
</body>
</html>
"""


def test_title_is_subject_and_hidden_parts_are_not_text(tmp_path):
    (draft,) = read(tmp_path, "email.html", EMAIL)
    assert [f.name for f in draft.fields] == ["subject", "preheader", "description", "body"]
    assert draft.field("subject").text == "Spring sale & world-class savings"
    body = draft.field("body").text
    assert "color" not in body and "slogan" not in body and "comment" not in body
    assert_faithful(draft)


def test_word_after_an_entity_maps_to_its_source_column(tmp_path):
    (draft,) = read(tmp_path, "email.html", EMAIL)
    assert where(draft, "body", "world-class") == (11, 25)
    assert where(draft, "subject", "world-class") == (4, 28)
    assert where(draft, "description", "world-class") == (5, 56)


def test_decoded_entity_maps_to_its_ampersand(tmp_path):
    (draft,) = read(tmp_path, "email.html", EMAIL)
    assert draft.field("body").text.startswith("Café & world-class cake")
    assert where(draft, "body", "é") == (11, 10)
    assert source_of(draft, "body", "Caf") == "Caf"


def test_blocks_become_lines_and_whitespace_reads_as_one_space(tmp_path):
    (draft,) = read(tmp_path, "email.html", EMAIL)
    assert draft.field("body").text == (
        "Café & world-class cake\nHi there, we really mean it.\nNew line"
    )
    assert where(draft, "body", "really") == (13, 12)


def test_preheader_filler_is_trimmed(tmp_path):
    (draft,) = read(tmp_path, "email.html", EMAIL)
    assert draft.field("preheader").text == "Your world-class week"


def test_chinese_landing_page_with_crlf(tmp_path):
    page = (
        "<html>\r\n<head><title>春季新品</title></head>\r\n"
        "<body><p>全网最佳的选择</p></body></html>"
    )
    (draft,) = read(tmp_path, "landing.htm", page)
    assert draft.field("body").text == "全网最佳的选择"
    assert where(draft, "body", "最佳") == (3, 12)


def test_preformatted_text_is_kept_verbatim(tmp_path):
    (draft,) = read(tmp_path, "a.html", "<p>Code:</p><pre>  two  spaces\n  kept</pre>")
    assert draft.field("body").text == "Code:\n  two  spaces\n  kept"
