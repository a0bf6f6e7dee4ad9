"""Whole numbers, years and months read strictly from text: the digits 0–9 only, in range.

Python is generous with digits: '²'.isdigit() is true but int('²') fails, int('٣') is 3,
and the pattern \\d matches the digits of every script. Text from a query string, a form or
a spreadsheet cell goes through these functions instead, so '²⁰²⁴' or '٢٠٢٤' is refused with
a message, never a crash and never read as 2024; and a year is one a council could mean
(1900 to 2100), never year 0 or 9999, which the calendar and the database cannot hold.

    whole_number("42") == 42          whole_number("²") raises NotValid
    year("2024") == 2024              year("0000") raises NotValid
    first_of_month("2024", "9") == date(2024, 9, 1)
    number_or_none("٣") is None       # for query strings: ignore what cannot be read

No Django here: plain functions, tested with hypothesis.
"""

from __future__ import annotations

from datetime import date

YEAR_MIN = 1900
YEAR_MAX = 2100
MAX_DIGITS = 18  # fits a 64-bit database integer
DIGITS = "[0-9]"  # use in patterns instead of \d, which matches any script's digits

NOT_DIGITS = "'{text}' is not {what}: write it with the digits 0 to 9"
TOO_LONG = "'{text}' is too long to be {what}"
OUT_OF_RANGE = "{number} is not {what}: it must be from {low} to {high}"
NOT_A_YEAR = "{year} is not a year Plan Tracker can record: write a year from 1900 to 2100"
NOT_A_MONTH = "{month} is not a month: write a month from 1 to 12"


class NotValid(ValueError):
    """Text that is not the number asked for; the message says what was expected."""


def is_digits(text: str) -> bool:
    """Only the ASCII digits 0–9, at least one of them."""
    return text.isascii() and text.isdigit()


def whole_number(
    text: object, *, low: int = 0, high: int = 10**MAX_DIGITS - 1, what: str = "a whole number"
) -> int:
    """A whole number written with the digits 0–9 (spaces around it allowed), from `low` to
    `high`; NotValid otherwise."""
    s = "" if text is None else str(text).strip()
    if not is_digits(s):
        raise NotValid(NOT_DIGITS.format(text=s[:40], what=what))
    if len(s.lstrip("0")) > MAX_DIGITS:
        raise NotValid(TOO_LONG.format(text=s[:40], what=what))
    number = int(s)
    if not low <= number <= high:
        raise NotValid(OUT_OF_RANGE.format(number=number, what=what, low=low, high=high))
    return number


def number_or_none(text: object, *, low: int = 0, high: int = 10**MAX_DIGITS - 1) -> int | None:
    """whole_number, or None when the text is not one (query strings: fall back, don't fail)."""
    try:
        return whole_number(text, low=low, high=high)
    except NotValid:
        return None


def check_year(number: int) -> int:
    """`number` if it is a year from 1900 to 2100; NotValid otherwise."""
    if not YEAR_MIN <= number <= YEAR_MAX:
        raise NotValid(NOT_A_YEAR.format(year=f"{number:04d}"))
    return number


def year(text: object) -> int:
    """A year of four digits from 1900 to 2100."""
    return check_year(whole_number(text, what="a year"))


def check_month(number: int) -> int:
    if not 1 <= number <= 12:
        raise NotValid(NOT_A_MONTH.format(month=f"{number:02d}"))
    return number


def month_number(text: object) -> int:
    """A month's number, 1 to 12 (with or without a leading zero)."""
    return check_month(whole_number(text, what="a month"))


def first_of_month(year_text: object, month_text: object) -> date:
    """The first day of the month named by a year and a month number, both strict."""
    return date(year(year_text), month_number(month_text), 1)


def year_or_none(text: object) -> int | None:
    try:
        return year(text)
    except NotValid:
        return None
