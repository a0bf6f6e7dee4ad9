"""Public pages. Thin: each parses the request, calls a selector, renders."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from plantracker.core import permissions
from plantracker.plans import selectors
from plantracker.plans.scoring import explain
from plantracker.plans.vocab import RAG_MEANING, STAGE_MEANING
from plantracker.reports.charts import stage_by_theme
from plantracker.reports.exporters import CONTENT_TYPES, EXPORTERS, STREAMS
from plantracker.updates import selectors as update_selectors
from plantracker.updates.models import ReportingPeriod

from . import findings
from .common import action_or_404
from .common import plan_or_404 as _plan
from .updates import assignable

ACTIONS_PER_PAGE = 200  # a county's plan fits on one page; a hosted list of thousands does not


def home(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(user=request.user)
    return render(request, "web/home.html", {"plans": plans})


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    rows = selectors.plan_stage_by_theme(plan=plan)
    editor = permissions.can_edit_plan(request.user, plan)
    context = {
        "plan": plan,
        "summary": selectors.plan_summary(plan=plan),
        "chart_rows": rows,
        "chart_spec": stage_by_theme(rows),
        "findings": findings.for_editors(plan) if editor else None,
        "can_import": editor,
        "periods": list(update_selectors.periods_visible(plan, request.user)),
        "published": [
            p for p in plan.periods.all() if p.status == ReportingPeriod.Status.PUBLISHED
        ],
    }
    return render(request, "web/plan.html", context)


def action_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    filters = selectors.ActionFilters.from_query(request.GET)
    page = Paginator(selectors.action_list(plan=plan, filters=filters), ACTIONS_PER_PAGE)
    found = page.get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "filters": filters,
        "options": selectors.plan_filter_options(plan=plan),
        "actions": list(found),
        "page": found,
        "sorts": selectors.SORTS,
        "can_edit": permissions.can_edit_plan(request.user, plan),
    }
    template = (
        "web/_action_results.html" if request.headers.get("HX-Request") else "web/actions.html"
    )
    return render(request, template, context)


def action_detail(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    plan = _plan(request, slug)
    insider = permissions.can_see_unpublished(request.user, plan)
    action = action_or_404(plan, ref, unpublished=insider, people=request.user.is_authenticated)
    can_write = permissions.can_write_update(request.user, action)
    context = {
        "plan": plan,
        "action": action,
        "explanation": explain(
            action.timescale, action.cost, action.carbon, action.plan.scoring_scheme.weights()
        ),
        "stage_meaning": STAGE_MEANING.get(action.stage),  # type: ignore[call-overload]
        "rag_meaning": RAG_MEANING.get(action.rag),  # type: ignore[call-overload]
        "findings": plan.findings.filter(ref=action.ref)
        if permissions.can_edit_plan(request.user, plan)
        else None,
        "open_periods": list(plan.periods.filter(status=ReportingPeriod.Status.OPEN))
        if can_write
        else [],
        "can_assign": permissions.can_edit_plan(request.user, plan),
        "assignable": assignable(plan) if permissions.can_edit_plan(request.user, plan) else [],
        "audit": update_selectors.action_audit(action, unpublished=insider),
        "insider": insider,
    }
    return render(request, "web/action.html", context)


def plan_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """The whole plan; with the action list's filters in the query, the actions they match."""
    plan = _plan(request, slug)
    if fmt not in EXPORTERS:
        raise Http404("No such format")
    filters = selectors.ActionFilters.from_query(request.GET)
    actions = selectors.action_list(plan=plan, filters=filters) if filters.active() else None
    name = plan.slug if actions is None else f"{plan.slug}-chosen-actions"
    response: HttpResponseBase
    if fmt in STREAMS:  # read now, sent as it is written: no whole file held for a big plan
        response = StreamingHttpResponse(
            STREAMS[fmt](plan, actions), content_type=CONTENT_TYPES[fmt]
        )
    else:
        response = HttpResponse(EXPORTERS[fmt](plan, actions), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
