"""Readers: row numbers are the rows Excel shows, whatever line breaks cells hold (issue 16,
item 8), and Excel's _xHHHH_ escapes come back as the characters they stand for (item 7)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from plantracker.imports.area_emissions import area_emissions_import
from plantracker.imports.readers import ReadError, read, unescape
from plantracker.imports.services import plan_import

MULTI_LINE_THEN_BAD = (
    "Action ID,Action,RAG,March 2024 Update\n"
    'C1,Climate network,Green,"First line.\nSecond line.\n\nThird, after a blank line."\n'
    "C2,Engagement plan,Purple,On track.\n"
)


@pytest.mark.parametrize(
    ("escaped", "text"),
    [
        ("One._x000D_\nTwo.", "One.\r\nTwo."),
        ("A bell _x0007_ and a tab _x0009_.", "A bell \x07 and a tab \t."),
        ("_x005F_x0041_ is how Excel writes _x005F_x0041_", "_x0041_ is how Excel writes _x0041_"),
        ("_x00e9_ lower-case hex", "é lower-case hex"),
        ("not escapes: _x12_ _xGGGG_ x000D_", "not escapes: _x12_ _xGGGG_ x000D_"),
    ],
)
def test_excel_escapes_are_decoded(escaped: str, text: str) -> None:
    assert unescape(escaped) == text


def test_an_xlsx_cell_holding_a_carriage_return_reads_back_as_one(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Action ID", "March 2024 Update"])
    ws.append(["C1", "One._x000D_\nTwo. _x005F_x0041_"])  # as Excel writes CR and "_x0041_"
    wb.save(tmp_path / "escaped.xlsx")
    [sheet] = read(tmp_path / "escaped.xlsx")
    assert sheet.rows[1].text(1) == "One.\r\nTwo. _x0041_"


def test_xlsx_rows_are_numbered_as_the_sheet_numbers_them(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["B3"], ws["A4"], ws["A9"] = "Action ID", "C1\nsecond line", "C2"
    wb.save(tmp_path / "gaps.xlsx")
    [sheet] = read(tmp_path / "gaps.xlsx")
    numbered = {r.number: r.text(0) for r in sheet.rows if r.text(0) or r.text(1)}
    assert numbered == {3: "", 4: "C1\nsecond line", 9: "C2"}


def test_csv_rows_are_counted_as_excel_counts_them_not_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(MULTI_LINE_THEN_BAD, encoding="utf-8")
    [sheet] = read(path)
    assert [r.number for r in sheet.rows] == [1, 2, 3]
    assert sheet.rows[1].text(3) == "First line.\nSecond line.\n\nThird, after a blank line."
    assert sheet.rows[2].text(0) == "C2"


def test_a_bad_row_after_a_multi_line_cell_is_named_by_its_excel_row(
    db: None, tmp_path: Path
) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(MULTI_LINE_THEN_BAD, encoding="utf-8")
    report = plan_import(path=path, plan_slug="p", organisation="A Council", dry_run=True)
    assert len(report.problems) == 1
    assert report.problems[0].startswith("multi.csv, row 3, column C (RAG): ")


def test_a_broken_csv_is_named_by_its_excel_row(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('Action ID,Action\nC1,"Two\nlines"\nC2,"' + "x" * 30 + '"\n')
    limit = csv.field_size_limit(20)  # a cell too long to read breaks the third record
    try:
        with pytest.raises(ReadError) as caught:
            read(path)
    finally:
        csv.field_size_limit(limit)
    assert str(caught.value).startswith("broken.csv, row 3: the file is not valid CSV")


def test_tab_separated_rows_break_only_where_excel_breaks_them(tmp_path: Path) -> None:
    """A form feed or U+2028 inside a cell is not a new row (str.splitlines thinks it is);
    a quoted cell over several lines is one row."""
    path = tmp_path / "tracker.txt"
    path.write_text(
        "Action ID\tAction\tUpdate\n"
        "C1\tNetwork\tpage\x0cbreak and line\u2028separator\n"
        'C2\tPlan\t"over\ntwo lines"\n'
        "C3\tLast\tdone\n",
        encoding="utf-8",
    )
    [sheet] = read(path)
    assert [(r.number, r.text(0)) for r in sheet.rows] == [
        (1, "Action ID"),
        (2, "C1"),
        (3, "C2"),
        (4, "C3"),
    ]
    assert sheet.rows[2].text(2) == "over\ntwo lines"


def test_tab_separated_cells_keep_their_quotes_when_no_cell_spans_lines(tmp_path: Path) -> None:
    path = tmp_path / "quotes.tsv"
    path.write_text('Action ID\tAction\nC1\t"Green" means on track\n', encoding="utf-8")
    [sheet] = read(path)
    assert sheet.rows[1].text(1) == '"Green" means on track'


def test_the_area_emissions_csv_names_a_broken_row_by_its_excel_row(
    db: None, tmp_path: Path
) -> None:
    """The local-authority data set has its own csv reader: counted the same way."""
    path = tmp_path / "area.csv"
    path.write_text(
        'local-authority-code,official-name,Year\nLEC,"Leics\nCounty",2017\n'
        'RUT,"' + "x" * 30 + '",2017\n',
        encoding="utf-8",
    )
    limit = csv.field_size_limit(20)
    try:
        result = area_emissions_import(path, dry_run=True)
    finally:
        csv.field_size_limit(limit)
    assert result.problems[0].startswith("area.csv, row 3: the file is not valid CSV")
