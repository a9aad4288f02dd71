"""A report written in pieces: the JSON report of a big run is never whole in memory,
and its pieces make exactly the report ``render`` gives."""

from __future__ import annotations

import pytest

from brandlint.errors import BrandlintError
from brandlint.fix import write_atomic
from brandlint.report import Options, render, render_pieces


def test_json_pieces_are_the_report_item_by_item(examples_result):
    pieces = list(render_pieces(examples_result, "json"))
    assert "".join(pieces) == render(examples_result, "json")
    assert len(pieces) > len(examples_result.findings) + len(
        examples_result.drafts
    )  # one per list item


def test_a_format_without_pieces_is_one_piece(examples_result):
    options = Options(width=100)
    assert list(render_pieces(examples_result, "text", options)) == [
        render(examples_result, "text", options)
    ]


def test_write_atomic_writes_pieces_as_they_come(tmp_path):
    path = tmp_path / "report.json"
    write_atomic(path, (piece.encode() for piece in ("{", '"a": 1', "}")))
    assert path.read_text(encoding="utf-8") == '{"a": 1}'


def test_a_failing_piece_leaves_the_old_file(tmp_path):
    path = tmp_path / "report.json"
    path.write_text("previous report\n", encoding="utf-8")

    def pieces():
        yield b"{"
        raise OSError(28, "No space left on device")

    with pytest.raises(BrandlintError, match="No space left"):
        write_atomic(path, pieces(), "cannot write the report")
    assert path.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file
