"""Writes to plans: scores and findings."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from . import checks, findings, scoring
from .models import Action, Finding, Plan, ScoringScheme


def action_score(action: Action, weights: scoring.Weights) -> Decimal | None:
    return scoring.score(action.timescale, action.cost, action.carbon, weights)


@transaction.atomic
def plan_scores_recompute(*, plan: Plan) -> int:
    """Recompute every action's score from the plan's scheme; returns how many changed."""
    weights = plan.scoring_scheme.weights()
    changed = []
    for action in plan.actions.only("id", "timescale", "cost", "carbon", "score"):
        new = action_score(action, weights)
        old = None if action.score is None else Decimal(action.score)
        if new != old:
            action.score = new
            changed.append(action)
    Action.objects.bulk_update(changed, ["score"])
    plan_check(plan=plan)
    return len(changed)


@transaction.atomic
def scoring_scheme_update(
    *,
    scheme: ScoringScheme,
    timescale: dict[str, object] | None = None,
    cost: dict[str, object] | None = None,
    carbon: dict[str, object] | None = None,
) -> None:
    """Change a scheme's weights; every plan using it is rescored."""
    if timescale is not None:
        scheme.timescale_weights = timescale
    if cost is not None:
        scheme.cost_weights = cost
    if carbon is not None:
        scheme.carbon_weights = carbon
    scheme.save()
    for plan in Plan.objects.filter(scoring_scheme=scheme):
        plan_scores_recompute(plan=plan)


def plan_action_facts(plan: Plan) -> list[checks.ActionFacts]:
    actions = (
        plan.actions.select_related("theme")
        .prefetch_related("objectives")
        .order_by("position", "id")
    )
    return [
        checks.ActionFacts(
            ref=a.ref,
            start=a.start,
            end=a.end,
            recorded_score=None if a.recorded_score is None else Decimal(a.recorded_score),
            computed_score=None if a.score is None else Decimal(a.score),
            objective_codes=tuple(o.code for o in a.objectives.all()),
            theme=a.theme.name if a.theme else None,
        )
        for a in actions
    ]


@transaction.atomic
def plan_check(*, plan: Plan) -> list[Finding]:
    """Re-run the data-quality rules; check findings are replaced (a dismissal carried to
    the same finding), import ones kept."""
    defined = frozenset(plan.objectives.filter(defined=True).values_list("code", flat=True))
    issues = checks.check_plan(plan_action_facts(plan), defined_objectives=defined)
    old = plan.findings.filter(origin=Finding.Origin.CHECK)
    fresh = [
        Finding(
            plan=plan,
            ref=i.ref,
            field=i.field,
            kind=i.kind,
            message=i.message,
            origin=Finding.Origin.CHECK,
        )
        for i in issues
    ]
    findings.carry_dismissals(old.filter(dismissed_at__isnull=False), fresh)
    old.delete()
    return Finding.objects.bulk_create(fresh)
