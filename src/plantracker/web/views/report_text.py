"""The committee report's own words: a period's (agenda item, meeting, sections, officers
to contact) and a plan's defaults for every period."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.plans.models import Plan
from plantracker.reports.council_text import default_text
from plantracker.updates import report_text, services
from plantracker.updates.models import ReportingPeriod
from plantracker.updates.snapshots import previous_published

from ..forms.report_text import PERIOD_FIELDS, ReportTextForm
from .common import add_refusal, period_or_404, plan_or_404, require


def _automatic(plan: Plan, period: ReportingPeriod | None) -> dict[str, str]:
    """What the report writes itself where nobody has written anything."""
    since = previous_published(period) if period else None
    label = period.label if period else "each period"
    shown = period or ReportingPeriod(plan=plan, label=label)
    text = default_text(plan, shown, since, plan.actions.count(), plan.themes.count())
    return {s.key: s.text for s in text.front}


def _form(request: HttpRequest, plan: Plan, period: ReportingPeriod | None) -> ReportTextForm:
    kept = period.report_text if period else plan.report_defaults
    fallback = _automatic(plan, period)
    if period:
        fallback.update(report_text.merged(plan.report_defaults, {}))
    initial = ReportTextForm.initial_for(kept)
    if period:
        initial.update({f: getattr(period, f) for f in PERIOD_FIELDS if f != "agenda_item"})
    return ReportTextForm(
        request.POST or None,
        initial=initial,
        period=period is not None,
        fallback=fallback,
        contacts=len(report_text.contacts(kept)),
        committees=plan.organisation.committee_names(),
    )


@require_http_methods(["GET", "POST"])
def period_report_text(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    require(permissions.can_manage_periods(request.user, plan))
    form = _form(request, plan, found)
    frozen = found.status == ReportingPeriod.Status.PUBLISHED
    if frozen:
        form.freeze()
    if request.method == "POST" and form.is_valid():
        values: dict[str, Any] = form.cleaned_data
        try:
            services.period_report_save(
                period=found,
                user=request.user,
                text=form.text(),
                meeting=values["meeting"],
                meeting_date=values["meeting_date"],
                report_of=values["report_of"],
            )
        except services.NotAllowed as e:
            add_refusal(form, e)
        else:
            messages.success(request, f"The {found.label} report's text is saved.")
            return redirect("period", plan.slug, found.slug)
    context = {"plan": plan, "period": found, "form": form, "frozen": frozen}
    status = 400 if form.errors else 200
    return render(request, "web/report_text.html", context, status=status)


@require_http_methods(["GET", "POST"])
def plan_report_text(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    require(permissions.can_manage_periods(request.user, plan))
    form = _form(request, plan, None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_report_defaults_save(plan=plan, user=request.user, text=form.text())
        except services.NotAllowed as e:
            add_refusal(form, e)
        else:
            messages.success(request, "The report text for every period is saved.")
            return redirect("periods", plan.slug)
    context = {"plan": plan, "period": None, "form": form, "frozen": False}
    status = 400 if form.errors else 200
    return render(request, "web/report_text.html", context, status=status)
