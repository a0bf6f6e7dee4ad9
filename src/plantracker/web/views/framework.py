"""Strategy, coverage, KPI and risk register pages and their csv/xlsx/json downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.indicators.selectors import indicators_visible, kpi_data, kpi_view
from plantracker.indicators.services import observation_record
from plantracker.indicators.status import TargetKind
from plantracker.indicators.wording import read_target
from plantracker.reports import tabular
from plantracker.reports.charts import kpi_chart
from plantracker.risks.selectors import (
    register_data,
    register_get,
    register_view,
    registers_visible,
    registers_with_overdue,
)
from plantracker.strategy import selectors as strategy_selectors
from plantracker.strategy.models import Strategy
from plantracker.updates import services

from ..forms.indicators import ObservationForm
from .common import add_refusal, download, plan_or_404, require


def organisation(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    kpis = [kpi_view(i) for i in indicators_visible(request.user, organisation)]
    return render(request, "web/organisation.html", {
        "organisation": organisation,
        "strategies": strategy_selectors.strategies_visible(organisation),
        "kpis": kpis,
        "registers": registers_with_overdue(request.user, organisation, timezone.localdate()),
        "can_edit_risks": permissions.can_edit_risks(request.user, organisation),
        "can_import": permissions.can_import_tables(request.user, organisation),
        "can_add_plan": permissions.can_add_plan(request.user, organisation),
        "can_add_kpi": permissions.can_add_kpi(request.user, organisation),
        "can_change_settings": permissions.can_change_settings(request.user, organisation),
    })  # fmt: skip


def kpi_export(request: HttpRequest, org: str, fmt: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    data = [kpi_data(kpi_view(i)) for i in indicators_visible(request.user, organisation)]
    kpis = [[k["title"], k["unit"], k["direction"], k["target"], k["status"], k["rule"],
             ", ".join(k["objectives"]),
             "Retired {on}: {reason}".format(**k["retired"]) if k["retired"] else ""]
            for k in data]  # fmt: skip
    observations = [
        [k["title"], o["period"], o["value"], o["status"], o["compared_with"], o["note"],
         "estimated" if o["estimated"] else "actual", o["source"]]
        for k in data for o in k["observations"]
    ]  # fmt: skip
    sheets: list[tabular.Sheet] = [
        (
            "KPIs",
            ["KPI", "Unit", "Direction", "Target", "Status", "Rule", "Objectives", "Retired"],
            kpis,
        ),
        (
            "Observations",
            [
                "KPI",
                "Period",
                "Value",
                "Status",
                "Compared with",
                "Note",
                "Actual or estimated",
                "Source",
            ],
            observations,
        ),
    ]
    return download(fmt, f"{organisation.slug}-kpis", sheets, data)


def kpi_detail(request: HttpRequest, org: str, kpi: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    indicator = indicators_visible(request.user, organisation).filter(slug=kpi).first()
    if indicator is None:
        raise Http404("No such KPI")
    can_record = permissions.can_record_kpi(request.user, indicator) and not indicator.derived
    form = ObservationForm(request.POST or None)
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            try:
                obs, created = observation_record(
                    indicator=indicator, user=request.user, **form.cleaned_data
                )
            except (services.Invalid, services.NotAllowed) as e:
                add_refusal(form, e)
            else:
                done = "recorded" if created else "corrected"
                messages.success(request, f"The value for {obs.period} was {done}.")
                return redirect("kpi", organisation.slug, indicator.slug)
    view = kpi_view(indicator)
    missing = view.missing()
    targets = [
        {"pk": t.pk, "text": t.text, "due": t.due,
         "words": read_target(t.text, t.due).kind is TargetKind.TEXT}
        for t in indicator.targets.all()
    ]  # fmt: skip
    points = [{"period": j.period.label, "end": j.period.end.isoformat(), "value": float(j.value)}
              for j in view.judged]  # fmt: skip
    path = [{"period": label, "end": "", "value": float(v)} for label, v in view.path()]
    for p in path:
        p["end"] = next((q["end"] for q in points if q["period"] == p["period"]), p["period"])
    goal = view.goal
    spec = kpi_chart(indicator.title, indicator.unit, points, path,
                     None if goal is None else float(goal))  # fmt: skip
    return render(request, "web/kpi.html", {
        "organisation": organisation, "kpi": view, "indicator": indicator,
        # A KPI counted from a draft plan's register does not name it outside the plan's team.
        "register": register_get(request.user, indicator.register_id),
        "observations": {o.period: o for o in indicator.observations.all()},
        "chart_spec": spec if points else None, "path": view.path(),
        "form": form if can_record else None, "targets": targets,
        "can_define": permissions.can_define_kpi(request.user, organisation, indicator.plan),
        "missing": missing, "missing_text": " ".join(missing), "path_missing": view.path_missing(),
    })  # fmt: skip


def register_detail(request: HttpRequest, org: str, register: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    found = registers_visible(request.user, organisation).filter(slug=register).first()
    if found is None:
        raise Http404("No such risk register")
    view = register_view(found, request.user)
    heat = [
        (name, view.heat_rows(which), view.unplaced(which))
        for name, which in (("Inherent", "inherent"), ("Residual", "residual"))
    ]
    today = timezone.localdate()
    return render(request, "web/register.html", {
        "organisation": organisation, "view": view, "heat": heat, "today": today,
        "overdue": view.overdue(today),
        "can_edit": permissions.can_edit_risks(request.user, organisation),
    })  # fmt: skip


RISK_HEADINGS = [
    "Ref", "Risk", "Causes", "Consequences", "Owner", "Impact", "Likelihood", "Score",
    "Recorded score", "Band", "Controls", "Further actions", "Residual impact",
    "Residual likelihood", "Residual score", "Recorded residual score", "Residual band",
    "Review date", "Recorded rating", "Recorded residual rating", "Status", "Status as written",
    "Linked actions", "Findings",
]  # fmt: skip


def register_export(request: HttpRequest, org: str, register: str, fmt: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    found = registers_visible(request.user, organisation).filter(slug=register).first()
    if found is None:
        raise Http404("No such risk register")
    data = register_data(register_view(found, request.user))
    keys = ["ref", "title", "causes", "consequences", "owner", "impact", "likelihood", "score",
            "recorded_score", "band", "controls", "further_actions", "residual_impact",
            "residual_likelihood", "residual_score", "residual_recorded_score", "residual_band",
            "review_date", "recorded_rating", "residual_recorded_rating", "status",
            "status_as_written"]  # fmt: skip
    rows = [[r[k] for k in keys] + [", ".join(r["actions"]), " ".join(r["findings"])]
            for r in data["risks"]]  # fmt: skip
    return download(fmt, found.slug, [("Risks", RISK_HEADINGS, rows)], data)


def _strategy(org: str, slug: str) -> Strategy:
    organisation = get_object_or_404(Organisation, slug=org)
    return get_object_or_404(Strategy, organisation=organisation, slug=slug)


def strategy_detail(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    strategy = _strategy(org, slug)
    context: dict[str, Any] = {
        "strategy": strategy,
        "organisation": strategy.organisation,
        "can_edit": permissions.can_add_plan(request.user, strategy.organisation),
    }
    if strategy.kind == Strategy.Kind.AIMS:
        context["aims"] = strategy_selectors.aims_with_objectives(strategy, request.user)
        context["plans"] = strategy_selectors.plans_of(strategy, request.user)
        context["without_kpi"] = strategy_selectors.objectives_without_kpi(strategy, request.user)
    else:
        context["tree"] = strategy_selectors.outcome_tree(strategy, request.user)
        rows = strategy_selectors.measure_rows(strategy, request.user)
        context["measures_total"] = len(rows)
        context["without_kpi"] = [m for m in rows if not m.kpis]
    return render(request, "web/strategy.html", context)


def strategy_export(request: HttpRequest, org: str, slug: str, fmt: str) -> HttpResponse:
    """Coverage of a strategy by KPIs: every objective or measure with its KPIs."""
    strategy = _strategy(org, slug)
    if strategy.kind == Strategy.Kind.AIMS:
        rows = [[o.code, a.code, o.get_kind_display(), o.text,
                 "; ".join(i.title for i in o.indicators.all())]
                for a in strategy_selectors.aims_with_objectives(strategy, request.user)
                for o in a.objectives.all()]  # fmt: skip
        heads = ["Objective", "Aim", "Type", "Text", "KPIs"]
    else:
        rows = [[m.outcome, m.supporting, m.text, "; ".join(m.kpis)]
                for m in strategy_selectors.measure_rows(strategy, request.user)]  # fmt: skip
        heads = ["Strategic outcome", "Supporting outcome", "Measure", "KPIs"]
    data = [dict(zip(heads, r, strict=True)) for r in rows]
    return download(fmt, f"{strategy.slug}-kpi-coverage", [("Coverage", heads, rows)], data)


def plan_coverage(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    return render(request, "web/coverage.html", {
        "plan": plan, "coverage": strategy_selectors.plan_coverage(plan),
    })  # fmt: skip


def plan_coverage_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    cov = strategy_selectors.plan_coverage(plan)
    objectives = [[c.objective.code, c.objective.aim, c.objective.kind, c.objective.text,
                   c.count, ", ".join(c.actions)] for c in cov.objectives]  # fmt: skip
    unlinked = [[u.ref, u.title, u.reason] for u in cov.unlinked]
    data = {
        "plan": plan.slug,
        "strategy": plan.framework.slug if plan.framework else None,
        "objectives": [
            dict(zip(["code", "aim", "type", "text", "actions", "refs"], r, strict=True))
            for r in objectives
        ],
        "objectives_with_no_action": [o.code for o in cov.uncovered],
        "actions_with_no_objective": [
            dict(zip(["ref", "title", "reason"], r, strict=True)) for r in unlinked
        ],
        "unknown_codes": cov.unknown,
    }
    sheets: list[tabular.Sheet] = [
        ("Objectives", ["Objective", "Aim", "Type", "Text", "Actions", "Action refs"], objectives),
        ("Actions with no objective", ["Ref", "Action", "Why"], unlinked),
    ]
    return download(fmt, f"{plan.slug}-coverage", sheets, data)
