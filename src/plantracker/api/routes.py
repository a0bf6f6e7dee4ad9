"""Read API under /api/v1/. Anyone sees published plans; staff also see drafts."""

from dataclasses import fields
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import create_model

from plantracker.core.models import Organisation
from plantracker.plans import selectors
from plantracker.plans.models import Plan
from plantracker.reports.plan_data import action_data, action_rows

from . import paging
from .schemas import ActionDetailOut, ActionOut, OrganisationOut, PlanOut

api = NinjaAPI(
    title="Plan Tracker API",
    version="1",
    description="Read council plans, their actions and progress updates. "
    "Filters on the action list match the action list page.",
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def bad_query(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A bad limit or offset: 400 with a sentence saying what is allowed. Other bad values
    keep django-ninja's own answer (422 with the details)."""
    message = paging.refusal(exc.errors)
    if message is None:
        return api.create_response(request, {"detail": exc.errors}, status=422)
    return api.create_response(request, {"detail": message}, status=400)


# The API's filters are the action list page's filters, field for field; theme, stage and
# RAG may be given several times (?rag=Red&rag=Amber), as on the page.
ActionQuery = create_model(
    "ActionQuery",
    __base__=Schema,
    **{
        f.name: (list[str], []) if f.name in selectors.MULTI else (str, f.default)
        for f in fields(selectors.ActionFilters)
    },  # type: ignore[call-overload]
)


def _plan(request: HttpRequest, slug: str) -> Plan:
    plan = selectors.plan_get(slug=slug, user=request.user)
    if plan is None:
        raise HttpError(404, f"No plan '{slug}'.")
    return plan


def _plan_out(plan: Plan) -> dict[str, object]:
    return {
        "slug": plan.slug,
        "title": plan.title,
        "organisation": plan.organisation.name,
        "period": plan.period or None,
        "status": plan.status,
    }


@api.get("/organisations", response=list[OrganisationOut], tags=["plans"])
def organisations(request: HttpRequest) -> list[Organisation]:
    visible = selectors.plan_list(user=request.user).values("organisation")
    return list(Organisation.objects.filter(pk__in=visible))


@api.get("/plans", response=list[PlanOut], tags=["plans"])
def plans(request: HttpRequest, organisation: str = "") -> list[dict[str, object]]:
    qs = selectors.plan_list(user=request.user)
    if organisation:
        qs = qs.filter(organisation__slug=organisation)
    return [_plan_out(p) for p in qs]


@api.get("/plans/{slug}", response=PlanOut, tags=["plans"])
def plan(request: HttpRequest, slug: str) -> dict[str, object]:
    return _plan_out(_plan(request, slug))


@api.get(
    "/plans/{slug}/actions",
    response=list[ActionOut],
    tags=["actions"],
    openapi_extra=paging.LINK_HEADER,
)
def actions(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    filters: Query[ActionQuery],
    page: Query[paging.PageQuery],
) -> list[dict]:
    """A page of actions: all of them when the plan has up to 1,000 (the most a page holds);
    otherwise the first 1,000 and a Link header to the next page."""
    found = selectors.action_list(
        plan=_plan(request, slug),
        filters=selectors.ActionFilters.from_query(filters.dict()),
    )
    rows = action_rows(found[page.offset : page.offset + page.limit + 1])  # one more: is there?
    if len(rows) > page.limit:
        response["Link"] = paging.next_link(request, page)
    return rows[: page.limit]


@api.get("/plans/{slug}/actions/{ref}", response=ActionDetailOut, tags=["actions"])
def action(request: HttpRequest, slug: str, ref: str) -> dict:
    found = selectors.action_get(plan=_plan(request, slug), ref=ref)
    if found is None:
        raise HttpError(404, f"No action '{ref}' in plan '{slug}'.")
    return action_data(found)


def _organisation(slug: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No organisation '{slug}'.")
    return found


@api.get("/organisations/{org}/kpis", response=list[dict[str, Any]], tags=["kpis"])
def kpis(request: HttpRequest, org: str) -> list[dict[str, Any]]:
    """Every KPI you may see, with its targets, observations and status against target."""
    from plantracker.indicators.selectors import indicators_visible, kpi_data, kpi_view

    return [kpi_data(kpi_view(i)) for i in indicators_visible(request.user, _organisation(org))]


@api.get("/organisations/{org}/risk-registers/{slug}", response=dict[str, Any], tags=["risks"])
def risk_register(request: HttpRequest, org: str, slug: str) -> dict[str, Any]:
    """A register's matrix and risks, with scores from the matrix and findings."""
    from plantracker.risks.selectors import register_data, register_view, registers_visible

    found = registers_visible(request.user, _organisation(org)).filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No risk register '{slug}'.")
    return register_data(register_view(found, request.user))


@api.get("/plans/{slug}/coverage", response=dict[str, Any], tags=["plans"])
def coverage(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The plan's actions against its strategy's objectives."""
    from plantracker.strategy.selectors import plan_coverage

    plan = _plan(request, slug)
    cov = plan_coverage(plan)
    return {
        "plan": plan.slug,
        "strategy": plan.framework.slug if plan.framework else None,
        "objectives": [
            {"code": c.objective.code, "type": c.objective.kind, "actions": c.actions}
            for c in cov.objectives
        ],
        "objectives_with_no_action": [o.code for o in cov.uncovered],
        "actions_with_no_objective": [{"ref": u.ref, "reason": u.reason} for u in cov.unlinked],
    }


@api.get("/organisations/{org}/emissions", response=dict[str, Any], tags=["carbon"])
def emissions(request: HttpRequest, org: str) -> dict[str, Any]:
    """The organisation's emission sources, their yearly tCO2e and the totals by year."""
    from plantracker.carbon.exports import inventory_data
    from plantracker.carbon.selectors import inventory_view

    return inventory_data(inventory_view(_organisation(org)))


@api.get("/organisations/{org}/roadmaps/{slug}", response=dict[str, Any], tags=["carbon"])
def roadmap(request: HttpRequest, org: str, slug: str, off: str = "") -> dict[str, Any]:
    """A roadmap's workstreams, trajectory, totals, waterfall and targets. `off`: categories
    (national, planned, simple, complex, offset) or workstream names to leave out, comma
    separated: a what-if."""
    from plantracker.carbon.exports import roadmap_data
    from plantracker.carbon.models import Roadmap
    from plantracker.carbon.selectors import roadmap_view
    from plantracker.carbon.services import UnknownSwitch, clean_off

    found = Roadmap.objects.filter(organisation=_organisation(org), slug=slug).first()
    if found is None:
        raise HttpError(404, f"No roadmap '{slug}'.")
    try:
        switched = clean_off(found, [o.strip() for o in off.split(",") if o.strip()])
    except UnknownSwitch as exc:
        raise HttpError(400, str(exc)) from None
    return roadmap_data(roadmap_view(found, off=switched, user=request.user))


@api.get("/areas/{code}/emissions", response=dict[str, Any], tags=["carbon"])
def area_emissions(request: HttpRequest, code: str) -> dict[str, Any]:
    """An area's CO2 by sector and year from the government's local authority data set,
    with the source to cite."""
    from plantracker.carbon.exports import area_data
    from plantracker.carbon.selectors import area_view

    view = area_view(code.upper())
    if view is None:
        raise HttpError(404, f"No emissions loaded for area '{code}'.")
    return area_data(view)


@api.get("/conversion-factors", response=dict[str, Any], tags=["carbon"])
def conversion_factors(
    request: HttpRequest, year: int | None = None, q: str = ""
) -> dict[str, Any]:
    """The government's conversion factors loaded here: one year (default the latest), and
    with `q` only those whose activity, fuel, unit or ID match every word."""
    from django.db.models import Max

    from plantracker.carbon.exports import factors_data
    from plantracker.carbon.models import ConversionFactor
    from plantracker.carbon.selectors import factors_search

    year = year or ConversionFactor.objects.aggregate(y=Max("year"))["y"]
    return {"year": year, **factors_data(factors_search(year, q[:200]))}
