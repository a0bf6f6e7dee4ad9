"""Data-quality rules for a plan's actions. Pure functions: they take plain values and
return what is wrong, in words an officer can act on. See docs/data-quality.md."""

from __future__ import annotations

import re
from collections import Counter
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
    theme: str | None = None


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
THEME_REF_PREFIX = (
    "{ref} is in theme {theme!r}, whose other actions' references start {prefix} ({refs}); "
    "check that {ref} belongs in this theme"
)

# The letters a reference starts with, before its number: EN1 → EN, TR-3 → TR, ESAP-01 → ESAP.
_REF_PREFIX = re.compile(r"^([A-Za-z]+)[-_. ]?\d")


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


def ref_prefix(ref: str) -> str | None:
    """'EN1' → 'EN', 'tr-3' → 'TR'; None for a reference with no letters before its number."""
    m = _REF_PREFIX.match(ref.strip())
    return m.group(1).upper() if m else None


def check_theme_prefixes(facts: Iterable[ActionFacts]) -> list[Issue]:
    """In a theme whose actions' references mostly share a prefix (Energy: EN1, EN2), an
    action whose reference starts otherwise (TR3) may have been put under the wrong heading.
    The prefix most of the theme's references share is the theme's; with no majority
    (EN1, TR1) nothing is said, as there is no telling which is out of place."""
    by_theme: dict[str, list[tuple[str, str]]] = {}
    for f in facts:
        prefix = ref_prefix(f.ref)
        if f.theme and prefix:
            by_theme.setdefault(f.theme, []).append((f.ref, prefix))
    issues: list[Issue] = []
    for theme, refs in by_theme.items():
        counts = Counter(p for _, p in refs)
        usual, n = counts.most_common(1)[0]
        if n * 2 <= len(refs):
            continue
        examples = ", ".join(r for r, p in refs if p == usual)
        for ref, prefix in refs:
            if prefix != usual:
                message = THEME_REF_PREFIX.format(ref=ref, theme=theme, prefix=usual, refs=examples)
                issues.append(Issue(ref, "theme", "theme_ref_prefix", message))
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
    ] + check_theme_prefixes(facts)
