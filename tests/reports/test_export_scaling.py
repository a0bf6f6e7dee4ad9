"""Exports do work in proportion to the plan: each is made for plans of N, 2N and 4N actions,
counting the Python calls made (a deterministic count, not seconds). When the work is linear,
going from 2N to 4N costs twice what going from N to 2N cost (the fixed start cancels out);
work that grows with the plan's size times itself (reading ws.max_row for every row written,
which looks at every cell written so far) costs up to four times. The 4N files are read back
too."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from datetime import date
from types import FrameType
from typing import Any
from unittest import mock

import pytest
from django.db.models import Max
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from plantracker.core.models import Organisation
from plantracker.plans.models import Action, Objective, Partner, Plan, ScoringScheme, Theme
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_docx import render_docx
from plantracker.reports.council_xlsx import render_xlsx
from plantracker.reports.exporters import EXPORTERS
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from plantracker.updates.snapshots import snapshot_create
from tests.reports.sheets import rag_colours

N = 40
SIZES = (N, 2 * N, 4 * N)
MAX_ROW = Worksheet.max_row
LINEAR = 2.1  # the second doubling's extra calls ÷ the first's: 2 when linear, up to 4 when not
HISTORIED = (Action, ProgressUpdate, ReportingPeriod)
RAGS = ["Green", "Amber", "Red", None]


def make_plan(n: int) -> Plan:
    """A plan of `n` actions with partners, objectives and two published periods of updates,
    the second changing every action's update, stage and RAG."""
    org = Organisation.objects.create(name=f"Council {n}", slug=f"council-{n}")
    scheme = ScoringScheme.objects.create()
    plan = Plan.objects.create(organisation=org, slug=f"plan-{n}", title=f"Plan {n}",
                               status="published", scoring_scheme=scheme)  # fmt: skip
    themes = Theme.objects.bulk_create(Theme(plan=plan, name=f"T{i}", position=i) for i in range(3))
    partners = Partner.objects.bulk_create(Partner(organisation=org, name=f"P{i}") for i in "abc")
    objectives = Objective.objects.bulk_create(Objective(plan=plan, code=str(i)) for i in range(3))
    actions = Action.objects.bulk_create(
        Action(plan=plan, ref=f"A{i}", position=i, title=f"Action {i}", theme=themes[i % 3],
               timescale="S", cost="L", carbon="H", start=date(2024, 1 + i % 12, 1),
               end=date(2026, 1 + i % 12, 1), stage="Delivery", rag=RAGS[i % 4])
        for i in range(n)
    )  # fmt: skip
    Action.partners.through.objects.bulk_create(
        Action.partners.through(action_id=a.pk, partner_id=partners[i % 3].pk)
        for i, a in enumerate(actions)
    )
    Action.objectives.through.objects.bulk_create(
        Action.objectives.through(action_id=a.pk, objective_id=objectives[i % 3].pk)
        for i, a in enumerate(actions)
    )
    periods = []
    for p, label in enumerate(["June 2024", "September 2024"]):
        period = ReportingPeriod.objects.create(
            plan=plan, label=label, slug=label.lower().replace(" ", "-"), position=p,
            due=date(2024, 6 + 3 * p, 30), status="published", published_at=timezone.now(),
        )  # fmt: skip
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(action=a, period=period, status="published", stage="Delivery",
                           narrative=f"{label}: work on action {i} goes on.", rag=RAGS[(i + p) % 4])
            for i, a in enumerate(actions)
        )  # fmt: skip
        snapshot_create(period)
        periods.append(period)
    return plan


def calls(make: Callable[[], Any]) -> tuple[int, Any]:
    """Python calls (function calls and generator resumptions, C functions too) made by
    `make()`, and what it returned. openpyxl's ws.max_row scans every cell in C, where no call
    shows: each read of it counts as one call per cell it looks at."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    def max_row(ws: Worksheet) -> int:
        nonlocal count
        count += len(ws._cells)
        return MAX_ROW.fget(ws)  # type: ignore[misc]

    sys.setprofile(profile)
    try:
        with mock.patch.object(Worksheet, "max_row", property(max_row)):
            out = make()
    finally:
        sys.setprofile(None)
    return count, out


def committee(fmt: str) -> Callable[[Plan], bytes]:
    render = {"xlsx": render_xlsx, "docx": render_docx}[fmt]

    def make(plan: Plan) -> bytes:
        period = plan.periods.get(position=1)
        return render(committee_report(plan, period))

    return make


MAKERS: dict[str, Callable[[Plan], bytes]] = {
    **EXPORTERS,
    "committee xlsx": committee("xlsx"),
    "committee docx": committee("docx"),
}


@pytest.fixture(scope="module")
def plans(django_db_setup: None, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        before = {m: m.history.aggregate(last=Max("history_id"))["last"] or 0 for m in HISTORIED}
        made = {n: make_plan(n) for n in SIZES}
        yield made
        for plan in made.values():
            organisation = plan.organisation
            ReportingPeriod.objects.filter(plan=plan).delete()
            plan.delete()
            Partner.objects.filter(organisation=organisation).delete()
            organisation.delete()
        for model, last in before.items():  # committed outside any test: leave nothing behind
            model.history.filter(history_id__gt=last).delete()


@pytest.mark.django_db
@pytest.mark.parametrize("what", sorted(MAKERS))
def test_export_work_grows_in_step_with_the_plan(plans: dict[int, Plan], what: str) -> None:
    make = MAKERS[what]
    for n in SIZES:  # warm: imports, caches (an LRU cache others filled would miss), queries
        make(plans[n])
    counts = [calls(lambda n=n: make(plans[n]))[0] for n in SIZES]
    growth = (counts[2] - counts[1]) / (counts[1] - counts[0])
    assert growth < LINEAR, f"{what}: {counts} calls for {SIZES} actions"


def test_the_counter_sees_quadratic_work() -> None:
    """The check itself: work of n × n for n rows shows as more than four times the calls."""

    def quadratic(n: int) -> int:
        cells: dict[int, int] = {}
        for row in range(n):
            cells[row] = row
            max(c for c in cells)  # what ws.max_row did for every row
        return len(cells)

    counts = [calls(lambda n=n: quadratic(n))[0] for n in (200, 400, 800)]
    assert (counts[2] - counts[1]) / (counts[1] - counts[0]) > LINEAR


@pytest.mark.django_db
def test_big_exports_read_back(plans: dict[int, Plan]) -> None:
    plan = plans[4 * N]
    ws = load_workbook(io.BytesIO(EXPORTERS["xlsx"](plan)))["Actions"]
    header = [c.value for c in ws[4]]
    rows = list(ws.iter_rows(min_row=5))
    assert len(rows) == 4 * N and ws.freeze_panes == "A5"
    assert "September 2024 Update" in header and "June 2024 RAG" in header
    last = {h: c for h, c in zip(header, rows[-1], strict=False)}
    assert last["Action ID"].value == f"A{4 * N - 1}"
    assert last["Start"].value.date() == date(2024, 1 + (4 * N - 1) % 12, 1)
    assert last["Start"].number_format == "mmm-yy"
    assert last["September 2024 Update"].value.startswith("September 2024: work on action")
    rag = rows[0][header.index("RAG")].column_letter
    assert rag_colours(ws)[(f"{rag}5:{rag}{4 + 4 * N}", "Red")] == "FF0000"
    assert ws["A1"].font.b and ws["A1"].value == plan.title
    table = list(csv.DictReader(io.StringIO(EXPORTERS["csv"](plan).decode("utf-8-sig"))))
    assert [r["Action ID"] for r in table] == [f"A{i}" for i in range(4 * N)]
    data = json.loads(EXPORTERS["json"](plan))
    assert len(data["actions"]) == 4 * N
    assert [u["period"] for u in data["actions"][-1]["updates"]] == ["June 2024", "September 2024"]
    committee_ws = load_workbook(io.BytesIO(MAKERS["committee xlsx"](plan)))["Actions"]
    refs = [r[0] for r in committee_ws.iter_rows(min_row=5, values_only=True)]
    # the themes take turns here, so a theme's heading row comes before every action
    assert refs == [x for i in range(4 * N) for x in (f"T{i % 3}", f"A{i}")]
