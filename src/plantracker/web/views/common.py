"""Look-ups every page shares: the plan, period and action a URL names, or 404."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse

from plantracker.plans import selectors
from plantracker.plans.models import Action, Plan
from plantracker.reports import tabular
from plantracker.updates import selectors as update_selectors
from plantracker.updates import services
from plantracker.updates.models import ReportingPeriod


def plan_or_404(request: HttpRequest, slug: str) -> Plan:
    plan = selectors.plan_get(slug=slug, user=request.user)
    if plan is None:
        raise Http404("No such plan")
    return plan


def period_or_404(request: HttpRequest, plan: Plan, period: str) -> ReportingPeriod:
    found = update_selectors.period_get(plan, period, request.user)
    if found is None:
        raise Http404("No such period")
    return found


def action_or_404(
    plan: Plan, ref: str, *, unpublished: bool = False, people: bool = True
) -> Action:
    action = selectors.action_get(plan=plan, ref=ref, unpublished=unpublished, people=people)
    if action is None:
        raise Http404("No such action")
    return action


def add_refusal(form: Form, error: services.Invalid | services.NotAllowed) -> None:
    """Show a service's refusal on the form: per field when it names fields."""
    if isinstance(error, services.Invalid):
        for key, message in error.errors.items():
            form.add_error(key, message)
    else:
        form.add_error(None, str(error))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def download(fmt: str, name: str, sheets: Sequence[tabular.Sheet], data: Any) -> HttpResponse:
    if fmt not in tabular.FORMATS:
        raise Http404("No such format")
    response = HttpResponse(
        tabular.render(fmt, sheets, data), content_type=tabular.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
