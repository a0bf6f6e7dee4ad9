"""KPIs computed from snapshots: "number of risks scoring 15 or more" gets one observation per
published snapshot holding its register, counted from the risks as they stood then."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from plantracker.risks.selectors import count_at_or_above
from plantracker.updates.models import ReportingPeriod, Snapshot

from . import periods
from .models import Indicator, Observation


def _period(label: str, due: str | None) -> periods.Period | None:
    try:
        return periods.parse(label)
    except periods.PeriodError:
        if due:
            y, m, _ = (int(x) for x in due.split("-"))
            return periods.month(y, m)
    return None


@transaction.atomic
def refresh(indicator: Indicator) -> int:
    """Rewrite the derived observations from the published snapshots; returns how many."""
    if indicator.derived != Indicator.Derived.HIGH_RISKS or indicator.register is None:
        return 0
    register = indicator.register
    threshold = indicator.threshold or 15
    wanted: dict[str, tuple[periods.Period, int]] = {}
    if register.plan_id:
        snaps = Snapshot.objects.filter(
            period__plan_id=register.plan_id, period__status=ReportingPeriod.Status.PUBLISHED
        ).select_related("period")
        for snap in snaps:
            held = [r for r in snap.data.get("risks", []) if r.get("slug") == register.slug]
            period = _period(snap.period.label, (snap.data.get("period") or {}).get("due"))
            if held and period is not None:
                wanted[period.label] = (period, count_at_or_above(held[0]["risks"], threshold))
    indicator.observations.filter(derived=True).exclude(period__in=wanted).delete()
    for label, (period, count) in wanted.items():
        Observation.objects.update_or_create(
            indicator=indicator,
            period=label,
            defaults={
                "period_start": period.start,
                "period_end": period.end,
                "value": Decimal(count),
                "derived": True,
                "source": f"Counted from the {register.title} as published for {label}",
            },
        )
    return len(wanted)


def refresh_for_plan(plan_id: int) -> None:
    for indicator in Indicator.objects.filter(
        derived=Indicator.Derived.HIGH_RISKS, register__plan_id=plan_id
    ).select_related("register"):
        refresh(indicator)
