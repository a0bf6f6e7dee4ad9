"""Asking for a report to be prepared in the background."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from plantracker.updates.models import ReportingPeriod

from .models import PreparedReport

FORMATS = {"pdf": "PDF", "docx": "Word"}


def report_prepare(*, period: ReportingPeriod, fmt: str, user: Any) -> PreparedReport:
    """Queue the committee report for the worker; it is enqueued once the request's
    transaction has committed, so the worker always finds the row."""
    from .tasks import prepare_report

    if fmt not in FORMATS:
        raise ValueError(f"Reports are prepared as {', '.join(FORMATS)}, not {fmt}.")
    # A preview unless made from a published period; the worker decides again when it starts.
    prepared = PreparedReport.objects.create(
        period=period,
        fmt=fmt,
        requested_by=user,
        preview=period.status != ReportingPeriod.Status.PUBLISHED,
    )
    transaction.on_commit(lambda: prepare_report.enqueue(prepared.pk))
    return prepared
