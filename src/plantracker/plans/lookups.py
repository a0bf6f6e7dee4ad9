"""Finding the plan a command names, with a message that lists what there is instead."""

from __future__ import annotations

from django.core.management.base import CommandError

from .models import Plan


def plan_or_error(slug: str) -> Plan:
    plan = Plan.objects.select_related("organisation").filter(slug=slug).first()
    if plan is None:
        slugs = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none yet"
        raise CommandError(f"There is no plan '{slug}'. Plans: {slugs}.")
    return plan
