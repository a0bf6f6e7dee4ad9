"""The organisation overview, and the site-wide one for a host of several councils: thin
views over plantracker.reports.overview, with CSV, Excel and JSON downloads."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from plantracker.core.models import Organisation
from plantracker.reports import charts
from plantracker.reports import overview as figures
from plantracker.reports.charts import RAGS, STAGES

from .common import download

TONNES = "tCO2e"


def _context(o: figures.Overview, organisation: Organisation | None) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "o": o,
        "rags": RAGS,
        "stages": STAGES,
        "rag_chart": charts.rag_by_theme(figures.by_plan_rows(o, "rag")),
        "stage_chart": charts.stage_by_theme(figures.by_plan_rows(o, "stage")),
        "emissions": [
            (e, charts.emissions_chart(figures.emissions_rows(e), figures.emissions_series(e),
                                       TONNES), f"chart-emissions-{i}", f"chart-emissions-{i}-spec")
            for i, e in enumerate(o.emissions, 1)
        ],
    }  # fmt: skip


def _sheets(o: figures.Overview) -> list[Any]:
    return [("Overview", figures.HEAD, figures.overview_rows(o))]


def organisation_overview(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    o = figures.overview(request.user, organisation, timezone.localdate())
    return render(request, "web/overview.html", _context(o, organisation))


def organisation_overview_export(request: HttpRequest, org: str, fmt: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    o = figures.overview(request.user, organisation, timezone.localdate())
    name = f"{organisation.slug}-overview"
    return download(fmt, name, _sheets(o), figures.overview_data(o))


def site_overview(request: HttpRequest) -> HttpResponse:
    o = figures.overview(request.user, None, timezone.localdate())
    return render(request, "web/overview.html", _context(o, None))


def site_overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    o = figures.overview(request.user, None, timezone.localdate())
    return download(fmt, "overview", _sheets(o), figures.overview_data(o))
