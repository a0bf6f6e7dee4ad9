"""Reading strategies and their coverage by actions and KPIs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from plantracker.core import visibility
from plantracker.plans.models import Plan

from .coverage import ActionCoverage, ActionRow, MeasureRow, ObjectiveRow, action_coverage
from .models import Measure, Outcome, Strategy, StrategyObjective


def strategies_visible(organisation: Any = None) -> QuerySet[Strategy]:
    """Strategies are public documents: everyone may read them."""
    qs = Strategy.objects.select_related("organisation")
    return qs.filter(organisation=organisation) if organisation is not None else qs


def objective_rows(strategy: Strategy) -> list[ObjectiveRow]:
    objectives = StrategyObjective.objects.filter(aim__strategy=strategy).select_related("aim")
    return [ObjectiveRow(o.code, o.text, o.aim.code, o.kind) for o in objectives]


def action_rows(plan: Plan) -> list[ActionRow]:
    actions = plan.actions.prefetch_related("objectives").order_by("position", "id")
    return [ActionRow(a.ref, a.title, tuple(o.code for o in a.objectives.all())) for a in actions]


def plan_coverage(plan: Plan) -> ActionCoverage:
    """The plan's actions against its strategy's objectives (empty when it has none)."""
    rows = objective_rows(plan.framework) if plan.framework_id else []  # type: ignore[arg-type]
    return action_coverage(rows, action_rows(plan))


@dataclass
class OutcomeNode:
    outcome: Outcome
    children: list[OutcomeNode]
    measures: list[Measure]


def _kpis(user: Any) -> QuerySet[Any]:
    """The KPIs `user` may see: the organisation's own and those of plans they may read (a
    draft plan's KPIs stay with its team)."""
    indicator = Measure._meta.get_field("indicators").related_model
    return indicator.objects.filter(visibility.plans_or_none(user, "plan"))  # type: ignore[no-any-return, union-attr]


def _visible_kpi_count(user: Any) -> Count:
    """Retired KPIs are listed, not counted."""
    return Count(
        "indicators",
        filter=visibility.plans_or_none(user, "indicators__plan")
        & Q(indicators__retired_on__isnull=True),
    )


def outcome_tree(strategy: Strategy, user: Any = None) -> list[OutcomeNode]:
    measures = Measure.objects.prefetch_related(Prefetch("indicators", _kpis(user)))
    outcomes = list(strategy.outcomes.prefetch_related(Prefetch("measures", queryset=measures)))
    nodes = {o.pk: OutcomeNode(o, [], list(o.measures.all())) for o in outcomes}
    roots = []
    for o in outcomes:
        if o.parent_id and o.parent_id in nodes:
            nodes[o.parent_id].children.append(nodes[o.pk])
        else:
            roots.append(nodes[o.pk])
    return roots


def measure_rows(strategy: Strategy, user: Any = None) -> list[MeasureRow]:
    rows = []
    for top in outcome_tree(strategy, user):
        for child in top.children:
            for m in child.measures:
                kpis = tuple(i.title for i in m.indicators.all() if i.retired_on is None)
                rows.append(MeasureRow(top.outcome.title, child.outcome.title, m.text, kpis))
    return rows


def aims_with_objectives(strategy: Strategy, user: Any = None) -> QuerySet[Any]:
    from .models import Aim

    return Aim.objects.filter(strategy=strategy).prefetch_related(
        Prefetch(
            "objectives",
            queryset=StrategyObjective.objects.annotate(kpi_count=_visible_kpi_count(user))
            .prefetch_related(Prefetch("indicators", _kpis(user)))
            .order_by("code"),
        )
    )


def objectives_without_kpi(strategy: Strategy, user: Any = None) -> list[StrategyObjective]:
    return list(
        StrategyObjective.objects.filter(aim__strategy=strategy)
        .annotate(kpi_count=_visible_kpi_count(user))
        .filter(kpi_count=0)
        .select_related("aim")
        .order_by("aim__position", "code")
    )


def plans_of(strategy: Strategy, user: Any) -> list[Plan]:
    from plantracker.plans.selectors import plan_list

    return list(plan_list(user=user).filter(framework=strategy))
