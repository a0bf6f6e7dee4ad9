"""Reads of reports prepared in the background."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from plantracker.core import visibility
from plantracker.updates.models import ReportingPeriod

from .models import PreparedReport

LISTED = 10  # the period page lists the latest ten


def prepared_visible(period: ReportingPeriod, user: Any) -> QuerySet[PreparedReport]:
    """The period's prepared reports `user` may see, newest first: previews (made before the
    period was published) and those still being made or failed stay with the plan's team."""
    found = PreparedReport.objects.filter(visibility.prepared_reports(user), period=period)
    return found.select_related("requested_by")


def prepared_find(period: ReportingPeriod, pk: int, user: Any) -> PreparedReport | None:
    """One prepared report `user` may see, ready or not."""
    return prepared_visible(period, user).filter(pk=pk).first()


def prepared_get(period: ReportingPeriod, pk: int, user: Any) -> PreparedReport | None:
    return prepared_visible(period, user).filter(pk=pk, status=PreparedReport.Status.READY).first()
