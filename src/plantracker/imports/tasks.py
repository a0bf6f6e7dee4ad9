"""Imports carried out by the task worker (`plantracker db_worker`), not in a web request."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.tasks import TaskContext, task
from django.utils import timezone

from plantracker.worker.attempts import (
    WORKER_STOPPED_FAILED,
    WorkerStopped,
    out_of_attempts,
    worker_stops,
)

from .models import ImportJob
from .report_text import report_lines
from .services import plan_import

CHECKED = "Nothing was written: this was a check."


@task(takes_context=True)
def run_import(context: TaskContext, job_id: int) -> str:
    """Check or import the uploaded file into its plan, exactly as `plantracker import` does
    (one transaction: everything or nothing), and keep what was found on the job. Run again
    if a worker died running it (nothing was written then), up to a limit."""
    job = ImportJob.objects.select_related("plan").get(pk=job_id)
    if job.finished_at:  # a worker died after finishing it, before the queue was told
        return job.status
    job.worker_stops = worker_stops(context)
    if out_of_attempts(context):
        job.status = ImportJob.Status.FAILED
        job.problems = [WORKER_STOPPED_FAILED]
        job.finished_at = timezone.now()
        job.save()
        raise WorkerStopped(WORKER_STOPPED_FAILED)
    if job.worker_stops:
        job.save(update_fields=["worker_stops"])
    try:
        with tempfile.TemporaryDirectory(prefix="plantracker-import-") as work:
            path = Path(work) / Path(job.name).name  # the importers read the file's suffix
            with job.file.open("rb") as stored, path.open("wb") as out:
                shutil.copyfileobj(stored, out)
            report = plan_import(
                path=path,
                plan_slug=job.plan.slug,
                period=job.period or None,
                dry_run=job.check_only,
            )
        job.lines = report_lines(report, dry_run_note=CHECKED)
        job.problems = report.problems
        job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.REFUSED
    except Exception as exc:
        job.status = ImportJob.Status.FAILED
        job.problems = [
            f"{type(exc).__name__}: {exc}. Nothing was written; tell your administrator."
        ]
        raise
    finally:
        job.finished_at = timezone.now()
        job.save()
    return job.status
