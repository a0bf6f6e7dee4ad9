"""The Environment Strategy Action Plan 2020–2024 as cut from the Scrutiny Commission pack."""

from collections import Counter

import pytest

from plantracker.plans.models import Finding, Plan
from plantracker.reports.plan_data import plan_data
from tests.conftest import ACTION_PLAN, ACTION_PLAN_XLSX, Importer

THEMES = [
    "Carbon & Climate Change Impacts",
    "Resource Use & Renewable Energy",
    "Transport & Travel",
    "Biodiversity, Habitats & Local Environment",
    "Community & Wellbeing",
    "Local Economy",
    "Crosscutting",
    "Performance Monitoring",
    "Reporting",
    "Strategic and Governance",
]


def cut_action_rows() -> list[list[str]]:
    lines = ACTION_PLAN.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines]
    return [
        r
        for r in rows
        if len(r) >= 6
        and r[0].strip()
        and r[0] != "Theme / Action"
        and sum(1 for c in r if c.strip()) > 1
    ]


def test_sixty_seven_actions_in_ten_themes(action_plan: Plan) -> None:
    assert action_plan.actions.count() == len(cut_action_rows()) == 67
    assert list(action_plan.themes.values_list("name", flat=True)) == THEMES
    counts = Counter(action_plan.actions.values_list("theme__name", flat=True))
    assert sum(counts.values()) == 67 and set(counts) == set(THEMES)
    titles = list(action_plan.actions.values_list("title", flat=True))
    assert titles == [r[0].strip() for r in cut_action_rows()]


def test_generated_references_are_stable(action_plan: Plan, do_import: Importer) -> None:
    refs = list(action_plan.actions.values_list("ref", flat=True))
    assert refs[0] == "ESAP-01" and refs[-1] == "ESAP-67"
    report = do_import(ACTION_PLAN, action_plan.slug)
    assert report.count("same") == 67 and not report.changes_anything
    assert list(action_plan.actions.values_list("ref", flat=True)) == refs


def test_duplicate_objective_stored_once_with_a_finding(action_plan: Plan) -> None:
    action = action_plan.actions.get(
        title="Continue to deliver Council's Energy Strategy 2017-2020"
    )
    assert sorted(o.code for o in action.objectives.all()) == ["A1", "A2", "E1"]
    finding = action_plan.findings.get(kind=Finding.Kind.DUPLICATE_OBJECTIVE)
    assert finding.ref == action.ref and finding.original == "A1, A2, E1, E1"


def test_missing_dates_reported_not_filled(action_plan: Plan) -> None:
    rhws = action_plan.actions.get(title="Expansion of RHWS Reuse Schemes")
    air = action_plan.actions.get(title="Deliver Air Quality & Health Action Plan")
    assert rhws.start is not None and rhws.end is None
    assert air.start is None and air.end is None
    missing = {
        (f.ref, f.kind)
        for f in action_plan.findings.filter(
            kind__in=[Finding.Kind.MISSING_START, Finding.Kind.MISSING_END]
        )
    }
    assert missing == {
        (rhws.ref, "missing_end"),
        (air.ref, "missing_start"),
        (air.ref, "missing_end"),
    }


def test_scope_dates_lead_partners(action_plan: Plan) -> None:
    quorn = action_plan.actions.get(title="Deliver Quorn Solar Farm project")
    assert (quorn.scope, quorn.lead, quorn.start.isoformat(), quorn.end.isoformat()) == (
        "Both",
        "Property",
        "2020-04-01",
        "2022-03-01",
    )
    belle = action_plan.actions.get(title="Support delivery of the Green BELLE project")
    assert sorted(p.name for p in belle.partners.all()) == ["LCityC", "LLEP"]
    lutterworth = action_plan.actions.get(title__startswith="Embed carbon")
    assert lutterworth.objectives.count() == 13
    assert Counter(action_plan.actions.values_list("scope", flat=True)) == Counter(
        r[1].strip() for r in cut_action_rows()
    )


def test_no_scores_without_ratings(action_plan: Plan) -> None:
    assert set(action_plan.actions.values_list("score", flat=True)) == {None}
    assert not action_plan.findings.filter(kind=Finding.Kind.SCORE_MISMATCH).exists()


@pytest.mark.django_db
def test_tidy_xlsx_gives_the_same_actions(action_plan: Plan, do_import: Importer) -> None:
    report = do_import(ACTION_PLAN_XLSX, "tidy")
    assert report.ok, report.problems
    cut, tidy = plan_data(action_plan), plan_data(Plan.objects.get(slug="tidy"))
    assert cut["themes"] == tidy["themes"]
    strip = lambda actions: [{k: v for k, v in a.items() if k != "ref"} for a in actions]  # noqa: E731
    assert strip(cut["actions"]) == strip(tidy["actions"])
