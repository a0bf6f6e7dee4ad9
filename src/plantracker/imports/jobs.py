"""Asking for an import on the web: the upload is checked, kept in file storage and queued
for the task worker, which does the work (see tasks.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from plantracker.core.models import Organisation
from plantracker.plans.models import Plan

from .limits import max_bytes
from .models import OVERWRITE_NEWER, ImportJob

SUFFIXES = (".xlsx", ".csv", ".tsv", ".txt")


class UploadRefused(ValueError):
    """The upload is not queued; the message says why and what to do."""


def upload_problem(upload: UploadedFile | None) -> str | None:
    if upload is None:
        return "Choose a spreadsheet to upload."
    name = upload.name or ""
    if Path(name).suffix.lower() not in SUFFIXES:
        return (
            f"{name or 'The file'} is not a file Plan Tracker reads: upload an Excel workbook "
            "(.xlsx), a CSV (.csv) or a tab-separated file (.tsv or .txt). An older .xls "
            "workbook can be saved as .xlsx from Excel."
        )
    if upload.size and upload.size > max_bytes():
        return (
            f"{name} is {upload.size / 1024 / 1024:.1f} MB; the largest file accepted is "
            f"{max_bytes() / 1024 / 1024:.0f} MB. Split it into smaller files."
        )
    if not upload.size:
        return f"{name} is empty."
    return None


def import_queue(
    *, plan: Plan, upload: UploadedFile | None, period: str, check_only: bool, user: Any
) -> ImportJob:
    """Keep the file and queue it; the worker is told once the row is committed."""
    if problem := upload_problem(upload):
        raise UploadRefused(problem)
    assert upload is not None
    job = ImportJob(
        plan=plan,
        name=Path(upload.name or "upload").name[:255],
        period=period.strip()[:100],
        check_only=check_only,
        requested_by=user,
    )
    job.file.save(job.name, upload, save=False)
    job.save()
    _enqueue(job)
    return job


def table_import_queue(
    *,
    organisation: Organisation,
    kind: str,
    upload: UploadedFile | None,
    options: dict[str, str],
    check_only: bool,
    user: Any,
) -> ImportJob:
    """An organisation's KPIs, risk register or emissions (imports/kinds.py), kept and queued."""
    if problem := upload_problem(upload):
        raise UploadRefused(problem)
    assert upload is not None
    job = ImportJob(
        organisation=organisation,
        kind=kind,
        options=options,
        name=Path(upload.name or "upload").name[:255],
        check_only=check_only,
        requested_by=user,
    )
    job.file.save(job.name, upload, save=False)
    job.save()
    _enqueue(job)
    return job


def import_again(
    *,
    checked: ImportJob,
    user: Any,
    check_only: bool = False,
    maps: dict[str, str] | None = None,
    overwrite_newer: bool = False,
) -> ImportJob:
    """Import the file a clean check was made of, without uploading it again; or (with
    `check_only`) check it again with the columns the person chose (`maps`). A plan's file
    replaces values changed since it was exported only with `overwrite_newer`."""
    if not check_only and not checked.can_import:
        raise UploadRefused("Only a file whose check finished without problems can be imported.")
    if checked.waiting:
        raise UploadRefused("The file is still waiting for the background worker.")
    job = ImportJob.objects.create(
        plan=checked.plan,
        organisation=checked.organisation,
        kind=checked.kind,
        options=_with_overwrite(checked, overwrite_newer),
        maps=checked.maps if maps is None else maps,
        file=checked.file.name,
        name=checked.name,
        period=checked.period,
        check_only=check_only,
        requested_by=user,
    )
    _enqueue(job)
    return job


def _with_overwrite(checked: ImportJob, overwrite_newer: bool) -> dict[str, Any]:
    options = {k: v for k, v in checked.options.items() if k != OVERWRITE_NEWER}
    if checked.plan_id is not None and overwrite_newer:
        options[OVERWRITE_NEWER] = True
    return options


def _enqueue(job: ImportJob) -> None:
    from .tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job.pk))


def jobs_ahead(job: ImportJob) -> int:
    """How many files still waiting were sent before this one (the worker takes them in turn)."""
    return ImportJob.objects.filter(status=ImportJob.Status.QUEUED, pk__lt=job.pk).count()
