"""A plan's own pages for its editors: start a plan, its settings, its themes, its scoring,
its objective codes."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.plans import structure
from plantracker.plans.models import Objective, Plan, Theme
from plantracker.plans.scoring import Weights
from plantracker.plans.services import plan_check

from ..forms.plans import NewPlanForm, ObjectiveForm, PlanForm, ScoringForm, ThemeForm
from .common import plan_or_404, require


def _editable(request: HttpRequest, slug: str) -> Plan:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    return plan


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_add_plan(request.user, organisation))
    form = NewPlanForm(request.POST or None, initial={"reporting_cadence": "Quarterly"})
    if request.method == "POST" and form.is_valid():
        plan = structure.plan_create(organisation=organisation, values=form.values())
        messages.success(request, f"{plan.title} was created as a draft. Add its themes and "
                                  "actions, then publish it from its settings.")  # fmt: skip
        return redirect("plan", plan.slug)
    context = {"organisation": organisation, "form": form}
    return render(request, "web/plan_new.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def plan_settings(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable(request, slug)
    initial = {n: getattr(plan, n) for n in structure.PLAN_FIELDS}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = structure.plan_change(plan=plan, values=form.values())
        messages.success(request, "Saved." if changed else "Nothing was changed.")
        return redirect("plan", plan.slug)
    context = {"plan": plan, "form": form}
    return render(request, "web/plan_settings.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def plan_themes(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable(request, slug)
    form = ThemeForm()
    status = 200
    if request.method == "POST":
        try:
            form, said = _theme_post(request, plan)
        except structure.Refused as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            if said:
                messages.success(request, said)
                return redirect("plan-themes", plan.slug)
            status = 400
    themes = list(plan.themes.order_by("position", "name"))  # type: ignore[attr-defined]
    counts = {t.pk: t.actions.count() for t in themes}
    context = {"plan": plan, "form": form, "themes": [(t, counts[t.pk]) for t in themes]}
    return render(request, "web/plan_themes.html", context, status=status)


def _theme_post(request: HttpRequest, plan: Plan) -> tuple[ThemeForm, str]:
    """Carry out what was pressed; returns the new-theme form and what was done ("" when
    the form needs correcting)."""
    what = request.POST.get("do", "")
    if what == "add":
        form = ThemeForm(request.POST)
        if not form.is_valid():
            return form, ""
        theme = structure.theme_add(plan=plan, name=form.cleaned_data["name"])
        return ThemeForm(), f"Theme '{theme.name}' was added."
    pk = request.POST.get("theme", "")
    theme = get_object_or_404(Theme, plan=plan, pk=pk if pk.isascii() and pk.isdigit() else 0)
    if what == "rename":
        old = theme.name
        structure.theme_rename(theme=theme, name=request.POST.get("name", ""))
        return ThemeForm(), f"'{old}' is now called '{theme.name}'."
    if what in ("up", "down"):
        structure.theme_move(theme=theme, step=-1 if what == "up" else 1)
        return ThemeForm(), f"'{theme.name}' was moved {what}."
    if what == "merge":
        into_pk = request.POST.get("into", "")
        into = Theme.objects.filter(
            plan=plan, pk=into_pk if into_pk.isascii() and into_pk.isdigit() else 0
        ).first()
        if into is None:
            raise structure.Refused(f"Choose the theme to merge '{theme.name}' into.")
        moved = structure.theme_merge(theme=theme, into=into, user=request.user)
        return ThemeForm(), f"'{theme.name}' was merged into '{into.name}': {moved} actions moved."
    raise structure.Refused("Choose what to do with the theme.")


@require_http_methods(["GET", "POST"])
def plan_scoring(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable(request, slug)
    form = ScoringForm(request.POST or None, plan=plan)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST:
            n = structure.scoring_save(plan=plan, weights=form.weights())
            messages.success(request, f"The scoring scheme was saved: {n} scores changed.")
            return redirect("plan", plan.slug)
        weights = Weights.from_mappings(*form.weights().values())
        preview = structure.scoring_preview(plan, weights)
    context = {"plan": plan, "form": form, "preview": preview,
               "shared": structure.shared_with(plan)}  # fmt: skip
    return render(request, "web/plan_scoring.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def plan_objectives(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """The plan's objective codes: add one, change its code, text or whether it is part of
    the strategy's framework, or remove one no action refers to."""
    plan = _editable(request, slug)
    objective = Objective(plan=plan)
    if pk is not None:
        objective = get_object_or_404(Objective, plan=plan, pk=pk)
    form = ObjectiveForm(request.POST or None, instance=objective, plan=plan)
    status = 200
    if request.method == "POST" and "remove" in request.POST and objective.pk:
        used = objective.actions.count()  # type: ignore[attr-defined]
        if used:
            messages.error(request, f"{objective.code} is given by {used} action"
                                    f"{pluralize(used)}: change them first.")  # fmt: skip
            status = 400
        else:
            objective.delete()
            plan_check(plan=plan)
            messages.success(request, f"Objective {objective.code} was removed.")
            return redirect("plan-objectives", plan.slug)
    elif request.method == "POST" and form.is_valid():
        saved = form.save()
        plan_check(plan=plan)
        messages.success(request, f"Objective {saved.code} was saved.")
        return redirect("plan-objectives", plan.slug)
    objectives = plan.objectives.annotate(used=Count("actions"))  # type: ignore[attr-defined]
    context = {"plan": plan, "form": form, "objective": objective, "objectives": objectives}
    return render(request, "web/plan_objectives.html", context,
                  status=400 if form.errors else status)  # fmt: skip
