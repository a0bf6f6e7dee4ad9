"""Writes for reporting cycles: periods, updates and their workflow, publishing.

Every function checks permission and workflow first and raises NotAllowed or Conflict
with a message for the person; nothing is half-written (each runs in one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from plantracker.core import permissions
from plantracker.plans.models import Action, Plan
from plantracker.plans.vocab import RAG, Stage

from . import report_text, signals
from .changes import FieldChange
from .models import ProgressUpdate, ReportingPeriod, UpdateEvent
from .snapshots import snapshot_create
from .workflow import EDITABLE, Event, Status, WorkflowError, rag_worsened, transition

Period = ReportingPeriod.Status


class NotAllowed(Exception):
    """The person may not do this now; the message says why and what to do."""


class Invalid(Exception):
    """The input is incomplete; `errors` maps each field to what to fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class Conflict(Exception):
    """Someone else saved this update after the version the person started from."""

    def __init__(self, current: ProgressUpdate | None, theirs: list[FieldChange]) -> None:
        who = getattr(current.author, "username", "someone") if current else "someone"
        super().__init__(
            f"{who} changed this update while you were editing it. Your changes were not "
            "saved. Check what they changed, then make your changes again."
        )
        self.current = current
        self.theirs = theirs


@dataclass
class UpdateInput:
    narrative: str = ""
    stage: str | None = None
    rag: str | None = None
    rag_reason: str = ""
    revised_end: date | None = None


FIELDS = {
    "narrative": "Update",
    "stage": "Stage",
    "rag": "RAG",
    "rag_reason": "Reason for the RAG change",
    "revised_end": "Revised end date",
    "status": "Status",
}


# --- periods -------------------------------------------------------------------------------


@transaction.atomic
def period_create(
    *,
    plan: Plan,
    user: Any,
    label: str,
    due: date | None = None,
    meeting: str = "",
    meeting_date: date | None = None,
    report_of: str = "",
) -> ReportingPeriod:
    if not permissions.can_manage_periods(user, plan):
        raise NotAllowed("Only the plan's editors, approvers and administrators can add periods.")
    label = " ".join(label.split())
    if not label:
        raise Invalid({"label": "Enter a name for the period, for example March 2024"})
    if plan.periods.filter(label__iexact=label).exists():
        raise Invalid({"label": f"This plan already has a period called {label}"})
    last = plan.periods.order_by("-position").first()
    return ReportingPeriod.objects.create(
        plan=plan,
        label=label,
        position=(last.position + 1) if last else 0,
        due=due,
        meeting=meeting,
        meeting_date=meeting_date,
        report_of=report_of,
    )


def _period_step(period: ReportingPeriod, user: Any, wanted: str) -> None:
    if not permissions.can_review(user, period.plan):
        raise NotAllowed("Only the plan's approvers and administrators can close or publish it.")
    allowed = {
        Period.CLOSED: {Period.OPEN},
        Period.OPEN: {Period.CLOSED},
        Period.PUBLISHED: {Period.CLOSED},
    }
    if period.status not in allowed[wanted]:  # type: ignore[index]
        raise NotAllowed(
            f"{period.label} is {period.get_status_display().lower()}; "
            + {
                Period.CLOSED: "only an open period can be closed.",
                Period.OPEN: "only a closed period can be reopened.",
                Period.PUBLISHED: "close the period before publishing it.",
            }[wanted]  # type: ignore[index]
        )


@transaction.atomic
def period_report_save(
    *,
    period: ReportingPeriod,
    user: Any,
    text: dict[str, Any],
    meeting: str = "",
    meeting_date: date | None = None,
    report_of: str = "",
) -> ReportingPeriod:
    """The period's meeting and its report's own text. A published period's report is
    frozen: it is what the committee received."""
    period = ReportingPeriod.objects.select_for_update().select_related("plan").get(pk=period.pk)
    if not permissions.can_manage_periods(user, period.plan):
        raise NotAllowed(
            "Only the plan's editors, approvers and administrators can write its reports."
        )
    if period.status == Period.PUBLISHED:
        raise NotAllowed(
            f"{period.label} has been published, so its report is what the committee "
            "received and cannot be changed."
        )
    period.meeting = meeting.strip()
    period.meeting_date = meeting_date
    period.report_of = report_of.strip()
    period.report_text = report_text.cleaned(text, period=True)
    period._history_user = user  # type: ignore[attr-defined]
    period.save()
    return period


@transaction.atomic
def plan_report_defaults_save(*, plan: Plan, user: Any, text: dict[str, Any]) -> Plan:
    """What every period's report says where the period says nothing of its own.
    Periods already published keep the text they were published with."""
    if not permissions.can_manage_periods(user, plan):
        raise NotAllowed(
            "Only the plan's editors, approvers and administrators can write its reports."
        )
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.report_defaults = report_text.cleaned(text, period=False)
    plan.save(update_fields=["report_defaults"])
    return plan


@transaction.atomic
def _period_move(period: ReportingPeriod, user: Any, wanted: str) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    _period_step(period, user, wanted)
    period.status = wanted
    period.save()
    return period


def period_close(*, period: ReportingPeriod, user: Any) -> ReportingPeriod:
    return _period_move(period, user, Period.CLOSED)


def period_reopen(*, period: ReportingPeriod, user: Any) -> ReportingPeriod:
    return _period_move(period, user, Period.OPEN)


@transaction.atomic
def period_publish(*, period: ReportingPeriod, user: Any) -> ReportingPeriod:
    """Publish approved updates into their actions and freeze the snapshot."""
    period = ReportingPeriod.objects.select_for_update().select_related("plan").get(pk=period.pk)
    _period_step(period, user, Period.PUBLISHED)
    updates = list(period.updates.select_related("action").order_by("action__position"))
    waiting = [u.action.ref for u in updates if u.status == Status.SUBMITTED]
    if waiting:
        raise NotAllowed(
            f"{len(waiting)} update(s) are waiting for approval ({', '.join(waiting)}). "
            "Approve or return them before publishing."
        )
    for u in updates:
        if u.status != Status.APPROVED:
            continue
        action = u.action
        action.stage = u.stage or action.stage
        action.rag = u.rag or action.rag
        if u.revised_end:
            action.revised_end = u.revised_end
        action._history_user = user  # type: ignore[attr-defined]
        action._change_reason = f"Published with {period.label}"  # type: ignore[attr-defined]
        action.save()
        _step(u, Event.PUBLISH, user)
    period.status = Period.PUBLISHED
    period.published_at = timezone.now()
    # The report's own text is frozen with the snapshot: the plan's defaults filled in now.
    period.report_text = report_text.merged(period.plan.report_defaults, period.report_text)
    period.save()
    snapshot_create(period, user)
    signals.period_published.send(ReportingPeriod, period=period, user=user)
    return period


# --- updates -------------------------------------------------------------------------------


def _step(update: ProgressUpdate, event: Event, user: Any, comment: str = "") -> None:
    update.status = transition(update.status, event)
    update.version += 1
    update._history_user = user  # type: ignore[attr-defined]
    update.save()
    UpdateEvent.objects.create(
        update=update, event=event, status=update.status, actor=user, comment=comment
    )


def _validate(action: Action, data: UpdateInput) -> dict[str, str]:
    errors = {}
    if data.stage and data.stage not in Stage.values:
        errors["stage"] = "Choose a stage from the list"
    if data.rag and data.rag not in RAG.values:
        errors["rag"] = "Choose Red, Amber or Green, or leave it not known"
    if rag_worsened(action.rag, data.rag) and not data.rag_reason.strip():
        was = action.rag or "not known"
        errors["rag_reason"] = f"Say why the RAG is now {data.rag} (it was {was}): members will ask"
    base = action.start
    if data.revised_end and base and data.revised_end < base:
        errors["revised_end"] = "The revised end date must be after the action's start"
    if not data.narrative.strip():
        errors["narrative"] = "Write the update: what has happened since the last report"
    return errors


def changes_since(update: ProgressUpdate | None, version: int) -> list[FieldChange]:
    """What changed in `update` after `version`: the other person's edits in a conflict."""
    if update is None:
        return []
    seen = update.history.filter(version=version).order_by("-history_date").first()
    out = []
    for key, label in FIELDS.items():
        old = getattr(seen, key, None) if seen else None
        new = getattr(update, key)
        if (old or None) != (new or None):
            out.append(FieldChange(key, label, old, new))
    return out


@transaction.atomic
def update_write(
    *,
    action: Action,
    period: ReportingPeriod,
    user: Any,
    data: UpdateInput,
    version: int,
    submit: bool = False,
) -> ProgressUpdate:
    """Save (or save and submit) a contributor's update. `version` is the version the form
    was drawn from: 0 when there was no update yet."""
    if not permissions.can_write_update(user, action):
        raise NotAllowed("Only this action's contributors and the plan's editors can update it.")
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != Period.OPEN:
        raise NotAllowed(
            f"{period.label} is {period.get_status_display().lower()}: updates can only be "
            "written while the period is open. Ask the plan's approver to reopen it."
        )
    current = ProgressUpdate.objects.select_for_update().filter(action=action, period=period)
    update = current.first()
    if (update.version if update else 0) != version:
        raise Conflict(update, changes_since(update, version))
    status = update.status if update else None
    if status not in EDITABLE:
        raise NotAllowed(
            f"This update is {Status(status).label.lower()}; it can only be changed after "
            "the approver returns it."
        )
    event = Event.SUBMIT if submit else Event.SAVE
    errors = _validate(action, data)
    if not submit:  # a draft may be unfinished, but not wrong
        errors.pop("narrative", None)
    if errors:
        raise Invalid(errors)
    try:
        transition(status, event)
    except WorkflowError as e:
        raise NotAllowed(str(e)) from e
    if update is None:
        update = ProgressUpdate(action=action, period=period, version=0)
    update.narrative = data.narrative.replace("\r\n", "\n")
    update.stage = data.stage or None
    update.rag = data.rag or None
    update.rag_reason = data.rag_reason.strip()
    update.revised_end = data.revised_end
    update.author = user
    update.status = Status(status) if status else Status.DRAFT
    try:
        with transaction.atomic():
            _step(update, event, user)
    except IntegrityError as e:  # two first saves at once: the other one won
        other = ProgressUpdate.objects.filter(action=action, period=period).first()
        raise Conflict(other, changes_since(other, 0)) from e
    if submit:
        signals.update_submitted.send(ProgressUpdate, update=update, user=user)
    return update


@transaction.atomic
def update_review(
    *, update: ProgressUpdate, user: Any, approve: bool, comment: str = "", version: int
) -> ProgressUpdate:
    """The approver's decision: approve, or return with a comment saying what to change."""
    plan = update.action.plan
    if not permissions.can_review(user, plan):
        raise NotAllowed("Only the plan's approvers and administrators can approve updates.")
    update = ProgressUpdate.objects.select_for_update().select_related("period").get(pk=update.pk)
    if update.version != version:
        raise Conflict(update, changes_since(update, version))
    if update.period.status == Period.PUBLISHED:
        raise NotAllowed(f"{update.period.label} is published; its updates are final.")
    if not approve and not comment.strip():
        raise Invalid({"comment": "Say what the contributor should change"})
    try:
        _step(update, Event.APPROVE if approve else Event.RETURN, user, comment.strip())
    except WorkflowError as e:
        raise NotAllowed(str(e)) from e
    if not approve:
        signals.update_returned.send(ProgressUpdate, update=update, user=user, comment=comment)
    return update
