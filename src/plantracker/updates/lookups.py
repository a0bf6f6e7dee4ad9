"""Finding the period a command names, with a message that lists what there is instead."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.text import slugify

from plantracker.plans.models import Plan

from .models import ReportingPeriod


def period_or_error(plan: Plan, label: str) -> ReportingPeriod:
    """A period by its label ("March 2024", any case) or its slug ("march-2024")."""
    found = (
        plan.periods.filter(label__iexact=label.strip()).first()
        or plan.periods.filter(slug=slugify(label)).first()
    )
    if found is None:
        labels = ", ".join(f'"{p}"' for p in plan.periods.values_list("label", flat=True))
        raise CommandError(
            f"Plan '{plan.slug}' has no period '{label}'. Periods: {labels or 'none yet'}."
        )
    return found
