"""A withdrawn action goes out in every file, labelled, and comes back in: the Excel export
re-imports without a change, and a Withdrawn cell filled in or emptied withdraws or
restores the action. Counts leave it out; the API says so."""

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db.models import F
from django.test import Client
from openpyxl import load_workbook

from plantracker.plans import editing, selectors
from plantracker.plans.models import Action, Plan
from plantracker.reports.exporters import export_csv, export_json, export_xlsx
from tests.conftest import DATA, Importer

MINUTE = timedelta(minutes=1)
DISTRICT = DATA / "layouts" / "actions-district-net-zero-plan.xlsx"


@pytest.fixture
def district(do_import: Importer) -> Plan:
    assert do_import(DISTRICT, "district").ok
    plan = Plan.objects.get(slug="district")
    action = plan.actions.get(ref="BE1")
    editing.action_withdraw(action=action, reason="Merged into BE2", on=date(2026, 11, 30),
                            version=action.version, user=None)  # fmt: skip
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.PUBLISHED)
    # Imported and withdrawn a minute before anything is exported (the export's time is to
    # the second, and a change in the same second counts as made after it).
    Action.history.filter(plan_id=plan.pk).update(history_date=F("history_date") - MINUTE)
    return plan


def sheet_rows(data: bytes) -> dict[str, dict[str, object]]:
    ws = load_workbook(io.BytesIO(data))["Actions"]
    header = [c.value for c in ws[4]]
    return {r[0]: dict(zip(header, r, strict=False))
            for r in ws.iter_rows(min_row=5, values_only=True)}  # fmt: skip


def test_every_file_labels_it_and_the_counts_leave_it_out(district: Plan) -> None:
    rows = sheet_rows(export_xlsx(district))
    assert rows["BE1"]["Withdrawn"] == "2026-11-30: Merged into BE2"
    assert {rows[r]["Withdrawn"] for r in rows if r != "BE1"} == {None}
    text = export_csv(district).decode("utf-8-sig")
    by_ref = {r["Action ID"]: r for r in csv.DictReader(io.StringIO(text))}
    assert by_ref["BE1"]["Withdrawn"] == "2026-11-30: Merged into BE2"
    actions = {a["ref"]: a for a in json.loads(export_json(district))["actions"]}
    assert actions["BE1"]["withdrawn"] == {"on": "2026-11-30", "reason": "Merged into BE2"}
    api = Client().get("/api/v1/plans/district/actions/BE1").json()
    assert api["withdrawn"] == {"on": "2026-11-30", "reason": "Merged into BE2"}
    summary = selectors.plan_summary(plan=district)
    assert summary.withdrawn == 1 and summary.total == district.actions.count() - 1
    chart = selectors.plan_stage_by_theme(plan=district)
    assert sum(r["count"] for r in chart) == summary.total


def test_the_export_reimports_unchanged_and_the_cell_withdraws_or_restores(
    district: Plan, tmp_path: Path, do_import: Importer
) -> None:
    data = export_xlsx(district)
    path = tmp_path / "district-export.xlsx"
    path.write_bytes(data)
    report = do_import(path, "district")
    assert report.ok and report.ignored_columns == [] and not report.changes_anything

    wb = load_workbook(io.BytesIO(data))
    ws = wb["Actions"]
    column = [c.value for c in ws[4]].index("Withdrawn") + 1
    refs = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    ws.cell(refs["BE1"], column).value = None
    ws.cell(refs["AR2"], column).value = "2026-12-01: No funding"
    wb.save(path)
    assert do_import(path, "district").ok
    withdrawn = dict(district.actions.values_list("ref", "withdrawn_reason"))
    assert withdrawn["BE1"] == "" and withdrawn["AR2"] == "No funding"
    assert district.actions.get(ref="AR2").withdrawn_on == date(2026, 12, 1)

    ws.cell(refs["AR2"], column).value = "soon"
    wb.save(path)
    refused = do_import(path, "district")
    assert not refused.ok
    assert "row" in refused.problems[0] and "'soon' is not a day and a reason" in (
        refused.problems[0]
    )  # fmt: skip
