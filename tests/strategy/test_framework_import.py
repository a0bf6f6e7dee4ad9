"""The Environment Strategy's Table 1 and the Strategic Plan's measures, from sample_data/."""

import re
from pathlib import Path

import pytest

from plantracker.imports.framework import aims_import, outcomes_import, split_objectives
from plantracker.operations.sample import STRATEGIC_PLAN, STRATEGY
from plantracker.strategy.models import Aim, Measure, Outcome, StrategyObjective
from plantracker.strategy.selectors import plan_coverage
from tests.conftest import ACTION_PLAN, ORG, SAMPLES

TABLE_1 = SAMPLES / "environment-strategy-2018-2030-objectives.txt"
MEASURES = SAMPLES / "strategic-plan-2018-22-measures.txt"


def codes_in_table_1() -> list[str]:
    """Objective codes read straight from the text, independently of the importer."""
    return re.findall(r"(?:^|\t| )([A-O]\d)\. ", TABLE_1.read_text(encoding="utf-8"), re.M)


def codes_used_by_actions() -> set[str]:
    lines = ACTION_PLAN.read_text(encoding="utf-8").splitlines()
    used: set[str] = set()
    for line in lines:
        last = line.split("\t")[-1]
        used |= set(re.findall(r"\b([A-O]\d)\b", last))
    return used


def test_split_objectives_separates_two_codes_in_one_cell() -> None:
    cell = "M2. Make others aware of our environmental performance. M3. Work with others."
    assert split_objectives(cell) == [
        ("M2", "Make others aware of our environmental performance."),
        ("M3", "Work with others."),
    ]


@pytest.mark.django_db
def test_environment_strategy_has_15_aims_and_38_objectives() -> None:
    result = aims_import(TABLE_1, strategy="es", title="Environment Strategy", organisation=ORG)
    assert result.ok, result.problems
    in_file = codes_in_table_1()
    assert len(set(in_file)) == len(in_file) == 38
    assert StrategyObjective.objects.count() == 38
    assert sorted(StrategyObjective.objects.values_list("code", flat=True)) == sorted(in_file)
    aims = list(Aim.objects.values_list("code", flat=True))
    assert aims == [chr(c) for c in range(ord("A"), ord("O") + 1)]  # 15 aims, A–O
    m3 = StrategyObjective.objects.get(code="M3")
    assert m3.kind == "external" and m3.aim.code == "M" and m3.text.startswith("Work with others")
    assert Aim.objects.get(code="D").theme == "Resource Use and Renewable Energy"
    assert StrategyObjective.objects.get(code="C2").kind == "internal"
    again = aims_import(TABLE_1, strategy="es")
    assert set(again.counts) == {"aims:unchanged", "objectives:unchanged"}


@pytest.mark.django_db
def test_strategic_plan_outcomes_and_measures() -> None:
    result = outcomes_import(MEASURES, strategy="sp", title="Strategic Plan", organisation=ORG)
    assert result.ok, result.problems
    text = MEASURES.read_text(encoding="utf-8")
    bullets = text.count("•")
    assert Measure.objects.count() == bullets
    tops = Outcome.objects.filter(parent=None)
    assert [o.title for o in tops] == [
        "Strong Economy", "Wellbeing and Opportunity", "Keeping People Safe",
        "Great Communities", "Affordable and Quality Homes", "Corporate Enablers",
    ]  # fmt: skip
    supporting_rows = [line for line in text.splitlines() if "\t" in line and "•" in line]
    assert Outcome.objects.exclude(parent=None).count() == len(supporting_rows)
    safe = Outcome.objects.get(title="People in Leicestershire are safe in their daily lives")
    assert safe.parent.title == "Keeping People Safe"
    assert "Rate of re-offending by young offenders" in [m.text for m in safe.measures.all()]


@pytest.mark.django_db
def test_objectives_with_no_action_are_exactly_those_the_issue_names(samples: None) -> None:
    from plantracker.plans.models import Plan

    plan = Plan.objects.get(slug="environment-strategy-action-plan-2020-2024")
    coverage = plan_coverage(plan)
    uncovered = [o.code for o in coverage.uncovered]
    independent = sorted(set(codes_in_table_1()) - codes_used_by_actions())
    assert uncovered == independent == ["F1", "F2", "I1", "I2", "L1", "M3", "O1"]
    counts = {c.objective.code: c.count for c in coverage.objectives}
    assert counts["A1"] > 0 and sum(counts.values()) >= len(plan.actions.all()) - 30
    only_all = [u.ref for u in coverage.unlinked if "All" in u.reason]
    assert len(only_all) == 9  # the nine actions whose objectives cell says just "All"


@pytest.mark.django_db
def test_framework_import_names_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "aims.csv"
    bad.write_text("Aims,Internal Objectives,External Objectives\nReduce,A1. x,A2. y\n")
    result = aims_import(bad, strategy="s", organisation=ORG)
    assert not result.ok
    assert result.problems[0].startswith("aims.csv, row 2, column A (Aims):")
    assert Aim.objects.count() == 0


@pytest.mark.django_db
def test_sample_strategies_are_loaded(samples: None) -> None:
    assert Outcome.objects.filter(strategy__slug=STRATEGIC_PLAN).exists()
    assert StrategyObjective.objects.filter(aim__strategy__slug=STRATEGY).count() == 38
