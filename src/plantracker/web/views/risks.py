"""A risk's own page, and the pages where the organisation's editors and administrators keep
its registers: create a register and set its matrix (with a preview of the bands), add and
change risks, close and reopen them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.core.models import Organisation
from plantracker.risks import services
from plantracker.risks.models import Risk, RiskRegister
from plantracker.risks.selectors import registers_visible, risk_get

from ..forms.risks import RegisterForm, RiskForm, RiskStatusForm
from .common import require


def risk_detail(request: HttpRequest, org: str, register: str, ref: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    found = registers_visible(request.user, organisation).filter(slug=register).first()
    view = risk_get(found, ref, request.user) if found else None
    if found is None or view is None:
        raise Http404("No such risk")
    context = {"organisation": organisation, "register": found, "r": view,
               "today": timezone.localdate(),
               "can_edit": permissions.can_edit_risks(request.user, organisation)}  # fmt: skip
    return render(request, "web/risk.html", context)


def _editable(request: HttpRequest, org: str, register: str | None = None) -> tuple[
    Organisation, RiskRegister | None
]:  # fmt: skip
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_edit_risks(request.user, organisation))
    if register is None:
        return organisation, None
    found = registers_visible(request.user, organisation).filter(slug=register).first()
    if found is None:
        raise Http404("No such risk register")
    return organisation, found


def _risk_or_404(register: RiskRegister, ref: str) -> Risk:
    risk = register.risks.filter(ref=ref).first()  # type: ignore[attr-defined]
    if risk is None:
        raise Http404("No such risk")
    return risk  # type: ignore[no-any-return]


@require_http_methods(["GET", "POST"])
def register_new(request: HttpRequest, org: str) -> HttpResponse:
    return _register_form(request, org, None)


@require_http_methods(["GET", "POST"])
def register_settings(request: HttpRequest, org: str, register: str) -> HttpResponse:
    return _register_form(request, org, register)


def _register_form(request: HttpRequest, org: str, slug: str | None) -> HttpResponse:
    organisation, register = _editable(request, org, slug)
    form = RegisterForm(request.POST or None, organisation=organisation, register=register,
                        initial=RegisterForm.initial_for(register))  # fmt: skip
    preview, conflict = None, None
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST:
            try:
                if register is None:
                    register = services.register_create(
                        organisation=organisation, plan=form.cleaned_data["plan"],
                        values=form.values(), user=request.user,
                    )  # fmt: skip
                    messages.success(request, f"{register.title} was created. Add its risks.")
                else:
                    changes = services.register_change(
                        register=register, values=form.values(),
                        version=form.cleaned_data["version"] or 0, user=request.user,
                    )  # fmt: skip
                    said = ", ".join(c.label.lower() for c in changes)
                    messages.success(request, f"{said.capitalize()} saved." if said
                                     else "Nothing was changed.")  # fmt: skip
                return redirect("register", organisation.slug, register.slug)
            except services.RiskConflict as exc:
                conflict = exc
            except services.Refused as exc:
                form.add_error(None, str(exc))
        if not form.errors:
            preview = services.matrix_preview(form.matrix(), register)
    context = {"organisation": organisation, "register": register, "form": form,
               "preview": preview, "conflict": conflict}  # fmt: skip
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/register_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def risk_new(request: HttpRequest, org: str, register: str) -> HttpResponse:
    organisation, found = _editable(request, org, register)
    assert found is not None
    form = RiskForm(request.POST or None, register=found,
                    initial={"ref": services.next_ref(found)})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(
                register=found, ref=form.cleaned_data["ref"], values=form.values(),
                actions=form.chosen_actions(), user=request.user,
            )  # fmt: skip
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{risk.ref} was added to the register.")
            return redirect("risk", organisation.slug, found.slug, risk.ref)
    context = {"organisation": organisation, "register": found, "form": form, "risk": None}
    return render(request, "web/risk_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, org: str, register: str, ref: str) -> HttpResponse:
    organisation, found = _editable(request, org, register)
    assert found is not None
    risk = _risk_or_404(found, ref)
    form = RiskForm(request.POST or None, register=found, risk=risk,
                    initial=RiskForm.initial_for(risk))  # fmt: skip
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.risk_change(
                risk=risk, values=form.values(), actions=form.chosen_actions(),
                version=form.cleaned_data["version"] or 0, user=request.user,
            )  # fmt: skip
        except services.RiskConflict as exc:
            conflict = exc
            post = request.POST.copy()
            post["version"] = str(Risk.objects.get(pk=risk.pk).version)
            form = RiskForm(post, register=found, risk=risk)
            form.is_valid()
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            said = ", ".join(c.label.lower() for c in changes)
            messages.success(request, f"{risk.ref}: {said} saved." if said
                             else "Nothing was changed.")  # fmt: skip
            return redirect("risk", organisation.slug, found.slug, risk.ref)
    context = {"organisation": organisation, "register": found, "form": form, "risk": risk,
               "conflict": conflict}  # fmt: skip
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/risk_form.html", context, status=status)


def _status_change(request: HttpRequest, org: str, register: str, ref: str, close: bool) -> (
    HttpResponse
):  # fmt: skip
    organisation, found = _editable(request, org, register)
    assert found is not None
    risk = _risk_or_404(found, ref)
    form = RiskStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The page was out of date. Try again.")
        return redirect("risk", organisation.slug, found.slug, risk.ref)
    change = services.risk_close if close else services.risk_reopen
    try:
        change(risk=risk, version=form.cleaned_data["version"], user=request.user)
    except (services.RiskConflict, services.Refused) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"{risk.ref} was closed. It is kept, labelled Closed, and left out of the open "
            "risks, the heat maps and the committee report's worst risks."
            if close
            else f"{risk.ref} was reopened and counts as an open risk again.",
        )
    return redirect("risk", organisation.slug, found.slug, risk.ref)


@require_http_methods(["POST"])
def risk_close(request: HttpRequest, org: str, register: str, ref: str) -> HttpResponse:
    return _status_change(request, org, register, ref, close=True)


@require_http_methods(["POST"])
def risk_reopen(request: HttpRequest, org: str, register: str, ref: str) -> HttpResponse:
    return _status_change(request, org, register, ref, close=False)
