"""Importing an organisation's KPIs, risk register or emissions from the web: upload, a check
that shows each column and what it was taken as, a choice for the columns it did not know
(remembered for the next file of the same layout), then the import itself, all by the worker."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.imports.jobs import UploadRefused, import_again, table_import_queue
from plantracker.imports.kinds import TABLE_KINDS, remember
from plantracker.imports.models import ImportJob

from ..forms.imports import ColumnsForm, TableImportForm
from .common import require
from .imports import RECENT, job_waiting, queued_message


def _organisation(request: HttpRequest, org: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_import_tables(request.user, organisation))
    return organisation


@require_http_methods(["GET", "POST"])
def table_import(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    plans = [(p.slug, p.title) for p in organisation.plans.all()]  # type: ignore[attr-defined]
    form = TableImportForm(request.POST or None, request.FILES or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        try:
            job = table_import_queue(
                organisation=organisation,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                options=form.options(),
                check_only=form.cleaned_data["check_only"],
                user=request.user,
            )
        except UploadRefused as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, queued_message(job))
            return redirect("table-import-job", organisation.slug, job.pk)
    jobs = organisation.import_jobs.select_related("requested_by")[:RECENT]  # type: ignore[attr-defined]
    context = {"organisation": organisation, "form": form, "jobs": jobs}
    return render(request, "web/table_import.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def table_import_job(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, org)
    job = get_object_or_404(
        ImportJob.objects.select_related("requested_by"), pk=pk, organisation=organisation
    )
    fields = TABLE_KINDS[job.kind].fields
    columns = ColumnsForm(request.POST or None, columns=job.columns, fields=fields)
    if request.method == "POST":
        check = "check-again" in request.POST
        if check and not columns.is_valid():
            return _job_page(request, organisation, job, columns, status=400)
        try:
            with transaction.atomic():
                chosen = columns.chosen() if check else None
                if chosen:
                    remember(organisation=organisation, kind=job.kind, chosen=chosen,
                             user=request.user)  # fmt: skip
                again = import_again(checked=job, user=request.user, check_only=check,
                                     maps={**job.maps, **(chosen or {})})  # fmt: skip
        except UploadRefused as exc:
            messages.error(request, str(exc))
            return redirect("table-import-job", organisation.slug, job.pk)
        messages.success(request, queued_message(again))
        return redirect("table-import-job", organisation.slug, again.pk)
    return _job_page(request, organisation, job, columns)


def _job_page(
    request: HttpRequest,
    organisation: Organisation,
    job: ImportJob,
    columns: ColumnsForm,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {"organisation": organisation, "job": job, "columns": columns,
               **job_waiting(request, job)}  # fmt: skip
    return render(request, "web/table_import_job.html", context, status=status)
