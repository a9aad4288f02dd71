"""The engine end to end: input errors never stop a run, positions survive BOM/CRLF,
suppressions, locale detection and the Python API."""

from __future__ import annotations

import pytest

from brandlint import lint
from brandlint.framework.model import Banned, Brand, Channel, Framework

FW = Framework(
    brand=Brand(name="Acme Cloud"),
    banned=(Banned(phrase="world-class"), Banned(phrase="最佳")),
    channels={"email": Channel(name="email", profile="email")},
)
CONFIG = None


def run(tmp_path, files: dict[str, bytes | str], **kwargs):
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    return lint([tmp_path], framework=FW, config=tmp_path / "brandlint.yaml", **kwargs)


@pytest.fixture(autouse=True)
def _config(tmp_path, monkeypatch):
    (tmp_path / "brandlint.yaml").write_text("include: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)


BAD_FILES = {
    "binary.txt": b"GIF89a\x00\x01\x02\x00",
    "latin.txt": b"\x81\x8d\x8f\x90\x9d undecodable",
    "front.md": "---\nsubject: [unclosed\n---\nBody\n",
    "ragged.csv": "headline_1,description_1\nOne,Two,Three\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_an_input_error_and_the_run_goes_on(tmp_path, name):
    result = run(tmp_path, {name: BAD_FILES[name], "good.txt": "A world-class team."})
    errors = [f for f in result.findings if f.rule == "input-error"]
    assert [f.path for f in errors] == [name]
    assert errors[0].line >= 1 and errors[0].message
    assert any(f.rule == "banned-phrase" and f.path == "good.txt" for f in result.findings)
    assert {d.id: d.status for d in result.drafts}[name] == "fail"


def test_bom_and_crlf_keep_positions(tmp_path):
    text = "Line one.\r\nOur world-class team.\r\n"
    result = run(tmp_path, {"a.txt": b"\xef\xbb\xbf" + text.encode(), "b.txt": text})
    spots = {(f.path, f.line, f.column, f.end_column) for f in result.findings}
    assert spots == {("a.txt", 2, 5, 16), ("b.txt", 2, 5, 16)}


def test_columns_count_characters_not_bytes(tmp_path):
    result = run(tmp_path, {"zh.txt": "你好，这是最佳选择。"})
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.end_column) == (1, 6, 8)
    assert finding.match == "最佳"


def test_csv_cell_positions(tmp_path):
    csv = 'id,headline_1\nx1,"Say ""hi"" to a world-class tool"\n'
    (finding,) = run(tmp_path, {"ads.csv": csv}, select=["banned-phrase"]).findings
    assert (finding.draft, finding.field, finding.line, finding.column) == (
        "ads.csv#x1",
        "headline_1",
        2,
        21,
    )  # x1,"Say ""hi"" to a |world-class


def test_chinese_is_detected_without_a_declared_locale(tmp_path):
    result = run(tmp_path, {"a.txt": "我们提供最佳服务。"})
    assert result.drafts[0].locale == "zh"
    assert [f.match for f in result.findings] == ["最佳"]


def test_suppression_comment_and_unused_suppression(tmp_path):
    md = (
        "<!-- brandlint-disable-next-line banned-phrase -- approved by legal -->\n"
        "Our world-class team.\n"
        "<!-- brandlint-disable-next-line brand-name -->\n"
        "Nothing to see.\n"
    )
    select = ["banned-phrase", "brand-name", "unused-suppression"]
    result = run(tmp_path, {"a.md": md}, select=select)
    assert [(f.rule, f.line) for f in result.findings] == [("unused-suppression", 3)]


def test_texts_api_and_same_findings_as_files(tmp_path):
    from_text = lint(
        texts={"email/a.txt": "A world-class team."},
        framework=FW,
        config=tmp_path / "brandlint.yaml",
    )
    from_file = run(tmp_path, {"email/a.txt": "A world-class team."})
    assert from_text.findings == from_file.findings
    assert from_text.findings[0].channel == "email"


def test_findings_are_deterministic(tmp_path):
    files = {f"d{i}.txt": "world-class ACME CLOUD world-class" for i in range(5)}
    assert run(tmp_path, files).findings == run(tmp_path, files).findings
