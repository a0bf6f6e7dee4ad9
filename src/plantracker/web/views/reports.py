"""Committee report downloads for a period, and reports prepared in the background."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from plantracker.core import permissions
from plantracker.plans.models import Plan
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import CONTENT_TYPES, RENDERERS, filename
from plantracker.reports.models import PreparedReport
from plantracker.reports.selectors import prepared_find, prepared_get
from plantracker.reports.services import FORMATS, report_prepare
from plantracker.updates.models import ReportingPeriod

from .common import period_or_404, plan_or_404, require
from .waiting import waiting_context

# The HTML report is one self-contained document (its own style sheet, charts as data: images)
# so that it can be saved, emailed and opened offline as it is. It runs no script at all; it
# may use its own inline styles and nothing else.
STANDALONE_DOCUMENT_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}


def _reported_period(request: HttpRequest, slug: str, period: str) -> tuple[Plan, ReportingPeriod]:
    """The plan and period whose reports are asked for: a published period's are public, an
    unpublished one's (previews) only for the plan's team."""
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    if found.status != "published":
        require(permissions.can_see_unpublished(request.user, plan))
    return plan, found


@csp_override(STANDALONE_DOCUMENT_CSP)
def period_report(request: HttpRequest, slug: str, period: str, fmt: str) -> HttpResponse:
    plan, found = _reported_period(request, slug, period)
    if fmt not in RENDERERS:
        raise Http404("No such format")
    since = None
    if request.GET.get("since"):
        since = plan.periods.filter(slug=request.GET["since"], status="published").first()
        if since is None or since.position >= found.position:
            raise Http404("Compare with an earlier published period")
    report = committee_report(plan, found, since)
    response = HttpResponse(RENDERERS[fmt](report), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(report, fmt)}"'
    return response


@require_POST
def period_prepare(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Queue the PDF or Word report for the task worker (for plans too big to wait for)."""
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    require(permissions.can_see_unpublished(request.user, plan))
    fmt = request.POST.get("format", "")
    if fmt not in FORMATS:
        raise Http404("No such format")
    prepared = report_prepare(period=found, fmt=fmt, user=request.user)
    messages.success(
        request,
        f"The {FORMATS[fmt]} report is being prepared. This page shows it as soon as it is "
        "ready; it is also listed under “Prepared reports” on the period's page.",
    )
    return redirect("prepared-progress", plan.slug, found.slug, prepared.pk)


def prepared_progress(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    """A report being prepared: its progress, updated without a reload, then its download."""
    plan, found = _reported_period(request, slug, period)
    prepared = prepared_find(found, pk, request.user)
    if prepared is None:
        raise Http404("No such report")
    label = FORMATS.get(prepared.fmt, prepared.fmt)
    news = (
        f"The {label} report is ready to download."
        if prepared.status == PreparedReport.Status.READY
        else f"The {label} report {prepared.get_status_display().lower()}."
    )
    waiting = prepared.status == PreparedReport.Status.QUEUED
    context = {
        "plan": plan,
        "period": found,
        "prepared": prepared,
        "label": label,
        "insider": permissions.can_see_unpublished(request.user, plan),
        **waiting_context(request, waiting=waiting, news=news),
    }
    return render(request, "web/prepared_report.html", context)


def prepared_report(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    _, found = _reported_period(request, slug, period)
    prepared = prepared_get(found, pk, request.user)
    if prepared is None:
        raise Http404("No such report")
    name = prepared.file.name.rsplit("/", 1)[-1]
    return FileResponse(prepared.file.open("rb"), as_attachment=True, filename=name)
