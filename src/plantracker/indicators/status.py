"""Targets as councils write them, and the status of an indicator against them.

Plain functions, no Django. The rules, in words (shown on every KPI page by `rule_text`):

- A target is a value ("80%", "< 5%", "1.13"), a change against the baseline ("64% reduction by
  2025"), a band ("between 2 and 4") or "year on year reduction/increase".
- An observation *meets* a value target when it is on the right side of it: at least the target
  when higher is better, at most when lower is better; "<", "<=", ">", ">=" written in the target
  win over the direction. A change target is turned into a value first: baseline × (1 + change).
- Before the target's date, an observation is *on track* when it meets the straight-line path from
  the baseline (value and period) to the target (value and date) at the end of its period, and
  *off track* when it does not. Without a baseline the path cannot be drawn, so it is judged against
  the target itself. On or after the date, or when the target has no date, it is *met* or *not met*.
- "Year on year reduction" is met when the value is below the one before it — or, when the
  indicator's values are themselves changes on the previous year (−3.85%), when it is below zero.
- The indicator's overall status is the status of its latest observation; with none it is *no data*.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from . import periods
from .periods import Period


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    BAND = "band"


DIRECTION_TEXT = {
    Direction.HIGHER: "higher is better",
    Direction.LOWER: "lower is better",
    Direction.BAND: "within a band",
}


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NO_DATA = "no data"
    NOT_MEASURABLE = "target not measurable"


GOOD = {Status.MET, Status.ON_TRACK}
BAD = {Status.NOT_MET, Status.OFF_TRACK}


class TargetKind(StrEnum):
    VALUE = "value"
    CHANGE = "change"  # % change against the baseline
    YEAR_ON_YEAR = "year on year"
    BAND = "band"
    MAINTAIN = "maintain"  # no worse than the value before
    TEXT = "words"  # written in words no rule reads ("TBC", "Monitor only"): kept, not judged


class TargetError(ValueError):
    pass


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    value: Decimal | None = None  # the value, or the % change (−64 for a 64% reduction)
    comparison: str = ""  # "<", "<=", ">", ">=" when written; otherwise from the direction
    low: Decimal | None = None
    high: Decimal | None = None
    due: Period | None = None
    text: str = ""


@dataclass(frozen=True)
class Observation:
    period: Period
    value: Decimal


@dataclass(frozen=True)
class Judged:
    period: Period
    value: Decimal
    status: Status
    expected: Decimal | None  # the target or the path value it was judged against
    why: str


_NUMBER = r"[+\-−]?\d[\d,]*(?:\.\d+)?"
_BY = re.compile(r"\s+by\s+(?P<due>.+)$", re.I)


def number(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("−", "-").replace("+", "").strip()
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise TargetError(f"'{text}' is not a number") from None


def parse_target(text: str, due: str = "") -> Target:
    """'< 5%', '80%', '1.13', 'Year on year reduction', '64% reduction by 2025',
    '-64%' (with kind change in mind: see below), 'between 2 and 4'."""
    raw = " ".join(text.split())
    s = raw.lower().replace("−", "-")
    m = _BY.search(s)
    if m and not due:
        due = m["due"]
        s = s[: m.start()]
    due_period = periods.parse(due) if due.strip() else None
    s = re.sub(r"\(.*?\)|\*", "", s).strip()
    if re.search(r"year[\s\-]on[\s\-]year|continuous", s):
        sign = Decimal(1) if re.search(r"increase|rise|higher", s) else Decimal(-1)
        return Target(TargetKind.YEAR_ON_YEAR, sign, due=due_period, text=raw)
    m = re.fullmatch(rf"(?:between\s+)?({_NUMBER})\s*%?\s*(?:and|to|-|–)\s*({_NUMBER})\s*%?", s)
    if m and s.startswith("between"):
        return Target(
            TargetKind.BAND, low=number(m[1]), high=number(m[2]), due=due_period, text=raw
        )
    m = re.fullmatch(rf"({_NUMBER})\s*%\s*(reduction|decrease|cut|increase|rise)\b.*", s)
    if m:
        pct = abs(number(m[1]))
        sign = -1 if m[2] in {"reduction", "decrease", "cut"} else 1
        return Target(TargetKind.CHANGE, sign * pct, due=due_period, text=raw)
    m = re.fullmatch(rf"(<=|>=|<|>|≤|≥)?\s*({_NUMBER})\s*%?", s)
    if m:
        comparison = {"≤": "<=", "≥": ">="}.get(m[1] or "", m[1] or "")
        return Target(TargetKind.VALUE, number(m[2]), comparison, due=due_period, text=raw)
    raise TargetError(
        f"'{raw}' is not a target this tracker understands. Write a value (80%, < 5%, 1.13), "
        "a change against the baseline (64% reduction by 2025), a band (between 2 and 4) "
        "or 'year on year reduction'"
    )


def parse_value(text: object) -> tuple[Decimal | None, str]:
    """A cell as reported: '64.2%', '1,234', '-3.85% reduction', '34.7% reduction' (a
    reduction, so −34.7), '+1.6% Increase (2)' (+1.6, with note '(2)'). Blank → None."""
    raw = " ".join(str(text if text is not None else "").split())
    if raw.lower() in {"", "-", "–", "n/a", "na", "tbc", "tbd", "no data"}:
        return None, ""
    notes = " ".join(re.findall(r"\(.*?\)", raw))
    s = re.sub(r"\(.*?\)", "", raw).lower().strip()
    m = re.fullmatch(rf"({_NUMBER})\s*%?\s*([a-z ]*)", s.replace("−", "-"))
    if not m:
        raise TargetError(f"'{raw}' is not a number")
    value = number(m[1])
    words = m[2].strip()
    if words in {"reduction", "decrease", "fall", "lower"}:
        value = -abs(value)
    elif words in {"increase", "rise", "higher"}:
        value = abs(value)
    elif words:
        raise TargetError(f"'{raw}' is not a number")
    return value, notes


def meets(value: Decimal, goal: Decimal, comparison: str, direction: Direction) -> bool:
    op = comparison or (">=" if direction is Direction.HIGHER else "<=")
    return {
        "<": value < goal,
        "<=": value <= goal,
        ">": value > goal,
        ">=": value >= goal,
    }[op]


def target_value(target: Target, baseline: Decimal | None) -> Decimal | None:
    if target.kind is TargetKind.VALUE:
        return target.value
    if target.kind is TargetKind.CHANGE and baseline is not None and target.value is not None:
        return baseline * (1 + target.value / 100)
    return None


def path_value(
    baseline: Decimal, baseline_period: Period, goal: Decimal, due: Period, at: Period
) -> Decimal:
    """The straight line from the baseline (end of its period) to the goal (end of the due
    period), read at the end of `at`."""
    f = periods.fraction_between(baseline_period.end, due.end, at.end)
    return baseline + (goal - baseline) * Decimal(str(round(f, 6)))


def judge(
    observations: Sequence[Observation],
    target: Target | None,
    direction: Direction,
    *,
    baseline: Decimal | None = None,
    baseline_period: Period | None = None,
    measures_change: bool = False,
) -> list[Judged]:
    """Each observation's status, in period order."""
    ordered = sorted(observations, key=lambda o: o.period)
    out: list[Judged] = []
    previous: Observation | None = None
    for obs in ordered:
        out.append(
            _judge_one(obs, previous, target, direction, baseline, baseline_period, measures_change)
        )
        previous = obs
    return out


def _judge_one(
    obs: Observation,
    previous: Observation | None,
    target: Target | None,
    direction: Direction,
    baseline: Decimal | None,
    baseline_period: Period | None,
    measures_change: bool,
) -> Judged:
    def result(status: Status, expected: Decimal | None, why: str) -> Judged:
        return Judged(obs.period, obs.value, status, expected, why)

    if target is None:
        return result(Status.NO_DATA, None, "no target set")
    if target.kind is TargetKind.TEXT:
        return result(Status.NOT_MEASURABLE, None, f"the target is in words: '{target.text}'")
    if target.kind is TargetKind.MAINTAIN:
        if previous is None:
            return result(Status.NO_DATA, None, "no earlier value to compare with")
        ok = meets(obs.value, previous.value, "", direction)
        return result(
            Status.MET if ok else Status.NOT_MET, previous.value,
            f"no worse than {previous.period.label}'s value",
        )  # fmt: skip
    if target.kind is TargetKind.YEAR_ON_YEAR:
        want_down = (target.value or Decimal(-1)) < 0
        if measures_change:
            ok = obs.value < 0 if want_down else obs.value > 0
            word = "a reduction" if want_down else "an increase"
            return result(
                Status.MET if ok else Status.NOT_MET, Decimal(0), f"{word} on the year before"
            )
        if previous is None:
            return result(Status.NO_DATA, None, "no earlier value to compare with")
        ok = obs.value < previous.value if want_down else obs.value > previous.value
        return result(
            Status.MET if ok else Status.NOT_MET,
            previous.value,
            f"{'below' if want_down else 'above'} {previous.period.label}'s value",
        )
    if target.kind is TargetKind.BAND:
        assert target.low is not None and target.high is not None
        ok = target.low <= obs.value <= target.high
        final = Status.MET if ok else Status.NOT_MET
        before_due = target.due is not None and obs.period.end < target.due.end
        if before_due:
            final = Status.ON_TRACK if ok else Status.OFF_TRACK
        return result(final, None, f"between {target.low} and {target.high}")
    goal = target_value(target, baseline)
    if goal is None:
        return result(Status.NO_DATA, None, "the target is a change on a baseline not yet given")
    if target.due is not None and obs.period.end < target.due.end:
        if baseline is not None and baseline_period is not None:
            on_path = path_value(baseline, baseline_period, goal, target.due, obs.period)
            ok = meets(obs.value, on_path, "", direction)
            return result(
                Status.ON_TRACK if ok else Status.OFF_TRACK,
                on_path,
                f"the straight-line path to {goal.normalize():f} by {target.due.label}",
            )
        ok = meets(obs.value, goal, target.comparison, direction)
        return result(
            Status.ON_TRACK if ok else Status.OFF_TRACK,
            goal,
            "the target itself (no baseline to draw a path from)",
        )
    ok = meets(obs.value, goal, target.comparison, direction)
    return result(Status.MET if ok else Status.NOT_MET, goal, "the target")


def overall(judged: Sequence[Judged], target: Target | None = None) -> Status:
    """The latest value's status; a target in words makes it "target not measurable" even
    before there is a value."""
    if target is not None and target.kind is TargetKind.TEXT:
        return Status.NOT_MEASURABLE
    return judged[-1].status if judged else Status.NO_DATA


def rule_text(target: Target | None, direction: Direction, *, measures_change: bool) -> str:
    """The rule that gives this indicator its status, in plain English."""
    if target is None:
        return "No target is set, so no status is given."
    due = f" by {target.due.label}" if target.due else ""
    if target.kind is TargetKind.TEXT:
        return (
            f"The target is written in words ('{target.text}') with no figure to compare "
            "values with, so the status is: target not measurable."
        )
    if target.kind is TargetKind.MAINTAIN:
        better = "at or above" if direction is Direction.HIGHER else "at or below"
        return (
            f"Met when the value is {better} the one before it ({DIRECTION_TEXT[direction]}); "
            "the first value has nothing to compare with."
        )
    if target.kind is TargetKind.YEAR_ON_YEAR:
        down = (target.value or Decimal(-1)) < 0
        if measures_change:
            return (
                "Each value is the change on the year before. It is met when it is "
                f"{'below' if down else 'above'} zero."
            )
        return (
            f"Met when the value is {'lower' if down else 'higher'} than the one before it; "
            "the first value has nothing to compare with."
        )
    if target.kind is TargetKind.BAND:
        return f"Met when the value is between {target.low} and {target.high}{due}."
    side = {
        "<": "below",
        "<=": "at or below",
        ">": "above",
        ">=": "at or above",
    }[target.comparison or (">=" if direction is Direction.HIGHER else "<=")]
    goal = (
        f"{target.value}"
        if target.kind is TargetKind.VALUE
        else f"the baseline changed by {target.value}%"
    )
    text = f"Met when the value is {side} {goal} ({DIRECTION_TEXT[direction]})."
    if target.due:
        text += (
            f" Before {target.due.label}, a value is on track when it is {side} the "
            "straight line from the baseline to the target at the end of its period, "
            "and off track when it is not."
        )
    return text
