"""Reporting periods, a contributor's list of updates, and the change report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from plantracker.core import permissions
from plantracker.reports.selectors import LISTED, prepared_visible
from plantracker.updates import selectors as update_selectors
from plantracker.updates import services
from plantracker.updates.changes import compare
from plantracker.updates.snapshots import NOW, build, previous_published, snapshot_data

from ..forms.updates import PeriodForm
from .common import add_refusal, period_or_404, plan_or_404, require


@login_required
def my_updates(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/my_updates.html", {"groups": update_selectors.my_tasks(request.user)}
    )


def period_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    can_add = permissions.can_manage_periods(request.user, plan)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        require(can_add)
        if form.is_valid():
            try:
                period = services.period_create(plan=plan, user=request.user, **form.cleaned_data)
            except services.Invalid as e:
                add_refusal(form, e)
            else:
                messages.success(request, f"{period.label} is open for updates.")
                return redirect("period", plan.slug, period.slug)
    context = {
        "plan": plan,
        "periods": list(update_selectors.periods_visible(plan, request.user)),
        "form": form if can_add else None,
    }
    return render(request, "web/periods.html", context)


def period_detail(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    insider = permissions.can_see_unpublished(request.user, plan)
    data = snapshot_data(found) if found.status == "published" else None
    context = {
        "plan": plan,
        "period": found,
        "snapshot": data,
        "previous": previous_published(found),
        "tasks": update_selectors.period_updates(found) if insider else None,
        "can_review": permissions.can_review(request.user, plan),
        "insider": insider,
        "prepared": list(prepared_visible(found, request.user)[:LISTED]),
    }
    return render(request, "web/period.html", context)


@require_POST
def period_status(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    require(permissions.can_review(request.user, plan))
    step = {
        "close": services.period_close,
        "reopen": services.period_reopen,
        "publish": services.period_publish,
    }.get(request.POST.get("step", ""))
    if step is None:
        raise Http404("No such step")
    try:
        done = step(period=found, user=request.user)
    except services.NotAllowed as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"{done.label} is now {done.get_status_display().lower()}.")
    return redirect("period", plan.slug, found.slug)


def change_report(request: HttpRequest, slug: str) -> HttpResponse:
    """Changes between two published periods, or (for the plan's team) up to now."""
    plan = plan_or_404(request, slug)
    insider = permissions.can_see_unpublished(request.user, plan)
    published = list(plan.periods.filter(status="published").order_by("position"))
    by_slug = {p.slug: p for p in published}
    to_slug = request.GET.get("to") or (published[-1].slug if published else "")
    if to_slug == NOW and insider:
        after = build(plan)
        to_position = None
    elif to_slug in by_slug:
        after = snapshot_data(by_slug[to_slug])
        to_position = by_slug[to_slug].position
    else:
        raise Http404("No such period")
    earlier = [p for p in published if to_position is None or p.position < to_position]
    from_slug = request.GET.get("from") or (earlier[-1].slug if earlier else "")
    if from_slug not in by_slug:
        raise Http404("Nothing to compare with")
    report = compare(snapshot_data(by_slug[from_slug]), after)
    context = {
        "plan": plan,
        "report": report,
        "published": published,
        "from_slug": from_slug,
        "to_slug": to_slug,
        "insider": insider,
        "now": NOW,
    }
    return render(request, "web/changes.html", context)
