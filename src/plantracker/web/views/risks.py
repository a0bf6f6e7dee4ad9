"""A risk's own page: everything its register records about it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from plantracker.core.models import Organisation
from plantracker.risks.selectors import registers_visible, risk_get


def risk_detail(request: HttpRequest, org: str, register: str, ref: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    found = registers_visible(request.user, organisation).filter(slug=register).first()
    view = risk_get(found, ref, request.user) if found else None
    if found is None or view is None:
        raise Http404("No such risk")
    context = {"organisation": organisation, "register": found, "r": view}
    return render(request, "web/risk.html", context)
