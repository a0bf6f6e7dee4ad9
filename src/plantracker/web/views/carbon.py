"""Carbon pages: an organisation's inventory and targets, its roadmaps with what-ifs, the
area-wide emissions, and the government's conversion factors; with csv/xlsx/json downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from plantracker.carbon import exports, selectors, services
from plantracker.carbon import trajectory as t
from plantracker.carbon.models import CarbonProfile, ConversionFactor, Roadmap
from plantracker.core import permissions, strict
from plantracker.core.models import Organisation
from plantracker.reports import charts

from ..forms.carbon import ScenarioForm
from .common import download, require

TONNES = "tCO2e"
NOTHING_OFF = "Switch something off first: a scenario with everything on is the roadmap itself."


def carbon(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    inventory = selectors.inventory_view(organisation)
    profile = CarbonProfile.objects.filter(organisation=organisation).first()
    roadmaps = [selectors.roadmap_view(r, user=request.user) for r in organisation.roadmaps.all()]
    return render(request, "web/carbon.html", {
        "organisation": organisation, "inventory": inventory, "roadmaps": roadmaps,
        "source_rows": [(s, inventory.row(s)) for s in inventory.sources],
        "uses_factors": any(r.factor_ref for r in inventory.cells.values()),
        "area_code": profile.area_code if profile else "",
        "can_keep": permissions.can_keep_carbon(request.user, organisation),
    })  # fmt: skip


def inventory_export(request: HttpRequest, org: str, fmt: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    data = exports.inventory_data(selectors.inventory_view(organisation))
    return download(fmt, f"{organisation.slug}-emissions", exports.inventory_sheets(data), data)


def _roadmap(org: str, slug: str) -> Roadmap:
    organisation = get_object_or_404(Organisation, slug=org)
    return get_object_or_404(Roadmap, organisation=organisation, slug=slug)


def _off(request: HttpRequest, roadmap: Roadmap) -> tuple[list[str], Any]:
    """The what-if asked for: a saved scenario (?scenario=id) or boxes ticked (?off=…)."""
    scenario = None
    if pk := request.GET.get("scenario", ""):
        scenario = roadmap.scenarios.filter(pk=strict.number_or_none(pk) or 0).first()
        if scenario is None:
            raise Http404("No such scenario")
        return list(scenario.off), scenario
    off = request.POST.getlist("off") if request.method == "POST" else request.GET.getlist("off")
    try:
        return services.clean_off(roadmap, off), None
    except services.UnknownSwitch as exc:
        raise Http404(str(exc)) from None


def roadmap(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    found = _roadmap(org, slug)
    can_save = permissions.can_edit_carbon(request.user, found.organisation)
    off, scenario = _off(request, found)
    # Bound on every POST, even an empty one: an error can only be added to a bound form.
    form = ScenarioForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(can_save)
        if not off:
            form.add_error(None, NOTHING_OFF)
        elif form.is_valid():
            saved, created = services.scenario_save(found, form.cleaned_data["name"], off)
            messages.success(request, f"The scenario ‘{saved.name}’ was "
                                      f"{'saved' if created else 'replaced'}.")  # fmt: skip
            url = reverse("roadmap", args=[found.organisation.slug, found.slug])
            return redirect(f"{url}?scenario={saved.pk}#what-if")
    view = selectors.roadmap_view(found, off=off, user=request.user)
    full = selectors.roadmap_view(found, user=request.user) if off else view
    layers = exports.wedge_layers()
    return render(request, "web/roadmap.html", {
        "organisation": found.organisation, "roadmap": found, "view": view, "full": full,
        "scenario": scenario, "off": set(off), "form": form if can_save else None,
        "can_keep": permissions.can_keep_carbon(request.user, found.organisation),
        "categories": [(c.value, t.CATEGORY_LABELS[c]) for c in t.Category],
        "by_category": [(t.CATEGORY_LABELS[t.Category(k)], v)
                        for k, v in view.by("category").items()],
        "by_area": [(t.AREA_LABELS[t.Area(k)] if k != t.NO_AREA else k, v)
                    for k, v in view.by("area").items()],
        "area_total": sum(v for k, v in view.by("area").items() if k != t.NO_AREA),
        "wedges": charts.wedges_chart(exports.wedge_rows(view), layers, TONNES),
        "waterfall": charts.waterfall_chart(exports.waterfall_rows(view), TONNES),
        "waterfall_steps": view.waterfall(),
        "target_pairs": list(zip(full.targets, view.targets, strict=True)),
        "query": request.GET.urlencode(),
    })  # fmt: skip


def roadmap_export(request: HttpRequest, org: str, slug: str, fmt: str) -> HttpResponse:
    found = _roadmap(org, slug)
    off, _ = _off(request, found)
    data = exports.roadmap_data(selectors.roadmap_view(found, off=off, user=request.user))
    return download(fmt, found.slug, exports.roadmap_sheets(data), data)


def areas(request: HttpRequest) -> HttpResponse:
    return render(request, "web/areas.html", {"areas": selectors.area_codes()})


def _area(code: str) -> selectors.AreaView:
    view = selectors.area_view(code.upper())
    if view is None:
        raise Http404("No emissions are loaded for that area")
    return view


def area(request: HttpRequest, code: str) -> HttpResponse:
    view = _area(code)
    return render(request, "web/area.html", {
        "view": view, "chart": charts.sectors_chart(exports.sector_rows(view), view.sectors),
        "rows": [(y, view.sector_row(y), view.totals.get(y)) for y in view.years],
        "shares": [(what, s.sentence(view.name)) for what, s in view.shares],
    })  # fmt: skip


def area_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    view = _area(code)
    data = exports.area_data(view)
    return download(fmt, f"{view.code.lower()}-emissions", exports.area_sheets(data, view.sectors),
                     data)  # fmt: skip


PAGE = 50


def _factor_query(request: HttpRequest) -> tuple[list[int], int | None, str]:
    years = list(ConversionFactor.objects.values_list("year", flat=True).distinct())
    year_text = request.GET.get("year", "")
    year = strict.year_or_none(year_text) or (max(years) if years else None)
    return years, year, request.GET.get("q", "").strip()[:200]


def factors_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The factors the search finds (every one of the year with no words)."""
    _, year, text = _factor_query(request)
    data = exports.factors_data(selectors.factors_search(year, text))
    return download(fmt, f"conversion-factors-{year or 'none'}", exports.factors_sheets(data),
                    data)  # fmt: skip


def factors(request: HttpRequest) -> HttpResponse:
    years, year, text = _factor_query(request)
    page = Paginator(selectors.factors_search(year, text), PAGE).get_page(request.GET.get("page"))
    return render(request, "web/factors.html", {
        "years": sorted(years), "year": year, "q": text, "page": page,
    })  # fmt: skip
