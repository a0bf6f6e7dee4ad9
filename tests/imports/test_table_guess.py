"""The mapping engine's `guess`: an importer's own reading of a header row its headings alone
do not make (a blank heading above the row labels), tried only when no row is a header by
its headings, and never over the person's --map."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantracker.imports.tables import ImportResult, TableError, read_table


def first_column(cells: list[str]) -> dict[str, int]:
    return {"name": 0} if len(cells) > 1 and cells[1] == "Value" else {}


SYNONYMS = {"name": "name", "value": "value", "label": "note"}


def test_guess_finds_a_header_the_headings_do_not(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Title\n,Value\nA,1\n", encoding="utf-8")
    table = read_table(path, SYNONYMS, {"name"}, what="a test", guess=first_column)
    assert (table.header_row, table.columns) == (2, {"value": 1, "name": 0})
    assert [r.values for r in table.rows] == [{"value": "1", "name": "A"}]


def test_a_header_by_its_headings_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(",Value\nName,Value\nA,1\n", encoding="utf-8")
    table = read_table(path, SYNONYMS, {"name"}, what="a test", guess=first_column)
    assert table.header_row == 2


def test_the_guess_wins_over_a_synonym_but_not_over_map(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Label,Value\nA,1\n", encoding="utf-8")
    table = read_table(path, SYNONYMS, {"name"}, what="a test", guess=first_column)
    assert table.columns == {"value": 1, "name": 0}
    mapped = ImportResult("t.csv", maps={"label": "note"})  # --map 'Label=note'
    with pytest.raises(TableError, match="no header row found"):
        read_table(path, SYNONYMS, {"name"}, what="a test", guess=first_column, into=mapped)
