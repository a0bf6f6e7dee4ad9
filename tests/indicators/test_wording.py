"""KPI tables in council words (indicators/wording.py): values with units, gaps, directions,
targets in words and period headings — and the status a target in words gets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.indicators import periods
from plantracker.indicators.status import (
    Direction,
    Observation,
    Status,
    TargetKind,
    judge,
    overall,
    rule_text,
)
from plantracker.indicators.wording import (
    MISSING,
    Reading,
    ValueWordError,
    direction_word,
    heading_role,
    higher_is_better,
    is_missing,
    read_target,
    read_value,
    target_is_measurable,
    title_direction,
)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("4,287", Decimal(4287), ""),
        ("87%", Decimal(87), "%"),
        ("£1.2m", Decimal(1_200_000), "£"),
        ("£450k", Decimal(450_000), "£"),
        ("£ 3,500", Decimal(3500), "£"),
        ("12 days", Decimal(12), "days"),
        ("3 working days", Decimal(3), "days"),
        ("3,912 tonnes", Decimal(3912), "tonnes"),
        ("1.5 million", Decimal(1_500_000), ""),
        ("-3.85% reduction", Decimal("-3.85"), "%"),
        ("34.7% reduction", Decimal("-34.7"), "%"),
        ("1.13", Decimal("1.13"), ""),
    ],
)
def test_values_with_units_are_numbers(text: str, value: Decimal, unit: str) -> None:
    assert read_value(text) == Reading(value, unit)


def test_a_footnote_in_brackets_is_kept_as_the_note() -> None:
    assert read_value("+1.6% Increase (2)") == Reading(Decimal("1.6"), "%", "(2)")


@pytest.mark.parametrize(
    "text", ["n/a", "N/A", "-", "–", "TBC", "not available", "no data", "", "  ", "NA"]
)
def test_cells_with_no_figure_are_none_never_zero(text: str) -> None:
    assert is_missing(text)
    assert read_value(text) is None


@pytest.mark.parametrize("text", ["lots", "12 bananas", "£", "1.2.3", "9" * 15])
def test_a_value_that_is_not_a_number_is_an_error(text: str) -> None:
    with pytest.raises(ValueWordError):
        read_value(text)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Up", Direction.HIGHER), ("Increase", Direction.HIGHER), ("higher", Direction.HIGHER),
        ("High", Direction.HIGHER), ("Maximise", Direction.HIGHER),
        ("Bigger is better", Direction.HIGHER), ("Higher is better", Direction.HIGHER),
        ("Down", Direction.LOWER), ("Decrease", Direction.LOWER), ("Reduce", Direction.LOWER),
        ("Lower", Direction.LOWER), ("LOW", Direction.LOWER), ("Minimise", Direction.LOWER),
        ("smaller is better", Direction.LOWER), ("lower is better", Direction.LOWER),
        ("within a band", Direction.BAND), ("sideways", None), ("", None),
    ],
)  # fmt: skip
def test_direction_words(text: str, direction: Direction | None) -> None:
    assert direction_word(text) is direction


@pytest.mark.parametrize(
    ("text", "direction"),
    [("Yes", Direction.HIGHER), ("Y", Direction.HIGHER), ("No", Direction.LOWER),
     ("no", Direction.LOWER), ("Up", Direction.HIGHER), ("maybe", None)],
)  # fmt: skip
def test_a_higher_is_better_column_reads_yes_and_no(text: str, direction: Direction | None) -> None:
    assert higher_is_better(text) is direction


@pytest.mark.parametrize(
    ("title", "rest", "direction", "words"),
    [
        ("Recycling rate (Maximise)", "Recycling rate", Direction.HIGHER, "Maximise"),
        ("Missed bins (Reduce)", "Missed bins", Direction.LOWER, "Reduce"),
        ("Visits (higher is better)", "Visits", Direction.HIGHER, "higher is better"),
        ("Waste recycled (%) (Up)", "Waste recycled (%)", Direction.HIGHER, "Up"),
        ("Risks scoring high (15 or more)", "Risks scoring high (15 or more)", None, ""),
        ("(Reduce)", "(Reduce)", None, ""),  # nothing would be left of the title
        ("Homes built", "Homes built", None, ""),
    ],
)
def test_direction_in_the_title_is_taken_out(
    title: str, rest: str, direction: Direction | None, words: str
) -> None:
    assert title_direction(title) == (rest, direction, words)


@pytest.mark.parametrize(
    ("text", "kind", "value", "comparison"),
    [
        ("45 or more", TargetKind.VALUE, Decimal(45), ">="),
        ("at least 90%", TargetKind.VALUE, Decimal(90), ">="),
        ("no more than 3 working days", TargetKind.VALUE, Decimal(3), "<="),
        ("1,500 (cumulative)", TargetKind.VALUE, Decimal(1500), ""),
        ("5% reduction by 2025", TargetKind.CHANGE, Decimal(-5), ""),
        ("maintain", TargetKind.MAINTAIN, None, ""),
        ("Maintain at 95%", TargetKind.VALUE, Decimal(95), ""),
        ("< 10", TargetKind.VALUE, Decimal(10), "<"),
        (">= 95%", TargetKind.VALUE, Decimal(95), ">="),
        ("£2.5m", TargetKind.VALUE, Decimal(2_500_000), ""),
        ("fewer than 5", TargetKind.VALUE, Decimal(5), "<"),
        ("300 or less", TargetKind.VALUE, Decimal(300), "<="),
        ("TBC", TargetKind.TEXT, None, ""),
        ("New measure", TargetKind.TEXT, None, ""),
        ("Monitor only", TargetKind.TEXT, None, ""),
        ("a) 10 ha b) 200 trees", TargetKind.TEXT, None, ""),
    ],
)
def test_targets_in_council_wording(
    text: str, kind: TargetKind, value: Decimal | None, comparison: str
) -> None:
    target = read_target(text)
    assert (target.kind, target.value, target.comparison) == (kind, value, comparison)
    assert target.text == text  # the words as written, always
    assert target_is_measurable(target) is (kind is not TargetKind.TEXT)


def test_a_target_takes_its_due_period_from_the_column_unless_it_names_its_own() -> None:
    assert read_target("45 or more", "2023-24").due == periods.parse("2023/24")
    assert read_target("5% reduction by 2025", "2023-24").due == periods.parse("2025")
    assert read_target("TBC", "2023-24").due == periods.parse("2023/24")


@pytest.mark.parametrize(
    ("heading", "role", "period"),
    [
        ("Target 2023/24", "target", "2023-24"),
        ("2019/20 target", "target", "2019-20"),
        ("2023-24 Target", "target", "2023-24"),
        ("2022/23 Actual", "value", "2022-23"),
        ("Actual 2022/23", "value", "2022-23"),
        ("Outturn 2021-22", "value", "2021-22"),
        ("Q3 2023/24", "value", "2023-24 Q3"),
        ("2020/21 value", "value", "2020-21"),
        ("Value 2021/22", "value", "2021-22"),
        ("Result 2022", "value", "2022"),
        ("2022/23", "value", "2022-23"),
        ("April to March 2014/15", "value", "2014-15"),
    ],
)
def test_a_period_in_a_heading_says_target_or_value(heading: str, role: str, period: str) -> None:
    found = heading_role(heading)
    assert found is not None
    assert (found[0], found[1].label) == (role, period)


@pytest.mark.parametrize("heading", ["Target", "Target date", "Lead officer", "Actual", "Q3"])
def test_a_heading_without_a_period_is_not_a_period_column(heading: str) -> None:
    assert heading_role(heading) is None


def _obs(label: str, value: int) -> Observation:
    return Observation(periods.parse(label), Decimal(value))


def test_a_target_in_words_is_not_measurable_and_says_why() -> None:
    target = read_target("Monitor only")
    judged = judge([_obs("2022/23", 78), _obs("2023/24", 81)], target, Direction.HIGHER)
    assert [j.status for j in judged] == [Status.NOT_MEASURABLE] * 2
    assert overall(judged, target) is Status.NOT_MEASURABLE
    assert overall([], target) is Status.NOT_MEASURABLE  # even before any value
    assert Status.NOT_MEASURABLE.value == "target not measurable"
    assert "'Monitor only'" in rule_text(target, Direction.HIGHER, measures_change=False)


def test_maintain_is_met_when_no_worse_than_the_value_before() -> None:
    target = read_target("maintain")
    points = [_obs("2021/22", 91), _obs("2022/23", 92), _obs("2023/24", 90)]
    judged = judge(points, target, Direction.HIGHER)
    assert [j.status for j in judged] == [Status.NO_DATA, Status.MET, Status.NOT_MET]
    lower = judge(points, target, Direction.LOWER)
    assert [j.status for j in lower] == [Status.NO_DATA, Status.NOT_MET, Status.MET]


# Properties: nothing a council writes makes these raise, and numbers come back as written.


@given(st.text())
def test_reading_any_text_never_raises_anything_but_a_value_error(text: str) -> None:
    try:
        reading = read_value(text)
    except ValueWordError:
        return
    assert reading is None or reading.value.is_finite()


@given(st.text(), st.text(max_size=20))
def test_reading_any_target_never_raises_and_keeps_the_words(text: str, due: str) -> None:
    target = read_target(text, due)
    assert target.text == " ".join(text.split())


@given(st.text())
def test_directions_titles_and_headings_never_raise(text: str) -> None:
    direction_word(text)
    higher_is_better(text)
    assert bool(title_direction(text)[0].strip()) == bool(text.strip())  # a title stays
    heading_role(text)


@given(st.sampled_from(sorted(MISSING)))
def test_no_word_for_a_gap_is_ever_read_as_zero(text: str) -> None:
    assert read_value(text.upper()) is None


DECIMALS = st.decimals(
    min_value=Decimal("-99999999999999"), max_value=Decimal("99999999999999"), places=3
)


@given(DECIMALS)
def test_a_number_with_thousands_separators_round_trips(value: Decimal) -> None:
    reading = read_value(format(value, ",f"))
    assert reading is not None and reading.value == value and reading.unit == ""


@given(DECIMALS.filter(lambda d: d >= 0), st.sampled_from(["%", " days", " tonnes", "£"]))
def test_a_number_with_a_unit_round_trips(value: Decimal, unit: str) -> None:
    text = f"£{value:,f}" if unit == "£" else f"{value:,f}{unit}"
    reading = read_value(text)
    assert reading is not None and reading.value == value and reading.unit == unit.strip()


@given(DECIMALS.filter(lambda d: d >= 0))
def test_a_target_figure_round_trips(value: Decimal) -> None:
    for text in (f"at least {value:,f}", f"{value:,f} or more"):
        target = read_target(text)
        assert (target.value, target.comparison) == (value, ">=")


def test_due_dates_in_headings_are_financial_years() -> None:
    found = heading_role("Target 2023/24")
    assert found is not None and found[1].end == date(2024, 3, 31)
