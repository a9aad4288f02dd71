"""CSV and TSV drafts: one draft per row, cells mapped to exact positions."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandlint.errors import InputError
from brandlint.sources.table import scan
from sources_helpers import assert_faithful, read, source_of, where

ADS = (
    "Campaign,Headline 1,Headline 2,Description 1,brandlint_disable\n"
    'spring,Fast setup,"The ""world-class"" tool","Plans from $9.\n'
    'Now with world-class support",tone-hype\n'
    "spring,Launch in minutes,,Simple pricing,\n"
)


def test_rows_are_drafts_and_columns_are_fields(tmp_path):
    first, second = read(tmp_path, "ads/google.csv", ADS)
    assert (first.id, second.id) == ("ads/google.csv#1", "ads/google.csv#2")
    assert [f.name for f in first.fields] == ["headline_1", "headline_2", "description_1"]
    assert first.field("headline_2").kind == "headline"
    assert first.campaign == "spring" and first.disabled == ("tone-hype",)
    assert [f.name for f in second.fields] == ["headline_1", "description_1"]  # empty cell
    assert first.source.lines.line_col(first.anchor) == (2, 1)
    assert second.source.lines.line_col(second.anchor) == (4, 1)
    assert_faithful(first)


def test_quoted_cell_with_doubled_quotes(tmp_path):
    (draft, _) = read(tmp_path, "ads.csv", ADS)
    assert draft.field("headline_2").text == 'The "world-class" tool'
    assert where(draft, "headline_2", "world-class") == (2, 26)
    assert source_of(draft, "headline_2", "world-class") == "world-class"
    assert where(draft, "headline_2", '"') == (2, 24)  # the first quote of the pair


def test_quoted_cell_with_an_embedded_line_break(tmp_path):
    (draft, _) = read(tmp_path, "ads.csv", ADS)
    assert draft.field("description_1").text == "Plans from $9.\nNow with world-class support"
    assert where(draft, "description_1", "world-class") == (3, 10)


def test_crlf_bom_and_chinese_cells(tmp_path):
    data = "\ufeffchannel,title,body\r\nweibo,春季新品,全网最佳，“第一”品牌\r\n".encode()
    (draft,) = read(tmp_path, "weibo.csv", data)
    assert draft.channel == "weibo"
    assert draft.field("body").text == "全网最佳，“第一”品牌"
    assert where(draft, "body", "最佳") == (2, 14)
    assert where(draft, "body", "第一") == (2, 18)


def test_tsv_and_id_column(tmp_path):
    rows = "id\tHeadline 1\nbrand-a\tOne\nbrand-b\tTwo\n"
    first, second = read(tmp_path, "ads.tsv", rows)
    assert (first.id, second.id) == ("ads.tsv#brand-a", "ads.tsv#brand-b")


def test_duplicate_ids_are_an_input_error(tmp_path):
    with pytest.raises(InputError, match="duplicate draft id 'x'") as info:
        read(tmp_path, "ads.csv", "id,body\nx,One\nx,Two\n")
    assert info.value.line == 3


def test_blank_lines_are_not_rows(tmp_path):
    drafts = read(tmp_path, "ads.csv", "body\nOne\n\nTwo\n")
    assert [d.id for d in drafts] == ["ads.csv#1", "ads.csv#2"]


@pytest.mark.parametrize(
    ("table", "line", "column"),
    [
        ("headline,description\nOne,Two,Three\n", 2, 9),  # the first extra cell
        ("headline,description\nOne,Two\nOnly one\n", 3, 9),  # where the short row ends
    ],
)
def test_ragged_row_is_an_input_error(tmp_path, table, line, column):
    with pytest.raises(InputError, match="cells but the header has 2") as info:
        read(tmp_path, "ads.csv", table)
    assert (info.value.line, info.value.column) == (line, column)


def test_unclosed_quote_points_at_the_quote(tmp_path):
    with pytest.raises(InputError, match="unclosed quote") as info:
        read(tmp_path, "ads.csv", 'headline\n"Never closed\nstill open\n')
    assert (info.value.line, info.value.column) == (2, 1)


def test_duplicate_column_names(tmp_path):
    with pytest.raises(InputError, match="duplicate column 'headline_1'") as info:
        read(tmp_path, "ads.csv", "Headline 1,headline-1\na,b\n")
    assert (info.value.line, info.value.column) == (1, 12)


def _encode_cell(cell: str) -> str:
    if cell and not any(c in cell for c in ',"\r\n'):
        return cell
    return '"' + cell.replace('"', '""') + '"'


cells = st.text(alphabet='aé最 ,"\r\nx', max_size=8)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=5), st.booleans())
def test_scanner_round_trips_cells_and_positions(rows, crlf):
    eol = "\r\n" if crlf else "\n"
    text = "".join(",".join(_encode_cell(c) for c in row) + eol for row in rows)
    records = list(scan(text))
    assert [[c.text for c in r.cells] for r in records] == rows
    assert [[c.text for c in r.cells] for r in records] == list(
        csv.reader(io.StringIO(text, newline=""))
    )
    for record in records:
        for cell in record.cells:
            for i, ch in enumerate(cell.text):
                assert cell.source_map.is_verbatim(i, i + 1)
                assert text[cell.source_map.to_source(i)] == ch
