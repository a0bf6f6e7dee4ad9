"""Finding what a command names, with a message that lists what there is instead."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.text import slugify

from plantracker.plans.models import Plan
from plantracker.updates.models import ReportingPeriod


def plan_or_error(slug: str) -> Plan:
    plan = Plan.objects.select_related("organisation").filter(slug=slug).first()
    if plan is None:
        slugs = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none yet"
        raise CommandError(f"There is no plan '{slug}'. Plans: {slugs}.")
    return plan


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


def write_output(data: bytes, output: Path | None, *, binary: bool) -> str | None:
    """Write to a file (whole or not at all), or to standard output for text formats."""
    if output is None:
        if binary and sys.stdout.isatty():
            raise CommandError("This format cannot be shown here: give --output FILE.")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return None
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise CommandError(f"Could not write {output}: {e.strerror}.") from None
    return f"Wrote {output} ({len(data):,} bytes)."
