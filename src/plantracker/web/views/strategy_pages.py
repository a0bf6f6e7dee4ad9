"""A strategy's own pages for the organisation's editors: start a strategy, change it and the
plans that deliver it, and add, change or remove its aims, objectives, outcomes and measures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.forms import BaseModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.strategy.models import Aim, Measure, Outcome, Strategy, StrategyObjective

from ..forms.strategy import AimForm, MeasureForm, ObjectiveForm, OutcomeForm, StrategyForm
from .common import require


@dataclass(frozen=True)
class Record:
    model: Any
    form: type[BaseModelForm]  # type: ignore[type-arg]
    name: str  # "aim", as the page says it
    kind: str  # the strategy kind it belongs to

    def of(self, strategy: Strategy) -> Any:
        """The strategy's own records of this kind (nothing of another strategy's)."""
        if self.model is Aim:
            return Aim.objects.filter(strategy=strategy)
        if self.model is StrategyObjective:
            return StrategyObjective.objects.filter(aim__strategy=strategy)
        if self.model is Outcome:
            return Outcome.objects.filter(strategy=strategy)
        return Measure.objects.filter(outcome__strategy=strategy)


RECORDS = {
    "aims": Record(Aim, AimForm, "aim", Strategy.Kind.AIMS),
    "objectives": Record(StrategyObjective, ObjectiveForm, "objective", Strategy.Kind.AIMS),
    "outcomes": Record(Outcome, OutcomeForm, "outcome", Strategy.Kind.OUTCOMES),
    "measures": Record(Measure, MeasureForm, "measure", Strategy.Kind.OUTCOMES),
}


def _organisation(request: HttpRequest, org: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_add_plan(request.user, organisation))
    return organisation


def _strategy(request: HttpRequest, org: str, slug: str) -> Strategy:
    organisation = _organisation(request, org)
    return get_object_or_404(Strategy, organisation=organisation, slug=slug)


def _save_plans(strategy: Strategy, plans: Any) -> None:
    strategy.plans.exclude(pk__in=[p.pk for p in plans]).update(framework=None)  # type: ignore[attr-defined]
    for plan in plans:
        plan.framework = strategy
        plan.save(update_fields=["framework"])


@require_http_methods(["GET", "POST"])
def strategy_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = StrategyForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        strategy = form.save(commit=False)
        strategy.organisation = organisation
        base = slugify(strategy.title)[:90] or "strategy"
        strategy.slug, n = base, 2
        while Strategy.objects.filter(slug=strategy.slug).exists():
            strategy.slug, n = f"{base}-{n}", n + 1
        with transaction.atomic():
            strategy.save()
            _save_plans(strategy, form.cleaned_data["plans"])
        parts = "aims" if strategy.kind == Strategy.Kind.AIMS else "outcomes"
        messages.success(request, f"{strategy.title} was created. Add its {parts}.")
        return redirect("strategy-edit", organisation.slug, strategy.slug)
    context = {"organisation": organisation, "form": form, "strategy": None}
    return render(request, "web/strategy_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def strategy_edit(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    strategy = _strategy(request, org, slug)
    form = StrategyForm(request.POST or None, instance=strategy,
                        organisation=strategy.organisation)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            _save_plans(strategy, form.cleaned_data["plans"])
        messages.success(request, "The strategy was saved.")
        return redirect("strategy-edit", strategy.organisation.slug, strategy.slug)
    kinds = ["aims", "objectives"] if strategy.kind == Strategy.Kind.AIMS else [
        "outcomes", "measures"]  # fmt: skip
    lists = [(k, RECORDS[k], list(RECORDS[k].of(strategy))) for k in kinds]
    context = {"organisation": strategy.organisation, "strategy": strategy, "form": form,
               "lists": lists}  # fmt: skip
    return render(request, "web/strategy_form.html", context, status=400 if form.errors else 200)


def _record(kind: str, strategy: Strategy) -> Record:
    record = RECORDS.get(kind)
    if record is None or record.kind != strategy.kind:
        raise Http404("No such part of this strategy")
    return record


@require_http_methods(["GET", "POST"])
def record_edit(
    request: HttpRequest, org: str, slug: str, kind: str, pk: int | None = None
) -> HttpResponse:
    strategy = _strategy(request, org, slug)
    record = _record(kind, strategy)
    instance = get_object_or_404(record.of(strategy), pk=pk) if pk else None
    if instance is None and record.model in (Aim, Outcome):
        instance = record.model(strategy=strategy)
    form = record.form(request.POST or None, instance=instance, strategy=strategy)  # type: ignore[call-arg]
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save()
        except IntegrityError:
            form.add_error(None, f"Another {record.name} of this strategy already has that "
                                 "code. Give it a code of its own.")  # fmt: skip
        else:
            messages.success(request, f"The {record.name} '{str(saved)[:60]}' was saved.")
            return redirect("strategy-edit", strategy.organisation.slug, strategy.slug)
    context = {"organisation": strategy.organisation, "strategy": strategy, "form": form,
               "record": record, "kind": kind, "instance": instance if pk else None}  # fmt: skip
    return render(request, "web/strategy_record.html", context,
                  status=400 if form.errors else 200)  # fmt: skip


@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, org: str, slug: str, kind: str, pk: int) -> HttpResponse:
    strategy = _strategy(request, org, slug)
    record = _record(kind, strategy)
    instance = get_object_or_404(record.of(strategy), pk=pk)
    if request.method == "POST":
        name = str(instance)[:60]
        instance.delete()
        messages.success(request, f"The {record.name} '{name}' was removed.")
        return redirect("strategy-edit", strategy.organisation.slug, strategy.slug)
    context = {"organisation": strategy.organisation, "strategy": strategy, "record": record,
               "instance": instance, "goes_with": _goes_with(instance)}  # fmt: skip
    return render(request, "web/strategy_delete.html", context)


def _goes_with(instance: Any) -> list[str]:
    """What removing the record removes or unlinks, for the confirmation page."""
    out = []
    if isinstance(instance, Aim):
        n = instance.objectives.count()  # type: ignore[attr-defined]
        out.append(f"its {n} objective{'s' if n != 1 else ''}")
    if isinstance(instance, Outcome):
        n = instance.children.count() + instance.measures.count()  # type: ignore[attr-defined]
        out.append(f"its {n} supporting outcomes and measures")
    if hasattr(instance, "indicators"):
        n = instance.indicators.count()
        if n:
            out.append(f"its links to {n} KPI{'s' if n != 1 else ''} (the KPIs are kept)")
    return out
