"""Changing an organisation's carbon records on their pages: the inventory's sources and
yearly figures, the baseline year, carbon targets, roadmaps and their workstreams. Every
change is kept in the record's history with who made it (and, for a corrected figure, why)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify

from plantracker.core.models import Organisation
from plantracker.indicators import periods

from .models import CarbonProfile, EmissionRecord, Roadmap

REASON_MAX = 2000


class NeedsReason(ValueError):
    """A figure already recorded is being changed without saying why."""


def saved[M: Model](record: M, user: Any, reason: str = "") -> M:
    record._history_user = user  # type: ignore[attr-defined]
    if reason:
        record._change_reason = reason[:100]  # type: ignore[attr-defined]
    record.save()
    return record


def profile_for(organisation: Organisation) -> CarbonProfile:
    found = CarbonProfile.objects.filter(organisation=organisation).first()
    return found or CarbonProfile(organisation=organisation)


def year_of(period: str) -> int:
    """The year a financial year ends in (2018-19 → 2019), as the inventory files it."""
    return periods.parse(period).end.year


@transaction.atomic
def record_save(record: EmissionRecord, *, before: Decimal | None, reason: str, user: Any) -> str:
    """Add a year's figure, or correct one: a corrected tCO2e needs a reason, and the earlier
    figure stays in the history. Returns what happened, for the page's message."""
    reason = reason.strip()
    corrected = before is not None and record.tco2e != before
    if corrected and not reason:
        raise NeedsReason(
            f"Say why the {record.period} figure changes from {before.normalize():,f} t: the "
            "earlier figure is kept in the history with your reason."
        )
    if corrected:
        stamp = f"Corrected from {before.normalize():,f} tCO2e: {reason}"
        record.note = f"{record.note}\n{stamp}".strip() if record.note else stamp
    record.year = year_of(record.period)
    saved(record, user, f"Corrected: {reason}" if corrected else "")
    if corrected:
        return f"The {record.period} figure was corrected. The earlier one is in its history."
    return f"The {record.period} figure was saved."


def figure_history(record: EmissionRecord) -> list[dict[str, Any]]:
    """Each figure the record has held, newest first, with who changed it and why."""
    rows = []
    for h in record.history.select_related("history_user").order_by("-history_date"):  # type: ignore[attr-defined]
        rows.append({"tco2e": h.tco2e, "quality": h.get_quality_display(),
                     "when": h.history_date, "who": h.history_user,
                     "why": h.history_change_reason or ""})  # fmt: skip
    return rows


def roadmap_slug(organisation: Organisation, title: str) -> str:
    base = slugify(title)[:100] or "roadmap"
    slug, n = base, 2
    while Roadmap.objects.filter(organisation=organisation, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
