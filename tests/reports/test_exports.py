"""Exports read back: xlsx opened with openpyxl, csv and json parsed, and re-imported."""

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from plantracker.plans.models import Plan
from plantracker.reports.exporters import (
    CELL_LIMIT,
    CUT_NOTE,
    export_csv,
    export_json,
    export_xlsx,
)
from plantracker.reports.plan_data import plan_data
from tests.conftest import Importer
from tests.reports.sheets import rag_colours


def without_slug(data: dict) -> dict:
    return {**data, "plan": {k: v for k, v in data["plan"].items() if k != "slug"}}


@pytest.mark.parametrize("fixture", ["communities", "action_plan"])
def test_xlsx_round_trip_gives_identical_json(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path, do_import: Importer
) -> None:
    plan: Plan = request.getfixturevalue(fixture)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_xlsx(plan))
    report = do_import(path, "copy", organisation=None)
    assert report.ok, report.problems
    copy = Plan.objects.get(slug="copy")
    original_json = json.loads(export_json(plan))
    assert without_slug(json.loads(export_json(copy))) == without_slug(original_json)
    again = do_import(path, "copy")
    assert not again.changes_anything


def test_csv_round_trip_keeps_the_actions(
    communities: Plan, tmp_path: Path, do_import: Importer
) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(export_csv(communities))
    assert do_import(path, "copy").ok
    original, copy = plan_data(communities), plan_data(Plan.objects.get(slug="copy"))
    assert original["actions"] == copy["actions"]


def test_xlsx_contents(communities: Plan) -> None:
    wb = load_workbook(io.BytesIO(export_xlsx(communities)))
    assert wb.sheetnames == ["Actions", "About", "Findings"]
    ws = wb["Actions"]
    assert ws["A1"].value == communities.title
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Action ID", "Theme", "Objective", "Action"]
    assert "December 2023 Update" in header
    rows = {
        r[0]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=5, values_only=True)
    }
    assert rows["C6"]["Deliverability Score"] == 4 and rows["C6"]["Computed Score"] == 6
    assert rows["C11"]["Timescales"] == "S/M" and rows["C11"]["Computed Score"] == 7.5
    assert rows["C21"]["December 2023 Update"].startswith("To be progressed")
    findings = [r for r in wb["Findings"].iter_rows(min_row=2, values_only=True)]
    assert {r[0] for r in findings if r[2] == "score_mismatch"} == {"C6", "C15"}


def test_xlsx_rag_has_text_and_fill(do_import: Importer, tmp_path: Path) -> None:
    src = tmp_path / "p.csv"
    src.write_text("Ref,Action,RAG\nR1,Do,Red\nR2,Do more,\n", encoding="utf-8")
    assert do_import(src).ok
    ws = load_workbook(io.BytesIO(export_xlsx(Plan.objects.get())))["Actions"]
    rag_col = [c.value for c in ws[4]].index("RAG") + 1
    assert ws.cell(5, rag_col).value == "Red"
    assert ws.cell(6, rag_col).value is None
    column = ws.cell(5, rag_col).column_letter
    assert rag_colours(ws) == {
        (f"{column}5:{column}6", "Red"): "FF0000",
        (f"{column}5:{column}6", "Amber"): "FFC000",
        (f"{column}5:{column}6", "Green"): "00B050",
    }


def test_xlsx_cuts_what_a_cell_cannot_hold_and_says_so(do_import: Importer, tmp_path: Path) -> None:
    src = tmp_path / "p.csv"
    long = "word " * 8000
    src.write_text(f"Ref,Action,December 2023 Update\nR1,Do,{long}\n", encoding="utf-8")
    assert do_import(src).ok
    plan = Plan.objects.get()
    ws = load_workbook(io.BytesIO(export_xlsx(plan)))["Actions"]
    header = [c.value for c in ws[4]]
    cell = ws.cell(5, header.index("December 2023 Update") + 1).value
    assert len(cell) == CELL_LIMIT and cell.endswith(CUT_NOTE)
    assert cell.startswith(long.strip()[:1000])
    assert json.loads(export_json(plan))["actions"][0]["updates"][0]["text"] == long.strip()


def test_xlsx_says_when_it_was_made_and_has_no_empty_findings_sheet(
    do_import: Importer, tmp_path: Path
) -> None:
    src = tmp_path / "p.csv"
    src.write_text("Ref,Action\nR1,Do\n", encoding="utf-8")
    assert do_import(src).ok
    before = timezone.now().replace(microsecond=0)
    wb = load_workbook(io.BytesIO(export_xlsx(Plan.objects.get())))
    assert wb.sheetnames == ["Actions", "About"]
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r[0]}
    assert about["Plan Tracker export"] == "plantracker-plan/1"
    made = datetime.fromisoformat(about["Exported"])
    assert made.utcoffset() == timedelta(0) and before <= made <= timezone.now()


def test_csv_contents(action_plan: Plan) -> None:
    text = export_csv(action_plan).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 67
    quorn = next(r for r in rows if r["Action"] == "Deliver Quorn Solar Farm project")
    assert (quorn["Start"], quorn["End"], quorn["Scope"]) == ("2020-04", "2022-03", "Both")


def test_json_shape(communities: Plan) -> None:
    data = json.loads(export_json(communities))
    assert set(data) >= {"plan", "themes", "objectives", "periods", "actions", "findings"}
    assert data["plan"]["slug"] == "net-zero-communities"
    assert data["periods"] == [{"label": "December 2023", "status": "published"}]
    c11 = next(a for a in data["actions"] if a["ref"] == "C11")
    assert c11["timescale"] == "S/M" and c11["score"] == 7.5 and c11["recorded_score"] == 7.5
    assert c11["objectives"] == ["2", "5"] and c11["rag"] is None
    assert c11["updates"][0]["period"] == "December 2023"
    assert {f["kind"] for f in data["findings"]} >= {"score_mismatch", "normalised", "shifted"}


def test_the_exports_rows_are_what_action_data_gives(communities: Plan) -> None:
    """The exports read plain rows (linear in the plan's size); they hold the same as the
    model instances would."""
    from plantracker.reports.plan_data import action_data

    actions = communities.actions.order_by("position", "id")
    assert plan_data(communities)["actions"] == [action_data(a) for a in actions]
    assert any(a["updates"] for a in plan_data(communities)["actions"])
