"""Period parsing: every way councils write a period, and round trips through the label."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.indicators import periods
from plantracker.indicators.periods import Kind, PeriodError, parse

years = st.integers(min_value=1990, max_value=2098)


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2018/19", date(2018, 4, 1), date(2019, 3, 31), Kind.FINANCIAL_YEAR),
        ("2018-19", date(2018, 4, 1), date(2019, 3, 31), Kind.FINANCIAL_YEAR),
        ("April to March 2014/15", date(2014, 4, 1), date(2015, 3, 31), Kind.FINANCIAL_YEAR),
        ("2019/2020", date(2019, 4, 1), date(2020, 3, 31), Kind.FINANCIAL_YEAR),
        ("Q3 2019/20", date(2019, 10, 1), date(2019, 12, 31), Kind.FINANCIAL_QUARTER),
        ("Quarter 4 2019-20", date(2020, 1, 1), date(2020, 3, 31), Kind.FINANCIAL_QUARTER),
        ("2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Kind.QUARTER),
        ("March 2024", date(2024, 3, 1), date(2024, 3, 31), Kind.MONTH),
        ("Mar-24", date(2024, 3, 1), date(2024, 3, 31), Kind.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Kind.MONTH),
        ("2017", date(2017, 1, 1), date(2017, 12, 31), Kind.YEAR),
    ],
)
def test_parses_the_forms_councils_use(text: str, start: date, end: date, kind: Kind) -> None:
    p = parse(text)
    assert (p.start, p.end, p.kind) == (start, end, kind)


def test_a_financial_year_wins_over_a_month_when_ambiguous() -> None:
    assert parse("2011-12").kind is Kind.FINANCIAL_YEAR
    assert parse("Dec 2011").kind is Kind.MONTH


@pytest.mark.parametrize("text", ["", "soon", "2018/20", "Q5 2019", "13/2024", "Marchember 2020"])
def test_refuses_what_is_not_a_period_and_says_what_is(text: str) -> None:
    with pytest.raises(PeriodError) as err:
        parse(text)
    assert "period" in str(err.value)


@given(years)
def test_financial_year_forms_agree(y: int) -> None:
    short = f"{y}/{(y + 1) % 100:02d}"
    assert parse(short) == parse(f"{y}-{(y + 1) % 100:02d}") == parse(f"{y}/{y + 1}")
    assert parse(short) == periods.financial_year(y)


@given(st.sampled_from(["fy", "q", "cq", "m", "y"]), years, st.integers(1, 12))
def test_label_round_trips_and_periods_are_contiguous(kind: str, y: int, n: int) -> None:
    text = {
        "fy": f"{y}/{(y + 1) % 100:02d}",
        "q": f"Q{(n - 1) % 4 + 1} {y}-{(y + 1) % 100:02d}",
        "cq": f"{y} Q{(n - 1) % 4 + 1}",
        "m": f"{calendar.month_abbr[n]} {y}",
        "y": str(y),
    }[kind]
    p = parse(text)
    assert parse(p.label) == p  # the label we write reads back as the same period
    assert p.start <= p.end
    assert (p.end + timedelta(days=1)).day == 1  # periods end on a month's last day
