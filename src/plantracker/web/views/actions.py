"""An action's own pages for the plan's editors: add, edit, withdraw, restore, delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from plantracker.core import permissions
from plantracker.plans import editing
from plantracker.plans.models import Action, Plan

from ..forms.actions import ActionForm, VersionForm, WithdrawForm
from .common import action_or_404, plan_or_404, require


def _editable_plan(request: HttpRequest, slug: str) -> Plan:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    return plan


@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    form = ActionForm(request.POST or None, plan=plan, initial={"ref": editing.next_ref(plan)})
    if request.method == "POST" and form.is_valid():
        action = editing.action_create(
            plan=plan, ref=form.cleaned_data["ref"], values=form.values(),
            partners=form.partner_names(), objectives=form.chosen_objectives(),
            user=request.user,
        )  # fmt: skip
        messages.success(request, f"{action.ref} was added to the plan.")
        return redirect("action", plan.slug, action.ref)
    context = {"plan": plan, "form": form, "action": None}
    return render(request, "web/action_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    action = action_or_404(plan, ref, unpublished=True)
    initial = ActionForm.initial_for(action)
    form = ActionForm(request.POST or None, plan=plan, action=action, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changes = editing.action_change(
                action=action, values=form.values(), partners=form.partner_names(),
                objectives=form.chosen_objectives(),
                version=form.cleaned_data["version"] or 0, user=request.user,
            )  # fmt: skip
        except editing.ActionConflict as exc:
            conflict = exc
            post = request.POST.copy()
            post["version"] = str(Action.objects.get(pk=action.pk).version)
            form = ActionForm(post, plan=plan, action=action)
            form.is_valid()
        else:
            said = ", ".join(c.label.lower() for c in changes) if changes else ""
            messages.success(
                request, f"{action.ref}: {said} saved." if said else "Nothing was changed."
            )
            return redirect("action", plan.slug, action.ref)
    context = {"plan": plan, "form": form, "action": action, "conflict": conflict}
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/action_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def action_withdraw(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    action = action_or_404(plan, ref, unpublished=True)
    form = WithdrawForm(request.POST or None, initial={"version": action.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            editing.action_withdraw(action=action, reason=d["reason"], on=d["on"],
                                    version=d["version"], user=request.user)  # fmt: skip
        except editing.ActionConflict as exc:
            conflict = exc
        else:
            messages.success(request, f"{action.ref} was withdrawn. It is kept, labelled "
                                      "Withdrawn, and left out of counts.")  # fmt: skip
            return redirect("action", plan.slug, action.ref)
    context = {"plan": plan, "form": form, "action": action, "conflict": conflict,
               "deletable": permissions.can_delete_action(request.user, plan)
               and editing.deletable(action)}  # fmt: skip
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/action_withdraw.html", context, status=status)


@require_http_methods(["POST"])
def action_restore(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    action = action_or_404(plan, ref, unpublished=True)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The page was out of date. Try again.")
        return redirect("action", plan.slug, action.ref)
    try:
        editing.action_restore(action=action, version=form.cleaned_data["version"],
                               user=request.user)  # fmt: skip
    except editing.ActionConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{action.ref} is back in the plan and counted again.")
    return redirect("action", plan.slug, action.ref)


@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    require(permissions.can_delete_action(request.user, plan))
    action = action_or_404(plan, ref, unpublished=True)
    if request.method == "POST":
        try:
            editing.action_delete(action=action, user=request.user)
        except editing.NotDeletable as exc:
            messages.error(request, str(exc))
            return redirect("action", plan.slug, action.ref)
        messages.success(request, f"{ref} was deleted.")
        return redirect("actions", plan.slug)
    context = {"plan": plan, "action": action, "deletable": editing.deletable(action)}
    return render(request, "web/action_delete.html", context)
