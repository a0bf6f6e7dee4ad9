"""Committee report downloads for a period."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from plantracker.core import permissions
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import CONTENT_TYPES, RENDERERS, filename

from .common import period_or_404, plan_or_404, require

# The HTML report is one self-contained document (its own style sheet, charts as data: images)
# so that it can be saved, emailed and opened offline as it is. It runs no script at all; it
# may use its own inline styles and nothing else.
STANDALONE_DOCUMENT_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}


@csp_override(STANDALONE_DOCUMENT_CSP)
def period_report(request: HttpRequest, slug: str, period: str, fmt: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    if fmt not in RENDERERS:
        raise Http404("No such format")
    if found.status != "published":
        require(permissions.can_see_unpublished(request.user, plan))
    since = None
    if request.GET.get("since"):
        since = plan.periods.filter(slug=request.GET["since"], status="published").first()
        if since is None or since.position >= found.position:
            raise Http404("Compare with an earlier published period")
    report = committee_report(plan, found, since)
    response = HttpResponse(RENDERERS[fmt](report), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(report, fmt)}"'
    return response
