"""Assigning contributors to many actions at once: choose the people and the actions (those
of the action list's filters, all ticked), see what will change, confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.plans import selectors
from plantracker.plans.models import Plan
from plantracker.updates import bulk, services
from plantracker.updates.assignments import assignable, name

from ..forms.updates import BulkAssignForm
from .common import add_refusal, plan_or_404, require

LABELS = {"theme": "theme", "objective": "objective", "role": "council's role", "scope": "scope",
          "stage": "stage", "rag": "RAG", "timescale": "timescale", "lead": "lead",
          "partner": "partner", "q": "words", "past_end": "past their end date"}  # fmt: skip


def described(filters: selectors.ActionFilters) -> list[tuple[str, str]]:
    """The filters in words: [("RAG", "Red or Amber"), ("theme", "Transport")]."""
    return [
        (LABELS.get(k, k), " or ".join(v) if isinstance(v, tuple) else v)
        for k, v in filters.active().items()
    ]


def _with_query(url: str, filters: selectors.ActionFilters) -> str:
    return f"{url}?{filters.encoded}" if filters.active() else url


@require_http_methods(["GET", "POST"])
def bulk_assign(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    filters = selectors.ActionFilters.from_query(request.GET)
    matched = [a for a in selectors.action_list(plan=plan, filters=filters) if not a.withdrawn]
    people = assignable(plan)
    everything = plan.actions.order_by("position", "id")  # withdrawn meanwhile: counted
    form = BulkAssignForm(
        request.POST or None,
        people=[(str(u.pk), name(u)) for u in people],
        actions=[(str(a.pk), a.ref) for a in everything],
    )
    context: dict[str, Any] = {
        "plan": plan,
        "filters": filters,
        "described": described(filters),
        "form": form,
        "matched": matched,
        "people": people,
        "themes": selectors.plan_filter_options(plan=plan)["theme"],
        "here": _with_query(reverse("bulk-assign", args=[plan.slug]), filters),
        "list_url": _with_query(reverse("actions", args=[plan.slug]), filters),
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        remove = data["do"] == "unassign"
        if "confirm" in request.POST:
            try:
                done = bulk.actions_assign(
                    plan=plan, user=request.user, actions=data["actions"],
                    people=data["people"], remove=remove,
                )  # fmt: skip
            except (services.Invalid, services.NotAllowed) as e:
                add_refusal(form, e)
            else:
                (messages.warning if done.gone else messages.success)(request, done.message)
                return redirect(context["list_url"])
        else:
            context["preview"] = _preview(plan, data["actions"], data["people"], remove)
            return render(request, "web/bulk_assign_confirm.html", context)
    ticked = _ticked(form, matched)
    context["ticked"] = ticked
    status = 400 if form.errors else 200
    return render(request, "web/bulk_assign.html", context, status=status)


def _ticked(form: BulkAssignForm, matched: list[Any]) -> set[str]:
    """The actions ticked on the page: all those matching, until the person unticks some."""
    if form.is_bound:
        return {str(v) for v in form.data.getlist("actions")}
    return {str(a.pk) for a in matched}


def _preview(plan: Plan, actions: list[int], people: list[int], remove: bool) -> dict[str, Any]:
    """What confirming would do, as things stand now."""
    chosen = [a for a in bulk.bulk_choices(plan) if a.pk in set(actions)]
    had = bulk.assigned(chosen)
    wanted = set(people)
    change = [a for a in chosen if (wanted & had[a.pk] if remove else wanted - had[a.pk])]
    same = [a for a in chosen if a not in change]
    persons = [u for u in assignable(plan) if u.pk in wanted]
    return {
        "remove": remove,
        "names": bulk.names_phrase(persons),
        "people": persons,
        "change": change,
        "same": same,
        "gone": len(set(actions)) - len(chosen),
        "actions": chosen,
    }
