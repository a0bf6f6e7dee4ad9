"""KPI tables in the words councils write them: values with units, gaps, directions, targets
and period headings. Plain functions, no Django; each rule is explained in docs/importing.md
("KPI tables").

    read_value("4,287") == Reading(Decimal(4287), "")
    read_value("£1.2m") == Reading(Decimal(1200000), "£")
    read_value("n/a") is None                   # a gap: skipped, never 0
    direction_word("Minimise") is Direction.LOWER
    title_direction("Recycling rate (Maximise)") == ("Recycling rate", Direction.HIGHER, "Maximise")
    read_target("at least 90%").comparison == ">="
    read_target("TBC").kind is TargetKind.TEXT  # kept as written: "target not measurable"
    heading_role("Target 2023/24") == ("target", parse("2023/24"))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from . import periods
from .status import Direction, Target, TargetError, TargetKind, parse_target, parse_value

# Cells that say "no figure": skipped and listed, never recorded as 0.
MISSING = {
    "", "-", "–", "—", "n/a", "na", "n.a.", "n/k", "tbc", "tbd", "tba", "not available",
    "no data", "not yet available", "data not available", "awaiting data", "not known", "..",
}  # fmt: skip

# Unit words after a figure, as the unit is then recorded.
UNIT_WORDS = {
    "day": "days", "days": "days", "working day": "days", "working days": "days",
    "week": "weeks", "weeks": "weeks", "hour": "hours", "hours": "hours", "hrs": "hours",
    "minute": "minutes", "minutes": "minutes", "mins": "minutes",
    "tonne": "tonnes", "tonnes": "tonnes", "t": "tonnes", "tco2e": "tCO2e",
    "kwh": "kWh", "mwh": "MWh", "mw": "MW", "ha": "ha", "hectares": "ha", "km": "km",
}  # fmt: skip
MULTIPLIERS = {
    "k": Decimal(1000), "m": Decimal(10**6), "million": Decimal(10**6),
    "bn": Decimal(10**9), "billion": Decimal(10**9),
}  # fmt: skip
MAX_DIGITS = 14  # before the point: what an observation (20 digits, 6 after the point) holds

_NUMBER = r"[+\-−]?[0-9][0-9,]*(?:\.[0-9]+)?"
_MONEY = re.compile(rf"^(-?)£\s*({_NUMBER})\s*(k|m|bn|million|billion)?$")
_PERCENT = re.compile(rf"^({_NUMBER})\s*%$")
_WITH_UNIT = re.compile(rf"^({_NUMBER})\s*([a-z][a-z0-9 ]*)$")


class ValueWordError(ValueError):
    pass


@dataclass(frozen=True)
class Reading:
    value: Decimal
    unit: str = ""  # "%", "£", "days"… when the cell carries one
    note: str = ""  # a footnote written in brackets: "(2)"


def is_missing(text: object) -> bool:
    return _words(text).lower() in MISSING


def _words(text: object) -> str:
    return " ".join(str(text if text is not None else "").split())


def _figure(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        raise ValueWordError(f"'{text}' is not a number") from None
    if not value.is_finite() or value.adjusted() >= MAX_DIGITS:
        raise ValueWordError(f"'{text}' is too large a number")
    return value


def read_value(text: object) -> Reading | None:
    """A reported figure: '4,287', '87%', '£1.2m', '12 days', '-3.85% reduction'. None when
    the cell says there is no figure (see MISSING); ValueWordError when it is not a number."""
    raw = _words(text)
    if raw.lower() in MISSING:
        return None
    try:
        value, note = parse_value(raw)
    except TargetError:
        pass
    else:
        if value is None:
            return None
        return Reading(_figure(str(value)), "%" if "%" in raw else "", note)
    return read_quantity(raw)


def read_quantity(raw: str) -> Reading:
    """'£2.5m' → 2500000 £, '3 working days' → 3 days, '200 tonnes' → 200 tonnes."""
    s = re.sub(r"\(.*?\)", "", raw).strip().lower()
    m = _MONEY.match(s)
    if m:
        value = _figure(m[2]) * MULTIPLIERS.get(m[3] or "", Decimal(1))
        return Reading(_figure(str(-value if m[1] else value)), "£")
    m = _PERCENT.match(s)
    if m:
        return Reading(_figure(m[1]), "%")
    if re.fullmatch(_NUMBER, s):
        return Reading(_figure(s))
    m = _WITH_UNIT.match(s)
    if m and m[2].strip() in UNIT_WORDS:
        return Reading(_figure(m[1]), UNIT_WORDS[m[2].strip()])
    if m and m[2].strip() in MULTIPLIERS:
        return Reading(_figure(str(_figure(m[1]) * MULTIPLIERS[m[2].strip()])))
    raise ValueWordError(f"'{raw}' is not a number")


# Direction, as written in a column or in brackets after a title.
HIGHER_WORDS = {
    "up", "increase", "higher", "high", "maximise", "maximize", "bigger is better",
    "higher is better", "larger is better", "more is better", "high is good", "↑", "aim high",
}  # fmt: skip
LOWER_WORDS = {
    "down", "decrease", "reduce", "reduction", "lower", "low", "minimise", "minimize",
    "smaller is better", "lower is better", "less is better", "low is good", "↓", "aim low",
}  # fmt: skip
BAND_WORDS = {"band", "within a band", "within"}
YES_WORDS = {"yes", "y", "true"}
NO_WORDS = {"no", "n", "false"}


def direction_word(text: object) -> Direction | None:
    """'Up', 'Reduce', 'Minimise', 'Bigger is better'… → the direction; None if not one."""
    s = re.sub(r"[^a-z↑↓ ]+", " ", _words(text).lower())
    s = " ".join(s.split())
    if s in HIGHER_WORDS:
        return Direction.HIGHER
    if s in LOWER_WORDS:
        return Direction.LOWER
    if s in BAND_WORDS:
        return Direction.BAND
    return None


def higher_is_better(text: object) -> Direction | None:
    """A 'Higher is better' column's Yes/No (or a direction word)."""
    s = _words(text).lower()
    if s in YES_WORDS:
        return Direction.HIGHER
    if s in NO_WORDS:
        return Direction.LOWER
    return direction_word(s)


def title_direction(title: str) -> tuple[str, Direction | None, str]:
    """'Recycling rate (Maximise)' → ('Recycling rate', HIGHER, 'Maximise'): the title without
    the direction's words, the direction and the words as written. A title with no direction
    in brackets comes back as it is."""
    for m in re.finditer(r"\(([^()]*)\)", title):
        found = direction_word(m[1])
        if found is not None:
            rest = " ".join((title[: m.start()] + title[m.end() :]).split())
            if rest:
                return rest, found, m[1].strip()
    return title, None, ""


# Targets in council wording, turned into the forms status.parse_target reads.
_AT_LEAST = r"at least|no less than|not less than|minimum of|minimum|min\.?|a minimum of"
_AT_MOST = r"no more than|not more than|at most|maximum of|maximum|max\.?|a maximum of|up to"
_BELOW = r"less than|fewer than|under|below"
_ABOVE = r"more than|greater than|over|above"
_BEFORE = [(_AT_LEAST, ">="), (_AT_MOST, "<="), (_BELOW, "<"), (_ABOVE, ">")]
_AFTER = [
    (r"or more|or above|or higher|or over|or greater|\+", ">="),
    (r"or less|or fewer|or below|or lower|or under", "<="),
]
_BY = re.compile(r"\s+by\s+(?P<due>.+)$")
_MAINTAIN = re.compile(r"^(?:maintain|maintained|sustain|no change|keep)(?:\s+(?:at|or improve))?")


def read_target(text: str, due: str = "") -> Target:
    """The target as written. Understood: what status.parse_target reads ('< 10', '>= 95%',
    '5% reduction by 2025'), '45 or more', 'at least 90%', 'no more than 3 working days',
    '1,500 (cumulative)', '£2.5m', 'maintain' (no worse than the value before) and
    'maintain at 95%'. Anything else ('TBC', 'Monitor only') is kept as words: a target of
    kind TEXT, which no value can be judged against. Never raises."""
    raw = _words(text)
    s = raw.lower()
    m = _BY.search(s)
    if m and periods.looks_like_period(m["due"]):  # the cell's own date wins over the column's
        due, s = m["due"], s[: m.start()]
    try:
        return replace(parse_target(s, due), text=raw)
    except (TargetError, periods.PeriodError):
        pass
    try:
        due_period = periods.parse(due) if due.strip() else None
    except periods.PeriodError:
        return Target(TargetKind.TEXT, text=raw)
    s = re.sub(r"\(.*?\)|\*", "", s).strip().rstrip(".")
    maintain = _MAINTAIN.match(s)
    if maintain and not s[maintain.end() :].strip():
        return Target(TargetKind.MAINTAIN, due=due_period, text=raw)
    if maintain:
        s = s[maintain.end() :].strip()
    comparison, s = _comparison(s)
    try:
        reading = read_quantity(s)
    except ValueWordError:
        return Target(TargetKind.TEXT, due=due_period, text=raw)
    return Target(TargetKind.VALUE, reading.value, comparison, due=due_period, text=raw)


def _comparison(s: str) -> tuple[str, str]:
    for words, op in _BEFORE:
        m = re.match(rf"^(?:{words})\s+(.+)$", s)
        if m:
            return op, m[1].strip()
    for words, op in _AFTER:
        m = re.match(rf"^(.+?)\s*(?:{words})$", s)
        if m:
            return op, m[1].strip()
    return "", s


def target_is_measurable(target: Target) -> bool:
    return target.kind is not TargetKind.TEXT


# Headings that name a period and whether the column holds targets or values.
TARGET_WORDS = {"target", "targets", "tgt"}
VALUE_WORDS = {"actual", "actuals", "outturn", "value", "values", "result", "results"}


def heading_role(header: str) -> tuple[str, periods.Period] | None:
    """'Target 2023/24', '2023-24 Target' → ('target', 2023-24); '2022/23 Actual', 'Outturn
    2021-22', 'Result 2022', 'Q3 2023/24', '2022/23' → ('value', …). None when the heading
    names no period (a year in digits is needed)."""
    words = _words(header).lower().replace(":", " ").split()
    role = "value"
    for end in (0, -1):
        if len(words) > 1 and words[end] in TARGET_WORDS | VALUE_WORDS:
            role = "target" if words[end] in TARGET_WORDS else "value"
            words.pop(end)
            break
    rest = " ".join(words).strip(" -–")
    if not re.search(r"[0-9]{4}", rest):
        return None
    try:
        return role, periods.parse(rest)
    except periods.PeriodError:
        return None
