"""Data-quality rules for a plan's actions. Pure functions: they take plain values and
return what is wrong, in words an officer can act on. See docs/data-quality.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .scoring import format_number, scores_disagree


@dataclass(frozen=True)
class ActionFacts:
    ref: str
    start: date | None
    end: date | None
    recorded_score: Decimal | None
    computed_score: Decimal | None
    objective_codes: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    ref: str
    field: str
    kind: str
    message: str


SCORE_MISMATCH = (
    "recorded score {recorded} disagrees with the rule, which gives {computed}; "
    "the recorded figure is kept beside the computed one"
)
MISSING_START = "no start date; the plan's other actions have dates"
MISSING_END = "no end date; the plan's other actions have dates"
END_BEFORE_START = "ends ({end}) before it starts ({start})"
UNKNOWN_OBJECTIVE = "objective {code} is not one of the strategy's objectives"


def month_text(d: date) -> str:
    return d.strftime("%Y-%m")


def check_action(
    facts: ActionFacts, *, plan_uses_dates: bool, defined_objectives: frozenset[str]
) -> list[Issue]:
    issues: list[Issue] = []
    if scores_disagree(facts.recorded_score, facts.computed_score):
        assert facts.recorded_score is not None and facts.computed_score is not None
        issues.append(
            Issue(
                facts.ref,
                "score",
                "score_mismatch",
                SCORE_MISMATCH.format(
                    recorded=format_number(facts.recorded_score),
                    computed=format_number(facts.computed_score),
                ),
            )
        )
    if plan_uses_dates:
        if facts.start is None:
            issues.append(Issue(facts.ref, "start", "missing_start", MISSING_START))
        if facts.end is None:
            issues.append(Issue(facts.ref, "end", "missing_end", MISSING_END))
    if facts.start and facts.end and facts.end < facts.start:
        issues.append(
            Issue(
                facts.ref,
                "end",
                "end_before_start",
                END_BEFORE_START.format(end=month_text(facts.end), start=month_text(facts.start)),
            )
        )
    if defined_objectives:
        for code in facts.objective_codes:
            if code != "All" and code not in defined_objectives:
                issues.append(
                    Issue(
                        facts.ref,
                        "objectives",
                        "unknown_objective",
                        UNKNOWN_OBJECTIVE.format(code=code),
                    )
                )
    return issues


def check_plan(
    actions: Iterable[ActionFacts], *, defined_objectives: frozenset[str]
) -> list[Issue]:
    facts = list(actions)
    uses_dates = any(f.start or f.end for f in facts)
    return [
        issue
        for f in facts
        for issue in check_action(
            f, plan_uses_dates=uses_dates, defined_objectives=defined_objectives
        )
    ]
