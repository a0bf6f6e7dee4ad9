"""Writing an update, reviewing it, and assigning contributors to an action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from plantracker.core import permissions
from plantracker.updates import assignments, services
from plantracker.updates import selectors as update_selectors
from plantracker.updates.assignments import assignable
from plantracker.updates.diff import word_diff

from ..forms.updates import AssignForm, ReviewForm, UpdateForm
from .common import action_or_404, add_refusal, period_or_404, plan_or_404, require


def _initial(update: Any, previous: str, action: Any) -> dict[str, Any]:
    if update is None:
        return {
            "narrative": previous,
            "stage": action.stage or "",
            "rag": action.rag or "",
            "version": 0,
        }
    return {
        "narrative": update.narrative,
        "stage": update.stage or "",
        "rag": update.rag or "",
        "rag_reason": update.rag_reason,
        "revised_end": update.revised_end.strftime("%Y-%m") if update.revised_end else "",
        "version": update.version,
    }


@login_required
def update_edit(request: HttpRequest, slug: str, ref: str, period: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    action = action_or_404(plan, ref, unpublished=True)
    require(permissions.can_write_update(request.user, action))
    update = update_selectors.update_get(action, found)
    previous = update_selectors.previous_narrative(action, found)
    conflict = None
    if request.method == "POST":
        form = UpdateForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                saved = services.update_write(
                    action=action,
                    period=found,
                    user=request.user,
                    data=services.UpdateInput(
                        narrative=d["narrative"],
                        stage=d["stage"] or None,
                        rag=d["rag"] or None,
                        rag_reason=d["rag_reason"],
                        revised_end=d["revised_end"],
                    ),
                    version=d["version"],
                    submit="submit" in request.POST,
                )
            except (services.Invalid, services.NotAllowed) as e:
                add_refusal(form, e)
            except services.Conflict as e:
                conflict = e
                update = e.current
                # Keep what the person typed; the next save is made knowing the other change.
                post = request.POST.copy()
                post["version"] = str(update.version if update else 0)
                form = UpdateForm(post)
                form.is_valid()
            else:
                if saved.status == "submitted":
                    messages.success(
                        request, f"Your update for {action.ref} was submitted for approval."
                    )
                    return redirect("my-work")
                messages.success(request, f"Your draft update for {action.ref} was saved.")
                return redirect("update", plan.slug, action.ref, found.slug)
    else:
        form = UpdateForm(initial=_initial(update, previous, action))
    editable = update is None or update.status in ("draft", "returned")
    context = {
        "plan": plan,
        "period": found,
        "action": action,
        "update": update,
        "form": form,
        "conflict": conflict,
        "editable": editable and found.status == "open",
        "previous": previous,
        "diff": word_diff(previous, update.narrative) if update else None,
        "returned_comment": _returned_comment(update),
    }
    return render(request, "web/update_form.html", context)


def _returned_comment(update: Any) -> str:
    if update is None or update.status != "returned":
        return ""
    returns = [e for e in update.events.all() if e.event == "return"]
    return returns[-1].comment if returns else ""


@login_required
def update_review(request: HttpRequest, slug: str, ref: str, period: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    found = period_or_404(request, plan, period)
    require(permissions.can_review(request.user, plan))
    action = action_or_404(plan, ref, unpublished=True)
    update = update_selectors.update_get(action, found)
    if update is None:
        messages.error(request, f"There is no update for {action.ref} in {found.label} yet.")
        return redirect("period", plan.slug, found.slug)
    conflict = None
    form = ReviewForm(request.POST or None, initial={"version": update.version})
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.update_review(
                update=update,
                user=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
            )
        except (services.Invalid, services.NotAllowed) as e:
            add_refusal(form, e)
        except services.Conflict as e:
            conflict = e
            update = update_selectors.update_get(action, found)
            form = ReviewForm(initial={"version": update.version if update else 0})
        else:
            verb = "approved" if approve else "returned to the contributor"
            messages.success(request, f"The update for {action.ref} was {verb}.")
            if request.GET.get("from") == "my-work":  # back to the rest of the list
                return redirect("my-work")
            return redirect("period", plan.slug, found.slug)
    previous = update_selectors.previous_narrative(action, found)
    context = {
        "plan": plan,
        "period": found,
        "action": action,
        "update": update,
        "form": form,
        "conflict": conflict,
        "diff": word_diff(previous, update.narrative) if update else None,
    }
    return render(request, "web/update_review.html", context)


@require_POST
def action_assign(request: HttpRequest, slug: str, ref: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
    require(permissions.can_edit_plan(request.user, plan))
    action = action_or_404(plan, ref, unpublished=True)
    choices = [(str(u.pk), assignments.name(u)) for u in assignable(plan)]
    form = AssignForm(request.POST, people=choices)
    if not form.is_valid():
        messages.error(request, assignments.ASSIGN_UNKNOWN)
        return redirect("action", plan.slug, action.ref)
    try:
        done = assignments.action_assign(
            action=action,
            user=request.user,
            shown=form.cleaned_data["shown"],
            chosen=form.cleaned_data["assignees"],
        )
    except (services.Invalid, services.NotAllowed) as e:
        messages.error(request, str(e))
    else:
        (messages.warning if done.others_changed else messages.success)(request, done.message)
    return redirect("action", plan.slug, action.ref)
