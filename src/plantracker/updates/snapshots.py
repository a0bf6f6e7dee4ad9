"""Snapshots: a plan's actions and updates frozen as they stood when a period was
published. Public pages and every report for a published period read the snapshot, so
they come out the same however the plan is edited later.

The data is plain JSON:

    {"format": "plantracker-snapshot/1", "label": "December 2023",
     "plan": {...}, "period": {...} | None, "themes": [...],
     "actions": [{<the action's fields as in the JSON export>, "revised_end": "2024-09",
                  "narrative": "...", "narrative_period": "December 2023",
                  "rag_reason": "..."}],
     "risks": [<each of the plan's risk registers as in its JSON export>],
     "kpis": [<each of the plan's KPIs as in its JSON export, with its status then>],
     "carbon": [<each roadmap that the plan's actions deliver, as in its JSON export>]}

Snapshots taken before risks and KPIs joined them have neither key; readers use .get().
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from plantracker.plans.models import Action, Plan
from plantracker.reports.plan_data import action_data, month

from .models import ProgressUpdate, ReportingPeriod, Snapshot
from .workflow import Status

FORMAT = "plantracker-snapshot/1"
NOW = "now"
NOW_LABEL = "Now (not yet published)"
PENDING = (Status.SUBMITTED, Status.APPROVED)


def _actions(plan: Plan) -> list[Action]:
    return list(
        plan.actions.select_related("theme")
        .prefetch_related(
            "partners",
            "objectives",
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("period")),
        )
        .order_by("position", "id")
    )


def period_data(period: ReportingPeriod | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {
        "label": period.label,
        "slug": period.slug,
        "position": period.position,
        "due": period.due.isoformat() if period.due else None,
        "meeting": period.meeting,
        "meeting_date": period.meeting_date.isoformat() if period.meeting_date else None,
        "report_of": period.report_of,
    }


def build(
    plan: Plan, period: ReportingPeriod | None = None, read: list[Action] | None = None
) -> dict[str, Any]:
    """The plan as it stands at `period` (published updates up to it), or with no period,
    as it stands now including updates submitted or approved but not yet published. `read`:
    the plan's actions as `_actions` reads them, when the caller already has them."""
    plan = Plan.objects.select_related("organisation").get(pk=plan.pk)
    upto = period.position if period else None
    actions = []
    for a in _actions(plan) if read is None else read:
        row = action_data(a, with_updates=False)
        row["revised_end"] = month(a.revised_end)
        updates = sorted(a.updates.all(), key=lambda u: (u.period.position, u.period.pk))
        published = [
            u
            for u in updates
            if u.status == Status.PUBLISHED and (upto is None or u.period.position <= upto)
        ]
        latest = published[-1] if published else None
        this = next((u for u in updates if period and u.period_id == period.pk), None)
        if period is None:
            pending = [u for u in updates if u.status in PENDING]
            if pending:
                this = latest = pending[-1]
                row["revised_end"] = month(this.revised_end) or row["revised_end"]
        if this is not None and period is not None and this.status != Status.PUBLISHED:
            this = None  # a draft or returned update of a published period stays unpublished
        if this is not None:
            row["stage"] = this.stage or row["stage"]
            row["rag"] = this.rag or row["rag"]
        row["narrative"] = latest.narrative if latest else ""
        row["narrative_period"] = latest.period.label if latest else None
        row["rag_reason"] = this.rag_reason if this is not None else ""
        actions.append(row)
    return {
        "format": FORMAT,
        "label": period.label if period else NOW_LABEL,
        "plan": {
            "slug": plan.slug,
            "title": plan.title,
            "organisation": plan.organisation.name,
            "period": plan.period or None,
        },
        "period": period_data(period),
        "themes": list(plan.themes.values_list("name", flat=True)),
        "actions": actions,
        "risks": _registers(plan),
        "kpis": _kpis(plan),
        "carbon": _carbon(plan),
    }


def _registers(plan: Plan) -> list[dict[str, Any]]:
    from plantracker.risks.selectors import register_data, register_view

    return [register_data(register_view(r)) for r in plan.risk_registers.order_by("title")]


def _kpis(plan: Plan) -> list[dict[str, Any]]:
    from plantracker.indicators.selectors import indicators_visible, kpi_data, kpi_view

    qs = indicators_visible(None).filter(plan=plan).order_by("position", "title")
    return [kpi_data(kpi_view(i)) for i in qs]


def _carbon(plan: Plan) -> list[dict[str, Any]]:
    """Each roadmap with a workstream delivered by this plan's actions."""
    from plantracker.carbon.exports import roadmap_data
    from plantracker.carbon.models import Roadmap
    from plantracker.carbon.selectors import roadmap_view

    found = Roadmap.objects.filter(workstreams__actions__plan=plan).distinct().order_by("title")
    return [roadmap_data(roadmap_view(r)) for r in found.select_related("organisation")]


def snapshot_create(
    period: ReportingPeriod, user: Any = None, actions: list[Action] | None = None
) -> Snapshot:
    """`actions`: the plan's actions as `_actions` reads them, when the caller has them."""
    snap, _ = Snapshot.objects.update_or_create(
        period=period,
        defaults={"data": build(period.plan, period, actions), "created_by": user},
    )
    return snap


@transaction.atomic
def snapshots_ensure(plan: Plan) -> list[Snapshot]:
    """Freeze the published periods that have no snapshot yet (periods that came in with
    an imported sheet were published by the council before they reached us)."""
    missing = list(
        plan.periods.filter(status=ReportingPeriod.Status.PUBLISHED, snapshot__isnull=True)
    )
    actions = _actions(plan) if missing else []  # read once for every period
    return [snapshot_create(p, actions=actions) for p in missing]


def snapshot_data(period: ReportingPeriod) -> dict[str, Any]:
    """The frozen data of a published period; the live data of any other."""
    snap = Snapshot.objects.filter(period=period).first()
    if snap is not None:
        return snap.data  # type: ignore[no-any-return]
    return build(period.plan, period)


def previous_published(period: ReportingPeriod) -> ReportingPeriod | None:
    return (
        period.plan.periods.filter(
            status=ReportingPeriod.Status.PUBLISHED, position__lt=period.position
        )
        .order_by("-position")
        .first()
    )


def latest_published(plan: Plan) -> ReportingPeriod | None:
    return (
        plan.periods.filter(status=ReportingPeriod.Status.PUBLISHED).order_by("-position").first()
    )
