"""Status against target: the Youth Justice Plan's figures, and the rules in general."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.indicators import periods
from plantracker.indicators.models import Indicator
from plantracker.indicators.selectors import kpi_view
from plantracker.indicators.status import (
    Direction,
    Observation,
    Status,
    TargetKind,
    judge,
    parse_target,
    parse_value,
)
from tests.conftest import SAMPLES

PERFORMANCE = SAMPLES / "youth-justice-performance-2014-15-to-2018-19.txt"


def table_row(starts: str) -> list[str]:
    """A row of the Youth Justice performance table, read from the sample file."""
    for line in PERFORMANCE.read_text(encoding="utf-8").splitlines():
        if line.startswith(starts):
            return line.split("\t")
    raise AssertionError(starts)


def test_targets_as_written() -> None:
    assert parse_target("<5%").comparison == "<"
    assert parse_target("80%").value == Decimal(80)
    yoy = parse_target("Year on year reduction")
    assert yoy.kind is TargetKind.YEAR_ON_YEAR and yoy.value < 0
    change = parse_target("64% reduction by 2025")
    assert (change.kind, change.value, change.due) == (
        TargetKind.CHANGE, Decimal(-64), periods.parse("2025"),
    )  # fmt: skip
    band = parse_target("between 2 and 4")
    assert (band.low, band.high) == (Decimal(2), Decimal(4))


def test_values_as_reported() -> None:
    assert parse_value("-3.85% reduction") == (Decimal("-3.85"), "")
    assert parse_value("34.7% reduction") == (Decimal("-34.7"), "")
    assert parse_value("+1.6% Increase (2)") == (Decimal("1.6"), "(2)")
    assert parse_value("64.2%") == (Decimal("64.2"), "")
    assert parse_value("") == (None, "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("indicator", "value", "status"),
    [
        ("Custodial Sentences", "2.4", Status.MET),
        ("Number of young people in suitable Education", "64.2", Status.NOT_MET),
        ("Reduce the proven rate of re-offending", "1.37", Status.NOT_MET),
        ("Reduction in First Time Entrants", "-3.85", Status.MET),
    ],
)
def test_youth_justice_2018_19(samples: None, indicator: str, value: str, status: Status) -> None:
    row = table_row(indicator)
    kpi = kpi_view(Indicator.objects.get(title__startswith=indicator))
    latest = kpi.latest
    assert latest is not None and latest.period.label == "2018-19"
    assert latest.value == Decimal(value) == parse_value(row[-1])[0]
    assert latest.status is status and kpi.status is status
    assert len(kpi.judged) == len(row) - 2  # one observation per year in the table
    assert kpi.rule


@pytest.mark.django_db
def test_re_offending_2017_18_met_its_target(samples: None) -> None:
    kpi = kpi_view(Indicator.objects.get(title__startswith="Reduce the proven rate"))
    by_year = {j.period.label: j.status for j in kpi.judged}
    assert by_year["2017-18"] is Status.MET  # 0.71 against 1.13, lower is better
    assert by_year["2014-15"] is Status.NOT_MET  # 1.25


FY = [periods.financial_year(y) for y in range(2014, 2030)]
values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@given(st.lists(values, min_size=1, max_size=10), values, st.sampled_from(list(Direction)[:2]))
def test_value_targets_met_exactly_when_on_the_right_side(
    vals: list[Decimal], goal: Decimal, direction: Direction
) -> None:
    obs = [Observation(FY[i], v) for i, v in enumerate(vals)]
    judged = judge(obs, parse_target(str(goal)), direction)
    for j in judged:
        right_side = j.value >= goal if direction is Direction.HIGHER else j.value <= goal
        assert j.status is (Status.MET if right_side else Status.NOT_MET)


@given(st.lists(values, min_size=2, max_size=10))
def test_year_on_year_reduction_compares_with_the_year_before(vals: list[Decimal]) -> None:
    obs = [Observation(FY[i], v) for i, v in enumerate(vals)]
    judged = judge(obs, parse_target("year on year reduction"), Direction.LOWER)
    assert judged[0].status is Status.NO_DATA
    for before, j in zip(vals, judged[1:], strict=False):
        assert j.status is (Status.MET if j.value < before else Status.NOT_MET)


@given(values, values, st.integers(1, 10))
def test_on_track_follows_the_straight_line(base: Decimal, goal: Decimal, year: int) -> None:
    """Before the due year, a value exactly on the path is on track; the path meets the
    target at the due date."""
    target = parse_target(f"{goal}", "2030-31")
    at = FY[year]
    from plantracker.indicators.status import path_value

    on_path = path_value(base, FY[0], goal, target.due, at)
    low, high = min(base, goal), max(base, goal)
    assert low - Decimal("0.01") <= on_path <= high + Decimal("0.01")
    judged = judge([Observation(at, on_path)], target, Direction.LOWER,
                   baseline=base, baseline_period=FY[0])  # fmt: skip
    assert judged[0].status is Status.ON_TRACK
    assert path_value(base, FY[0], goal, target.due, target.due) == goal


def test_no_observations_means_no_data() -> None:
    from plantracker.indicators.status import overall

    assert overall(judge([], parse_target("80%"), Direction.HIGHER)) is Status.NO_DATA
