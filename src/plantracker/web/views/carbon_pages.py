"""The carbon records' own pages for the organisation's editors and administrators: the
baseline year and area, carbon targets, emission sources and their yearly figures, roadmaps
and their workstreams (carbon/editing.py). The public pages are in carbon.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plantracker.carbon import editing
from plantracker.carbon.models import CarbonTarget, EmissionRecord, EmissionSource, Roadmap
from plantracker.core import permissions
from plantracker.core.models import Organisation

from ..forms.carbon import (
    ProfileForm,
    RecordForm,
    RoadmapForm,
    SourceForm,
    TargetForm,
    WorkstreamForm,
)
from .common import require


def _organisation(request: HttpRequest, org: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_keep_carbon(request.user, organisation))
    return organisation


def _page(request: HttpRequest, form: BaseForm, context: dict[str, Any]) -> HttpResponse:
    context = {"form": form, **context}
    return render(request, "web/carbon_form.html", context, status=400 if form.errors else 200)


def _carbon_url(organisation: Organisation, anchor: str) -> str:
    return reverse("carbon", args=[organisation.slug]) + anchor


def _save(request: HttpRequest, form: Any, what: str) -> Model:
    record = editing.saved(form.save(commit=False), request.user)
    form.save_m2m()
    messages.success(request, what)
    return record


@require_http_methods(["GET", "POST"])
def carbon_settings(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = ProfileForm(request.POST or None, instance=editing.profile_for(organisation))
    if request.method == "POST" and form.is_valid():
        _save(request, form, "The carbon settings were saved.")
        return redirect(reverse("carbon-settings", args=[organisation.slug]))
    targets = organisation.carbon_targets.all()  # type: ignore[attr-defined]
    return _page(request, form, {"organisation": organisation, "targets": targets,
                                 "title": "Carbon settings and targets", "button": "Save",
                                 "settings": True})  # fmt: skip


@require_http_methods(["GET", "POST"])
def carbon_target(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, org)
    target = CarbonTarget(organisation=organisation)
    if pk is not None:
        target = get_object_or_404(CarbonTarget, organisation=organisation, pk=pk)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and "delete" in request.POST and target.pk:
        target._history_user = request.user  # type: ignore[attr-defined]
        target.delete()
        messages.success(request, f"The target ‘{target.name}’ was removed.")
        return redirect(reverse("carbon-settings", args=[organisation.slug]))
    if request.method == "POST" and form.is_valid():
        _save(request, form, f"The target ‘{form.instance.name}’ was saved.")
        return redirect(reverse("carbon-settings", args=[organisation.slug]))
    title = f"Change the target ‘{target.name}’" if target.pk else "Add a carbon target"
    back = reverse("carbon-settings", args=[organisation.slug])
    context = {"organisation": organisation, "title": title, "back": back,
               "button": "Save the target", "delete": bool(target.pk)}  # fmt: skip
    return _page(request, form, context)


@require_http_methods(["GET", "POST"])
def emission_source(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, org)
    source = EmissionSource(organisation=organisation)
    if pk is not None:
        source = get_object_or_404(EmissionSource, organisation=organisation, pk=pk)
    form = SourceForm(request.POST or None, instance=source, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, f"The source ‘{form.instance.name}’ was saved.")
        return redirect(reverse("emission-source", args=[organisation.slug, saved.pk]))
    title = f"Emission source: {source.name}" if source.pk else "Add an emission source"
    records = source.records.order_by("-year") if source.pk else []
    back = _carbon_url(organisation, "#inventory")
    return _page(request, form, {"organisation": organisation, "title": title, "back": back,
                                 "button": "Save the source", "source": source,
                                 "records": records})  # fmt: skip


@require_http_methods(["GET", "POST"])
def emission_record(
    request: HttpRequest, org: str, source: int, pk: int | None = None
) -> HttpResponse:
    organisation = _organisation(request, org)
    found = get_object_or_404(EmissionSource, organisation=organisation, pk=source)
    record = EmissionRecord(source=found)
    if pk is not None:
        record = get_object_or_404(EmissionRecord, source=found, pk=pk)
    before = record.tco2e if record.pk else None
    form = RecordForm(request.POST or None, instance=record, source=found)
    if request.method == "POST" and form.is_valid():
        try:
            said = editing.record_save(form.save(commit=False), before=before,
                                       reason=form.cleaned_data.get("reason", ""),
                                       user=request.user)  # fmt: skip
        except editing.NeedsReason as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(request, said)
            return redirect(reverse("emission-source", args=[organisation.slug, found.pk]))
    title = f"{found.name}: {record.period}" if record.pk else f"{found.name}: add a year"
    return _page(request, form, {
        "organisation": organisation, "title": title, "button": "Save the figure",
        "history": editing.figure_history(record) if record.pk else [],
        "back": reverse("emission-source", args=[organisation.slug, found.pk]),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def roadmap_edit(request: HttpRequest, org: str, slug: str | None = None) -> HttpResponse:
    organisation = _organisation(request, org)
    roadmap = Roadmap(organisation=organisation)
    if slug is not None:
        roadmap = get_object_or_404(Roadmap, organisation=organisation, slug=slug)
    form = RoadmapForm(request.POST or None, instance=roadmap)
    if request.method == "POST" and form.is_valid():
        if not roadmap.pk:
            roadmap.slug = editing.roadmap_slug(organisation, form.cleaned_data["title"])
        saved = _save(request, form, f"The roadmap ‘{form.instance.title}’ was saved.")
        return redirect(reverse("roadmap", args=[organisation.slug, saved.slug]))  # type: ignore[attr-defined]
    title = f"Change the roadmap ‘{roadmap.title}’" if roadmap.pk else "Start a roadmap"
    back = (reverse("roadmap", args=[organisation.slug, roadmap.slug]) if roadmap.pk
            else _carbon_url(organisation, "#roadmaps"))  # fmt: skip
    return _page(request, form, {"organisation": organisation, "title": title,
                                 "button": "Save the roadmap", "back": back})  # fmt: skip


@require_http_methods(["GET", "POST"])
def workstream(request: HttpRequest, org: str, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, org)
    roadmap = get_object_or_404(Roadmap, organisation=organisation, slug=slug)
    found = roadmap.workstreams.model(roadmap=roadmap)  # type: ignore[attr-defined]
    if pk is not None:
        found = get_object_or_404(roadmap.workstreams.all(), pk=pk)  # type: ignore[attr-defined]
    form = WorkstreamForm(request.POST or None, instance=found, roadmap=roadmap)
    if request.method == "POST" and form.is_valid():
        _save(request, form, f"The workstream ‘{form.instance.name}’ was saved.")
        return redirect(reverse("roadmap", args=[organisation.slug, roadmap.slug]) + "#workstreams")
    title = f"Workstream: {found.name}" if found.pk else f"Add a workstream to {roadmap.title}"
    back = reverse("roadmap", args=[organisation.slug, roadmap.slug])
    return _page(request, form, {"organisation": organisation, "title": title, "back": back,
                                 "button": "Save the workstream"})  # fmt: skip
