"""The success measure goes out in every export and comes back in: the plan's own Excel
export re-imports with it, line breaks and all."""

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plantracker.plans.models import Plan
from plantracker.reports.exporters import export_csv, export_json, export_xlsx
from tests.conftest import DATA, Importer

DISTRICT = DATA / "layouts" / "actions-district-net-zero-plan.xlsx"
BE1 = "12 plans completed and costed\nFunding bids made for the top 3"


@pytest.fixture
def district(do_import: Importer) -> Plan:
    assert do_import(DISTRICT, "district").ok
    return Plan.objects.get(slug="district")


def measures(plan: Plan) -> dict[str, str]:
    return dict(plan.actions.values_list("ref", "success_measure"))


def test_xlsx_has_the_column_and_reimports_it(
    district: Plan, tmp_path: Path, do_import: Importer
) -> None:
    data = export_xlsx(district)
    ws = load_workbook(io.BytesIO(data))["Actions"]
    header = [c.value for c in ws[4]]
    rows = {
        r[0]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=5, values_only=True)
    }
    assert rows["BE1"]["Measure of success"] == BE1
    path = tmp_path / "district-export.xlsx"
    path.write_bytes(data)
    report = do_import(path, "copy")
    assert report.ok and report.ignored_columns == []
    copy = Plan.objects.get(slug="copy")
    assert measures(copy) == measures(district) and measures(copy)["BE1"] == BE1
    assert not do_import(path, "district").changes_anything


def test_csv_and_json_have_it(district: Plan) -> None:
    text = export_csv(district).decode("utf-8-sig")
    by_ref = {r["Action ID"]: r for r in csv.DictReader(io.StringIO(text))}
    assert by_ref["BE1"]["Measure of success"] == BE1
    actions = {a["ref"]: a for a in json.loads(export_json(district))["actions"]}
    assert actions["AR2"]["success_measure"] == "Four spaces improved"


def test_json_gives_null_when_not_given(action_plan: Plan) -> None:
    actions = json.loads(export_json(action_plan))["actions"]
    assert {a["success_measure"] for a in actions} == {None}
