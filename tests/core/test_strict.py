"""The one strict reading of whole numbers, years and months: the digits 0–9 only, in range.
Whatever the text, the answer is a number or NotValid with a message, never another error."""

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from plantracker.core import strict
from plantracker.core.strict import NotValid

# Digits Python's isdigit() or \d accepts that are not 0–9: superscripts, Arabic-Indic,
# Devanagari, full-width, circled.
FOREIGN_DIGITS = ["²", "²⁰²⁴", "٣", "٢٠٢٤", "२०२४", "２０２４", "①", "𝟚𝟘𝟚𝟜"]
ODD = ["", " ", "-1", "+1", "1_000", "1e3", "1.0", "0x10", "12 34", "9" * 40, "\x00", "2024\n5"]


@pytest.mark.parametrize("text", FOREIGN_DIGITS + ODD)
def test_only_the_digits_0_to_9_make_a_number(text: str) -> None:
    with pytest.raises(NotValid, match=r"0 to 9|too long"):
        strict.whole_number(text)
    assert strict.number_or_none(text) is None


@pytest.mark.parametrize(("text", "number"), [("0", 0), ("42", 42), (" 7 ", 7), ("0012", 12)])
def test_reads_whole_numbers(text: str, number: int) -> None:
    assert strict.whole_number(text) == number


@pytest.mark.parametrize("text", ["0000", "0", "1899", "2101", "9999", "10000"])
def test_years_outside_1900_to_2100_are_refused_with_the_range(text: str) -> None:
    with pytest.raises(NotValid, match="from 1900 to 2100"):
        strict.year(text)
    assert strict.year_or_none(text) is None


@pytest.mark.parametrize(("y", "m"), [("2024", "00"), ("2024", "13"), ("0000", "01"),
                                      ("9999", "00"), ("²⁰²⁴", "09"), ("2024", "٩")])  # fmt: skip
def test_months_are_strict_too(y: str, m: str) -> None:
    with pytest.raises(NotValid):
        strict.first_of_month(y, m)


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_every_month_in_range_is_read(y: int, m: int) -> None:
    assert strict.first_of_month(str(y), f"{m:02d}") == date(y, m, 1)
    assert strict.year(f"{y}") == y


@given(st.text(max_size=30))
@example("²")
@example("٣")
@example("9" * 5000)  # more than int() reads by default
def test_any_text_is_a_number_or_not_valid(text: str) -> None:
    try:
        number = strict.whole_number(text)
    except NotValid:
        return
    assert text.strip().isascii() and number == int(text.strip())
