"""Work done by the task worker (`plantracker db_worker`), not in a web request."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.tasks import TaskContext, task
from django.utils import timezone

from plantracker.updates.models import ReportingPeriod
from plantracker.worker.attempts import (
    WORKER_STOPPED_FAILED,
    WorkerStopped,
    out_of_attempts,
    worker_stops,
)

from .committee import committee_report
from .committee_formats import RENDERERS, filename
from .models import PreparedReport


@task(takes_context=True)
def prepare_report(context: TaskContext, prepared_id: int) -> str:
    """Render the committee report and keep it in file storage; a failure is recorded on the
    request so the person who asked sees it, and raised again for the worker's log. Begun
    again if a worker died making it, up to a limit."""
    prepared = PreparedReport.objects.select_related("period__plan").get(pk=prepared_id)
    if prepared.finished_at:  # a worker died after finishing it, before the queue was told
        return prepared.file.name
    prepared.worker_stops = worker_stops(context)
    if out_of_attempts(context):
        prepared.status = PreparedReport.Status.FAILED
        prepared.error = WORKER_STOPPED_FAILED
        prepared.finished_at = timezone.now()
        prepared.save()
        raise WorkerStopped(WORKER_STOPPED_FAILED)
    if prepared.worker_stops:
        prepared.save(update_fields=["worker_stops"])
    period = prepared.period
    # Read before the report is made: a period published meanwhile still gets a preview.
    prepared.preview = period.status != ReportingPeriod.Status.PUBLISHED
    try:
        report = committee_report(period.plan, period)
        data = RENDERERS[prepared.fmt](report)
        prepared.file.save(filename(report, prepared.fmt), ContentFile(data), save=False)
        prepared.status = PreparedReport.Status.READY
    except Exception as exc:
        prepared.status = PreparedReport.Status.FAILED
        prepared.error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        prepared.finished_at = timezone.now()
        prepared.save()
    return prepared.file.name
