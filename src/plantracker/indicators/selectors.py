"""Reading KPIs with their status against target, for pages, exports, snapshots and reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from plantracker.core import visibility

from . import periods
from .models import Indicator, Observation
from .status import (
    BAD,
    DIRECTION_TEXT,
    Direction,
    Judged,
    Status,
    Target,
    TargetKind,
    judge,
    overall,
    path_value,
    rule_text,
    target_value,
)
from .status import (
    Observation as Point,
)
from .wording import read_target


def indicators_visible(user: Any, organisation: Any = None) -> QuerySet[Indicator]:
    """KPIs of the organisation and of published plans; a plan's team also sees those of
    its unpublished plan."""
    qs = Indicator.objects.select_related("organisation", "plan", "register").prefetch_related(
        "targets",
        Prefetch("observations", queryset=Observation.objects.order_by("period_end")),
        "objectives",
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.filter(visibility.plans_or_none(user, "plan"))


@dataclass
class KpiView:
    indicator: Indicator
    targets: list[Target]
    target: Target | None  # the one the status is judged against
    judged: list[Judged]
    status: Status
    rule: str
    baseline_period: periods.Period | None

    @property
    def latest(self) -> Judged | None:
        return self.judged[-1] if self.judged else None

    @property
    def off_track(self) -> bool:
        return self.status in BAD

    @property
    def direction_text(self) -> str:
        return DIRECTION_TEXT[Direction(self.indicator.direction)]

    def path(self) -> list[tuple[str, Decimal]]:
        """The straight line from the baseline to the target, at each observation and the due
        period, for the chart."""
        goal = self.goal
        base = self.indicator.baseline_value
        if goal is None or base is None or self.baseline_period is None or not self.target:
            return []
        due = self.target.due
        if due is None:
            return []
        points = [(self.baseline_period.label, Decimal(base))]
        for j in self.judged:
            if self.baseline_period.end < j.period.end < due.end:
                points.append((j.period.label, path_value(Decimal(base), self.baseline_period,
                                                          goal, due, j.period)))  # fmt: skip
        points.append((due.label, goal))
        return points

    @property
    def retired(self) -> bool:
        return self.indicator.retired_on is not None

    def missing(self) -> list[str]:
        """What the KPI lacks to be given a status other than "no data", in words."""
        i, target = self.indicator, self.target
        out = []
        if target is None:
            out.append("a target")
        elif target.kind is TargetKind.CHANGE and i.baseline_value is None:
            out.append("a baseline value (its target is a change against the baseline)")
        if not self.judged:
            out.append("a value")
        elif (
            target is not None
            and target.kind in (TargetKind.YEAR_ON_YEAR, TargetKind.MAINTAIN)
            and len(self.judged) < 2
            and not i.measures_change
        ):
            out.append("a value for an earlier period to compare with")
        return out

    def path_missing(self) -> str:
        """Why no path to the target is drawn, when the target has a date."""
        i, target = self.indicator, self.target
        if target is None or target.due is None or self.goal is None:
            return ""
        if i.baseline_value is None:
            return "a baseline value"
        if self.baseline_period is None:
            return "a baseline period"
        return ""

    @property
    def goal(self) -> Decimal | None:
        if self.target is None:
            return None
        base = self.indicator.baseline_value
        return target_value(self.target, None if base is None else Decimal(base))


def _targets(indicator: Indicator) -> list[Target]:
    """Every target, as written: one no rule reads is kept as words (not measurable)."""
    return [read_target(t.text, t.due) for t in indicator.targets.all()]


def _primary(targets: list[Target], latest: periods.Period | None) -> Target | None:
    """The first target still ahead of the latest observation; else the last one due."""
    if not targets:
        return None
    dated = sorted((t for t in targets if t.due), key=lambda t: t.due)  # type: ignore[arg-type, return-value]
    if latest is not None:
        for t in dated:
            if t.due and t.due.end >= latest.end:
                return t
    undated = [t for t in targets if not t.due]
    return undated[0] if undated else dated[-1]


def kpi_view(indicator: Indicator) -> KpiView:
    targets = _targets(indicator)
    points = [
        Point(periods.Period(o.period_start, o.period_end, periods.parse(o.period).kind), o.value)
        for o in indicator.observations.all()
    ]
    latest = max((p.period for p in points), default=None)
    target = _primary(targets, latest)
    direction = Direction(indicator.direction)
    try:
        base_period = (
            periods.parse(indicator.baseline_period) if indicator.baseline_period else None
        )
    except periods.PeriodError:
        base_period = None
    base = indicator.baseline_value
    judged = judge(
        points, target, direction,
        baseline=None if base is None else Decimal(base), baseline_period=base_period,
        measures_change=indicator.measures_change,
    )  # fmt: skip
    return KpiView(
        indicator, targets, target, judged, overall(judged, target),
        rule_text(target, direction, measures_change=indicator.measures_change), base_period,
    )  # fmt: skip


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def kpi_data(view: KpiView) -> dict[str, Any]:
    """JSON for snapshots, exports and the API."""
    i = view.indicator
    notes = {o.period: o for o in i.observations.all()}
    return {
        "slug": i.slug,
        "title": i.title,
        "organisation": i.organisation.name,
        "plan": i.plan.slug if i.plan else None,
        "unit": i.unit,
        "direction": i.direction,
        "values_are_changes": i.measures_change,
        "baseline": {"value": number(i.baseline_value), "period": i.baseline_period or None},
        "targets": [{"text": t.text, "due": t.due or None} for t in i.targets.all()],
        "target": view.target.text if view.target else None,
        "status": view.status.value,
        "rule": view.rule,
        "objectives": [o.code for o in i.objectives.all()],
        "derived": i.derived or None,
        "retired": {"on": i.retired_on.isoformat(), "reason": i.retired_reason}
        if i.retired_on
        else None,
        "observations": [
            {
                "period": j.period.label,
                "value": float(j.value),
                "status": j.status.value,
                "compared_with": number(j.expected),
                "note": notes[j.period.label].note if j.period.label in notes else "",
                "estimated": notes[j.period.label].estimated if j.period.label in notes else False,
                "source": notes[j.period.label].source if j.period.label in notes else "",
            }
            for j in view.judged
        ],
    }
