"""A KPI's own pages for its editors: define it, change its definition and targets, retire
and restore it. (Its values are recorded on the KPI's page itself: framework.kpi_detail.)"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.indicators import defining
from plantracker.indicators.models import Indicator, Target
from plantracker.indicators.selectors import indicators_visible
from plantracker.updates import services

from ..forms.actions import VersionForm
from ..forms.fields import BIGGEST_KEY
from ..forms.indicators import KpiForm, RetireForm, TargetForm
from .common import add_refusal, require


def _organisation(request: HttpRequest, org: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_add_kpi(request.user, organisation))
    return organisation


def _kpi(request: HttpRequest, org: str, kpi: str) -> Indicator:
    """The KPI, for someone who may define it (a KPI they may not see is not there)."""
    organisation = get_object_or_404(Organisation, slug=org)
    indicator = indicators_visible(request.user, organisation).filter(slug=kpi).first()
    if indicator is None:
        raise Http404("No such KPI")
    require(permissions.can_define_kpi(request.user, organisation, indicator.plan))
    return indicator


def _form(
    request: HttpRequest, organisation: Organisation, data: object = None, **kw: object
) -> KpiForm:
    return KpiForm(
        data if data is not None else request.POST or None, organisation=organisation,
        plans=permissions.kpi_plans(request.user, organisation),
        org_wide=permissions.can_define_kpi(request.user, organisation), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def kpi_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = _form(request, organisation)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            indicator = defining.kpi_create(
                organisation=organisation, values=form.values(), slug=d["slug"],
                objectives=d["objectives"], measures=d["measures"],
                targets=[(d["target"], d["target_due"])], user=request.user,
            )  # fmt: skip
        except (services.Invalid, services.NotAllowed) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, f"The KPI '{indicator.title}' was defined. Record its "
                                      "values below.")  # fmt: skip
            return redirect("kpi", organisation.slug, indicator.slug)
    context = {"organisation": organisation, "form": form, "indicator": None}
    return render(request, "web/kpi_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def kpi_edit(request: HttpRequest, org: str, kpi: str) -> HttpResponse:
    indicator = _kpi(request, org, kpi)
    organisation = indicator.organisation
    form = _form(request, organisation, indicator=indicator,
                 initial=KpiForm.initial_for(indicator))  # fmt: skip
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            changes = defining.kpi_change(
                indicator=indicator, values=form.values(), objectives=d["objectives"],
                measures=d["measures"], version=d["version"] or 0, user=request.user,
            )  # fmt: skip
        except defining.KpiConflict as exc:
            conflict = exc
            post = request.POST.copy()
            post["version"] = str(Indicator.objects.get(pk=indicator.pk).version)
            form = _form(request, organisation, post, indicator=indicator)
            form.is_valid()
        except (services.Invalid, services.NotAllowed) as exc:
            add_refusal(form, exc)
        else:
            said = ", ".join(c.label.lower() for c in changes)
            messages.success(request, f"Saved: {said}." if said else "Nothing was changed.")
            return redirect("kpi", organisation.slug, indicator.slug)
    context = {"organisation": organisation, "form": form, "indicator": indicator,
               "conflict": conflict}  # fmt: skip
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/kpi_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def kpi_target(request: HttpRequest, org: str, kpi: str, pk: int | None = None) -> HttpResponse:
    """Add a target, or change one; "remove" in the POST removes it."""
    indicator = _kpi(request, org, kpi)
    if pk is not None and pk > BIGGEST_KEY:  # no database holds such a key
        raise Http404("No such target")
    target: Target | None = get_object_or_404(indicator.targets, pk=pk) if pk else None  # type: ignore[attr-defined]
    back = redirect("kpi", indicator.organisation.slug, indicator.slug)
    if request.method == "POST" and target is not None and "remove" in request.POST:
        defining.target_remove(target=target, user=request.user)
        messages.success(request, f"The target '{target.text}' was removed.")
        return back
    initial = {"text": target.text, "due": target.due} if target else None
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if target is None:
                target = defining.target_add(indicator=indicator, text=d["text"], due=d["due"],
                                             user=request.user)  # fmt: skip
                messages.success(request, f"The target '{target.text}' was added.")
            elif defining.target_change(target=target, text=d["text"], due=d["due"],
                                        user=request.user):  # fmt: skip
                messages.success(request, f"The target is now '{target.text}'.")
            else:
                messages.success(request, "Nothing was changed.")
        except (services.Invalid, services.NotAllowed) as exc:
            add_refusal(form, exc)
        else:
            return back
    context = {"organisation": indicator.organisation, "indicator": indicator,
               "target": target, "form": form}  # fmt: skip
    return render(request, "web/kpi_target.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def kpi_retire(request: HttpRequest, org: str, kpi: str) -> HttpResponse:
    indicator = _kpi(request, org, kpi)
    form = RetireForm(request.POST or None, initial={"version": indicator.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            defining.kpi_retire(indicator=indicator, reason=d["reason"], on=d["on"],
                                version=d["version"], user=request.user)  # fmt: skip
        except defining.KpiConflict as exc:
            conflict = exc
        except (services.Invalid, services.NotAllowed) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, f"'{indicator.title}' was retired. {defining.RETIRED_NOTE}")
            return redirect("kpi", indicator.organisation.slug, indicator.slug)
    context = {"organisation": indicator.organisation, "indicator": indicator, "form": form,
               "conflict": conflict}  # fmt: skip
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/kpi_retire.html", context, status=status)


@require_http_methods(["POST"])
def kpi_restore(request: HttpRequest, org: str, kpi: str) -> HttpResponse:
    indicator = _kpi(request, org, kpi)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The page was out of date. Try again.")
    else:
        try:
            defining.kpi_restore(indicator=indicator, version=form.cleaned_data["version"],
                                 user=request.user)  # fmt: skip
        except defining.KpiConflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"'{indicator.title}' is in use again and counted.")
    return redirect("kpi", indicator.organisation.slug, indicator.slug)
