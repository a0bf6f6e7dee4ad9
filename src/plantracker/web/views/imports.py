"""Importing a plan's spreadsheet from the web: upload, checked and imported by the worker."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.imports.jobs import UploadRefused, import_again, import_queue, jobs_ahead
from plantracker.imports.models import ImportJob

from ..forms.imports import ImportForm
from .common import plan_or_404, require
from .waiting import waiting_context

RECENT = 20


@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_queue(
                plan=plan,
                upload=form.cleaned_data["file"],
                period=form.cleaned_data["period"],
                check_only=form.cleaned_data["check_only"],
                user=request.user,
            )
        except UploadRefused as exc:  # wrong type, too big, empty: said on the field
            form.add_error("file", str(exc))
        else:
            messages.success(request, queued_message(job))
            return redirect("import-job", plan.slug, job.pk)
    jobs = plan.import_jobs.select_related("requested_by")[:RECENT]
    status = 400 if form.errors else 200
    return render(
        request, "web/plan_import.html", {"plan": plan, "form": form, "jobs": jobs}, status=status
    )


@require_http_methods(["GET", "POST"])
def import_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    job = get_object_or_404(ImportJob.objects.select_related("requested_by"), pk=pk, plan=plan)
    if request.method == "POST":
        try:
            again = import_again(
                checked=job,
                user=request.user,
                overwrite_newer=request.POST.get("overwrite_newer") == "yes",
            )
        except UploadRefused as exc:
            messages.error(request, str(exc))
            return redirect("import-job", plan.slug, job.pk)
        messages.success(request, queued_message(again))
        return redirect("import-job", plan.slug, again.pk)
    context = {"plan": plan, "job": job, **job_waiting(request, job)}
    return render(request, "web/import_job.html", context)


def job_waiting(request: HttpRequest, job: ImportJob) -> dict[str, object]:
    """The page updates itself while the job waits; says the outcome when it is done."""
    return {
        **waiting_context(
            request, waiting=job.waiting, news=f"{job.name}: {job.get_status_display()}."
        ),
        "ahead": jobs_ahead(job) if job.waiting else 0,
    }


def queued_message(job: ImportJob) -> str:
    verb = "checked" if job.check_only else "imported"
    return (
        f"{job.name} will be {verb} in the background. "
        "This page shows how it went as soon as it is done."
    )
