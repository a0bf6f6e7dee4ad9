"""Reporting periods as councils write them: financial years, quarters, months, years.

    parse("2018/19") == parse("2018-19") == parse("April to March 2018/19")  # Apr 2018–Mar 2019
    parse("Q3 2019/20")  # October–December 2019 (financial quarters start in April)
    parse("2024 Q1")     # January–March 2024 (calendar quarter)
    parse("Mar-24"), parse("March 2024"), parse("2024-03")  # the month
    parse("2017")        # the calendar year

"YYYY-YY" is a financial year when the second part is the next year ("2011-12" is 2011/12, not
December 2011); write months as "Dec 2011" or "2011-12-01" to avoid the clash.
Years are read strictly (core.strict): the digits 0–9 only, from 1900 to 2100, so "0000",
"9999-00" or "²⁰²⁴" is a PeriodError with a message, never a crash.
No Django here: plain functions, tested with hypothesis.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from plantracker.core import strict


class Kind(StrEnum):
    YEAR = "year"
    FINANCIAL_YEAR = "financial year"
    QUARTER = "quarter"
    FINANCIAL_QUARTER = "financial quarter"
    MONTH = "month"


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # the last day, inclusive
    kind: Kind = field(compare=False)

    @property
    def label(self) -> str:
        return label(self)


class PeriodError(ValueError):
    pass


MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i], calendar.month_abbr[i] + ".")
}
MONTHS["sept"] = 9

# [0-9], not \d: \d matches the digits of every script, which int() then reads or fails on.
_FY = re.compile(r"^(?:fy\s*)?(?P<a>[0-9]{4})\s*[/\-–]\s*(?P<b>[0-9]{2}|[0-9]{4})$")
_QUARTER = re.compile(r"^(?:q|quarter)\s*(?P<q>[1-4])$")
_MONTH_WORD = re.compile(r"^(?P<m>[a-z]+\.?)[\s\-/]*(?P<y>[0-9]{4}|[0-9]{2})$")
_ISO_MONTH = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})(?:-(?P<d>[0-9]{1,2}))?$")
_SLASH_MONTH = re.compile(r"^(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})$")
_PREFIX = re.compile(r"^(?:april\s+to\s+march|apr\s*-\s*mar|financial\s+year)\s+", re.I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year2(text: str) -> int:
    return 2000 + strict.whole_number(text) if len(text) == 2 else strict.year(text)


def month(year: int, m: int) -> Period:
    strict.check_year(year)
    strict.check_month(m)
    return Period(date(year, m, 1), _month_end(year, m), Kind.MONTH)


def financial_year(first: int) -> Period:
    strict.check_year(first)
    return Period(date(first, 4, 1), date(first + 1, 3, 31), Kind.FINANCIAL_YEAR)


def year(y: int) -> Period:
    strict.check_year(y)
    return Period(date(y, 1, 1), date(y, 12, 31), Kind.YEAR)


def _fy_first(text: str) -> int | None:
    m = _FY.match(text)
    if not m:
        return None
    a, b = int(m["a"]), m["b"]
    following = int(b) if len(b) == 4 else (a + 1) % 100
    if (len(b) == 4 and following == a + 1) or (len(b) == 2 and int(b) == following):
        return strict.check_year(a)
    return None


def _quarter(q: int, rest: str) -> Period | None:
    first = _fy_first(rest)
    if first is not None:
        start_month = 4 + 3 * (q - 1)
        y = first if start_month <= 12 else first + 1
        start_month = (start_month - 1) % 12 + 1
        return Period(
            date(y, start_month, 1), _month_end(y, start_month + 2), Kind.FINANCIAL_QUARTER
        )
    if re.fullmatch(r"[0-9]{4}", rest):
        y = strict.year(rest)
        start_month = 1 + 3 * (q - 1)
        return Period(date(y, start_month, 1), _month_end(y, start_month + 2), Kind.QUARTER)
    return None


def _split_quarter(text: str) -> tuple[int, str] | None:
    """'Q3 2019/20', '2019/20 Q3', 'Quarter 3 2019-20', '2024 Q1' → (3, '2019/20')."""
    parts = re.split(r"\s+", text)
    for i in range(1, len(parts)):
        head, tail = " ".join(parts[:i]), " ".join(parts[i:])
        for q_part, rest in ((head, tail), (tail, head)):
            m = _QUARTER.match(q_part)
            if m:
                return int(m["q"]), rest
    m = re.match(r"^q([1-4])[\s\-]*(.+)$", text)
    if m:
        return int(m[1]), m[2]
    return None


def parse(text: object) -> Period:
    """The period a label names, or PeriodError saying which forms are understood (or which
    year is out of range)."""
    raw = " ".join(str(text or "").split())
    try:
        return _parse(raw)
    except strict.NotValid as exc:
        raise PeriodError(str(exc) if strict.is_digits(raw) else f"{exc} (in '{raw}')") from None


def _parse(raw: str) -> Period:
    s = _PREFIX.sub("", raw).lower().strip()
    if not s:
        raise PeriodError("no period given")
    first = _fy_first(s)
    if first is not None:
        return financial_year(first)
    if re.fullmatch(r"[0-9]{4}", s):
        return year(strict.year(s))
    split = _split_quarter(s)
    if split:
        found = _quarter(*split)
        if found:
            return found
    m = _MONTH_WORD.match(s)
    if m and m["m"] in MONTHS:
        return month(_year2(m["y"]), MONTHS[m["m"]])
    m = _ISO_MONTH.match(s) or _SLASH_MONTH.match(s)
    if m and 1 <= int(m["m"]) <= 12:
        return month(strict.year(m["y"]), int(m["m"]))
    raise PeriodError(
        f"'{raw}' is not a period. Write a financial year (2018/19 or 2018-19), a quarter "
        "(Q3 2019/20 or 2024 Q1), a month (March 2024, Mar-24 or 2024-03) or a year (2017)"
    )


def label(p: Period) -> str:
    """The one way each period is written back: 2018-19, 2019-20 Q3, 2024 Q1, March 2024, 2017."""
    if p.kind is Kind.FINANCIAL_YEAR:
        return f"{p.start.year}-{(p.start.year + 1) % 100:02d}"
    if p.kind is Kind.FINANCIAL_QUARTER:
        first = p.start.year if p.start.month >= 4 else p.start.year - 1
        q = ((p.start.month - 4) % 12) // 3 + 1
        return f"{first}-{(first + 1) % 100:02d} Q{q}"
    if p.kind is Kind.QUARTER:
        return f"{p.start.year} Q{(p.start.month - 1) // 3 + 1}"
    if p.kind is Kind.MONTH:
        return f"{calendar.month_name[p.start.month]} {p.start.year}"
    return str(p.start.year)


def normalise(text: object) -> str:
    return label(parse(text))


def looks_like_period(text: object) -> bool:
    try:
        parse(text)
    except PeriodError:
        return False
    return True


def fraction_between(start: date, end: date, at: date) -> float:
    """How far `at` is along start → end, clamped to 0…1 (1 when end is not after start)."""
    total = (end - start) / timedelta(days=1)
    if total <= 0:
        return 1.0
    done = (at - start) / timedelta(days=1)
    return min(1.0, max(0.0, done / total))
