"""The organisation's settings page for its administrators: the name it goes by on
reports, its logo, its committees and its Word template."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.core.organisation_settings import organisation_settings_save
from plantracker.reports.brand import brand_for

from ..forms.organisations import OrganisationSettingsForm
from .common import require


@require_http_methods(["GET", "POST"])
def organisation_settings(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_change_settings(request.user, organisation))
    initial = {"report_name": organisation.report_name, "committees": organisation.committees}
    form = OrganisationSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = organisation_settings_save(
            organisation=organisation, user=request.user, values=form.values()
        )
        said = f"Saved: {_listed(changed)}." if changed else "Nothing was changed."
        messages.success(request, said)
        return redirect("organisation-settings", organisation.slug)
    brand = brand_for(organisation)
    context = {
        "organisation": organisation,
        "form": form,
        "brand": brand,
        "template_name": organisation.word_template.name.rsplit("/", 1)[-1]
        if organisation.word_template
        else "",
    }
    return render(
        request, "web/organisation_settings.html", context, status=400 if form.errors else 200
    )


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
