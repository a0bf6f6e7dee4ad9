"""A plan's data-quality findings for its editors: where each is fixed, and dismissing one
that needs no change (plans/findings.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.plans import findings as dismissals
from plantracker.plans.models import Finding, Plan
from plantracker.plans.selectors import plan_findings

from ..forms.actions import ActionForm
from ..forms.plans import DismissForm
from .common import plan_or_404, require

# A finding's field as the checks and the importer name it → the action form's field.
FORM_FIELD = {"score": "recorded_score", "objective": "objectives", "objectives": "objectives"}


def fix_url(plan: Plan, finding: Finding, refs: set[str]) -> str | None:
    """The form field that fixes the finding: the action's own field on its edit page, the
    plan's themes for a heading, None when the action is no longer in the plan."""
    if not finding.ref:
        if finding.field == "theme":
            return reverse("plan-themes", args=[plan.slug])
        return reverse("plan-settings", args=[plan.slug])
    if finding.ref not in refs:
        return None
    url = reverse("action-edit", args=[plan.slug, finding.ref])
    name = FORM_FIELD.get(finding.field, finding.field)
    if name in ActionForm.base_fields:
        return f"{url}#id_{name}" + ("_0" if name == "objectives" else "")
    return url


def for_editors(plan: Plan) -> dict[str, list[Finding]]:
    """The plan page's findings: still raised, and dismissed; each with where it is fixed."""
    refs = set(plan.actions.values_list("ref", flat=True))  # type: ignore[attr-defined]
    found = plan_findings(plan=plan)
    for f in found:
        f.fix = fix_url(plan, f, refs)  # type: ignore[attr-defined]
    return {
        "open": [f for f in found if not f.dismissed],
        "dismissed": [f for f in found if f.dismissed],
    }


def _finding(request: HttpRequest, slug: str, pk: int) -> tuple[Plan, Finding]:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    finding = plan.findings.filter(pk=pk).first()  # type: ignore[attr-defined]
    if finding is None:
        raise Http404("No such finding")
    return plan, finding


@require_http_methods(["GET", "POST"])
def finding_dismiss(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, finding = _finding(request, slug, pk)
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dismissals.finding_dismiss(
                finding=finding, reason=form.cleaned_data["reason"], user=request.user
            )
        except dismissals.NotDismissable as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(request, "The finding was dismissed. It stays listed as dismissed.")
            return redirect(reverse("plan", args=[plan.slug]) + "#findings-dismissed")
    refs = set(plan.actions.filter(ref=finding.ref).values_list("ref", flat=True))  # type: ignore[attr-defined]
    context = {"plan": plan, "finding": finding, "form": form,
               "fix": fix_url(plan, finding, refs)}  # fmt: skip
    return render(request, "web/finding_dismiss.html", context, status=400 if form.errors else 200)


@require_http_methods(["POST"])
def finding_restore(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan, finding = _finding(request, slug, pk)
    dismissals.finding_restore(finding=finding)
    messages.success(request, "The finding is raised again.")
    return redirect(reverse("plan", args=[plan.slug]) + "#findings")
