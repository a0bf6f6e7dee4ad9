"""Reporting periods, a contributor's list of updates, and the change report."""

from __future__ import annotations

from typing import Any

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
from plantracker.updates.tally import tally

from .. import work
from ..forms.updates import PeriodForm
from .common import add_refusal, period_or_404, plan_or_404, require


@login_required
def my_updates(request: HttpRequest) -> HttpResponse:
    """The old address of *My work*, kept for links in emails already sent."""
    return redirect("my-work")


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    return render(request, "web/my_work.html", {"work": work.my_work(request.user)})


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
    tasks = update_selectors.period_updates(found) if insider and not data else None
    context = {
        "plan": plan,
        "period": found,
        "snapshot": data,
        "previous": previous_published(found),
        "tasks": tasks,
        "tally": tally(tasks) if tasks is not None else None,
        "can_review": permissions.can_review(request.user, plan),
        "can_write_report": permissions.can_manage_periods(request.user, plan),
        "insider": insider,
        "prepared": list(prepared_visible(found, request.user)[:LISTED]),
    }
    return render(request, "web/period.html", context)


@require_POST
def period_status(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Reopen a closed period. Closing and publishing go through their confirmation pages,
    which say what is still open first; a form that posts them here is sent there."""
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    require(permissions.can_review(request.user, plan))
    step = request.POST.get("step", "")
    if step in CONFIRMED:
        return redirect(f"period-{step}", plan.slug, found.slug)
    if step != "reopen":
        raise Http404("No such step")
    return _period_step(request, services.period_reopen, found)


def _period_step(request: HttpRequest, step: Any, found: Any) -> HttpResponse:
    try:
        done = step(period=found, user=request.user)
    except services.NotAllowed as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"{done.label} is now {done.get_status_display().lower()}.")
    return redirect("period", found.plan.slug, found.slug)


# step → (the status the period must have, the service that takes the step)
CONFIRMED = {
    "close": ("open", services.period_close),
    "publish": ("closed", services.period_publish),
}


def period_confirm(request: HttpRequest, slug: str, period: str, step: str) -> HttpResponse:
    """Close or publish a period, after a page that lists what is still open: actions with
    no update (and what the public will go on seeing for them), drafts never submitted,
    returned updates, and updates waiting for approval."""
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    require(permissions.can_review(request.user, plan))
    if step not in CONFIRMED:
        raise Http404("No such step")
    wanted, service = CONFIRMED[step]
    if found.status != wanted:
        messages.error(
            request,
            f"{found.label} is {found.get_status_display().lower()}, so it cannot be "
            f"{'closed' if step == 'close' else 'published'} now.",
        )
        return redirect("period", plan.slug, found.slug)
    if request.method == "POST":
        return _period_step(request, service, found)
    counted = tally(update_selectors.period_updates(found))
    unpublished = counted.not_started + counted.drafts + counted.returned
    context = {
        "plan": plan,
        "period": found,
        "step": step,
        "tally": counted,
        "last": update_selectors.last_published([t.action for t in unpublished], found),
    }
    return render(request, "web/period_confirm.html", context)


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
