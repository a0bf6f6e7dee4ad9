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

from .kinds import TABLE_KINDS, column_maps
from .models import NEWER_VALUES, OVERWRITE_NEWER, ImportJob
from .report_text import report_lines
from .services import plan_import

CHECKED = "Nothing was written: this was a check."


@task(takes_context=True)
def run_import(context: TaskContext, job_id: int) -> str:
    """Check or import the uploaded file into its plan, exactly as `plantracker import` does
    (one transaction: everything or nothing), and keep what was found on the job. Run again
    if a worker died running it (nothing was written then), up to a limit."""
    job = ImportJob.objects.select_related("plan", "organisation").get(pk=job_id)
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
            if job.kind in TABLE_KINDS:
                _table_import(job, path)
            else:
                _plan_import(job, path)
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


def _plan_import(job: ImportJob, path: Path) -> None:
    assert job.plan is not None
    report = plan_import(
        path=path,
        plan_slug=job.plan.slug,
        period=job.period or None,
        dry_run=job.check_only,
        overwrite_newer=bool(job.options.get(OVERWRITE_NEWER)),
    )
    job.lines = report_lines(report, dry_run_note=CHECKED)
    job.problems = report.problems
    job.options = {**job.options, NEWER_VALUES: report.newer_values}
    job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.REFUSED


def _table_import(job: ImportJob, path: Path) -> None:
    """An organisation's table, read with the columns its editors chose before and for this
    file; what each column was taken as is kept for the check page."""
    assert job.organisation is not None
    maps = column_maps(job.organisation, job.kind, job.maps)
    result = TABLE_KINDS[job.kind].run(path, job.organisation, job.options, maps, job.check_only)
    lines = [line.strip() for line in result.lines(columns=False)[1:]]
    job.lines = [*lines, *([CHECKED] if job.check_only else [])]
    job.problems = result.problems
    job.columns = [column for table in result.tables for column in table.described()]
    job.status = ImportJob.Status.DONE if result.ok else ImportJob.Status.REFUSED
