"""Big tables in slices: a UTF-8 table is cut from its bytes and each worker reads only
its slice's window of them, with the same findings, positions and fixes as reading
the table whole; anything a window could not reproduce exactly is read whole."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from brandlint import engine, sources
from brandlint.api import lint
from brandlint.slices import read_window, slice_tasks
from brandlint.sources.table import SliceMismatch, record_starts
from brandlint.text import LineIndex
from brandlint.worker import Window, line_text

FRAMEWORK = Path(__file__).resolve().parent.parent / "examples" / "messaging_framework.yaml"
ROWS = [
    "Launch campaigns in minutes,Save 20% today 🚀,World-class support",
    'Acme Clowd: launch in minutes,"Save 20%, ""today""",Cheap plans',
    "极速上线,全网最低价 world-class,Register now",
    'Quick setup,"Two lines\nin one world-class cell",every channel',
    "Hi {{first_name}},Save 30% until May 7,World-class approvals",
]


def table(rows: int, newline: str = "\n", row: str = "ad{i},spring-{c},{text}") -> str:
    """An ad export with emoji, Chinese, quoted cells, line breaks in cells and blank
    lines (one of them holds only an ideographic space)."""
    lines = ["id,campaign,Headline 1,Description 1,Headline 2"]
    for i in range(1, rows + 1):
        lines.append(row.format(i=i, c=i % 3, text=ROWS[i % len(ROWS)]))
        if i % 11 == 0:
            lines.append("\u3000" if i % 22 else "")
    return newline.join(lines) + newline


def outcome(path: Path) -> tuple:
    """Everything a run reports about ``path``, offsets and context lines included."""
    result = lint([path], framework=FRAMEWORK)
    findings = [(f, f.start, f.end, f.fix) for f in result.findings]
    return findings, result.drafts, result.context


@pytest.fixture
def small_slices(monkeypatch):
    monkeypatch.setattr(engine, "SLICE_BYTES", 512)
    monkeypatch.setattr(engine, "SLICE_ROWS", 7)


@pytest.mark.parametrize(
    ("newline", "bom"), [("\n", b""), ("\r\n", codecs.BOM_UTF8)], ids=["lf", "crlf-bom"]
)
def test_windows_read_like_the_whole_table(tmp_path, monkeypatch, small_slices, newline, bom):
    path = tmp_path / "ads.csv"
    path.write_bytes(bom + table(60, newline).encode("utf-8"))
    tasks = slice_tasks("ads.csv", str(path), path.read_bytes(), ",", 7, (0, 0))
    assert tasks is not None and len(tasks) == 9
    assert all(t.window is not None for t in tasks)
    with monkeypatch.context() as patch:  # nothing reads the table whole
        patch.setattr(sources, "read_source", None)
        patch.setattr(sources, "read_bytes", None)
        sliced = outcome(path)
    assert any(f.fix is not None for f, *_ in sliced[0])  # fixes are vetted in windows
    assert any(f.rule == "campaign-conflict" for f, *_ in sliced[0])  # cross-draft
    assert any(f.line > 60 for f, *_ in sliced[0])
    monkeypatch.setattr(engine, "SLICE_BYTES", 1 << 30)
    assert outcome(path) == sliced


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_other_encodings_are_sliced_without_windows(tmp_path, encoding):
    text = table(30).replace("🚀", "!").replace("极速上线,全网最低价", "Vite,Prix")
    data = text.replace("\u3000", "").replace("Cheap", "Café").encode(encoding)
    tasks = slice_tasks("ads.csv", str(tmp_path / "ads.csv"), data, ",", 7, (0, 0))
    assert tasks is not None and len(tasks) == 5
    assert all(t.window is None for t in tasks)


def test_a_template_over_two_slices_is_read_without_windows(tmp_path, monkeypatch, small_slices):
    # Row 14 ends a slice with an open {{ that row 15, the next slice's first, closes:
    # only the whole file shows that expression, which makes row 15's fix unsafe.
    lines = table(30).split("\n")
    row = {line.split(",", 1)[0]: n for n, line in enumerate(lines)}
    lines[row["ad14"]] = "ad14,spring-2,Hi {{ name,Save 20%,Now"
    lines[row["ad15"]] = "ad15,spring-0,world-class }},Save 20%,Now"
    path = tmp_path / "ads.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    tasks = slice_tasks("ads.csv", str(path), path.read_bytes(), ",", 7, (0, 0))
    assert tasks is not None and all(t.window is None for t in tasks)
    sliced = outcome(path)
    fixes = [f.fix for f, *_ in sliced[0] if f.draft.endswith("#ad15") and f.fix is not None]
    assert [fix.applicability for fix in fixes] == ["unsafe"]
    monkeypatch.setattr(engine, "SLICE_BYTES", 1 << 30)
    assert outcome(path) == sliced


def test_a_changed_file_is_not_read_through_its_window(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(table(30), encoding="utf-8")
    stat = path.stat()
    tasks = slice_tasks("ads.csv", str(path), path.read_bytes(), ",", 7, (0, 0))
    window = tasks[1].window
    stamped = Window(window.head, window.start, window.end, window.line, (stat.st_size, 1))
    with pytest.raises(SliceMismatch):
        read_window("ads.csv", str(path), stamped, tasks[1].rows[0])
    current = (stat.st_size, stat.st_mtime_ns)
    stamped = Window(window.head, window.start, window.end, window.line, current)
    source, header = read_window("ads.csv", str(path), stamped, tasks[1].rows[0])
    assert header.text.startswith("id,campaign,") and source.text.startswith("ad8,")
    line = source.lines.line_col(source.base)[0]
    assert line == path.read_text(encoding="utf-8").count("\n", 0, source.base) + 1
    assert line_text(source, line) == source.text.split("\n", 1)[0]


def test_record_starts_of_utf8_bytes_are_the_texts_in_bytes():
    text = table(40).replace("\n\u3000\n", "\n\u3000\x1c\n") + "\u00a0\n"
    data = text.encode("utf-8")
    in_text = record_starts(text)
    assert [len(text[:s].encode("utf-8")) for s in in_text] == record_starts(data)
    assert record_starts('a,b\n"open,x\n') is None
    assert record_starts(b'a,b\n"open,x\n') is None


def test_line_index_of_a_window_counts_the_files_lines():
    text = "one\ntwo\nthree\nfour\n"
    window = text[8:]
    lines = LineIndex(window, base=8, line=3)
    whole = LineIndex(text)
    for offset in range(8, len(text)):
        assert lines.line_col(offset) == whole.line_col(offset)
    assert lines.line_start(4) == whole.line_start(4) == 14
    assert lines.line_count == whole.line_count


def test_windows_carry_the_files_stamp_and_digest(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text(table(30), encoding="utf-8")
    tasks = slice_tasks("ads.csv", str(path), path.read_bytes(), ",", 7, (123, 1), "d")
    assert {(t.window.stamp, t.window.digest) for t in tasks} == {((123, 1), "d")}
