"""Recording a KPI's value by hand (the importer does the same for whole tables)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from plantracker.core import permissions
from plantracker.updates.services import Invalid, NotAllowed

from . import periods
from .models import Indicator, Observation
from .status import TargetError, parse_value


@transaction.atomic
def observation_record(
    *,
    indicator: Indicator,
    user: Any,
    period: str,
    value: str,
    note: str = "",
    estimated: bool = False,
    source: str = "",
) -> tuple[Observation, bool]:
    """Add the value for a period, or correct the one already there (its history is kept).
    Returns the observation and whether it was new."""
    if not permissions.can_record_kpi(user, indicator):
        raise NotAllowed("Only the KPI's editors and administrators can record its values.")
    if indicator.derived:
        raise NotAllowed(
            "This KPI is counted from published snapshots of its risk register; its values "
            "change when the register is re-scored and a period is published."
        )
    errors: dict[str, str] = {}
    try:
        p = periods.parse(period)
    except periods.PeriodError as exc:
        errors["period"] = f"{exc}."
    try:
        number, _ = parse_value(value)
    except TargetError:
        number = None
    if number is None:
        errors["value"] = f"'{value}' is not a number. Write it like 64.2 or -3.85."
    if errors:
        raise Invalid(errors)
    obs, created = Observation.objects.update_or_create(
        indicator=indicator,
        period=p.label,
        defaults={
            "period_start": p.start,
            "period_end": p.end,
            "value": number,
            "note": note.strip(),
            "estimated": estimated,
            "source": source.strip(),
            "derived": False,
        },
    )
    return obs, created
