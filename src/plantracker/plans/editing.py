"""Changing a plan's actions on their pages: add, edit, withdraw, restore and delete.

Every change goes through here, so each one is checked against the version the person's page
showed (a form older than the last save is refused as a conflict, with what the other person
changed), bumps the action's version, re-scores the action and is kept in its history with who
made it and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from plantracker.core.changes import Change, EditConflict

from .models import Action, Objective, Partner, Plan
from .services import action_score, plan_check

# The fields an editor changes on the action's page, with the words the page uses.
LABELS = {
    "title": "Title",
    "theme": "Theme",
    "role": "Council's role",
    "scope": "Scope",
    "lead": "Lead",
    "owner": "Owner",
    "timescale": "Timescale",
    "start": "Start",
    "end": "End",
    "cost": "Cost to the council",
    "carbon": "Carbon saving",
    "stage": "Stage",
    "recorded_score": "Recorded score",
    "estimated_tco2e": "Estimated tCO2e saved",
    "success_measure": "Measure of success",
    "withdrawn_on": "Withdrawn on",
    "withdrawn_reason": "Reason for withdrawing",
}
SCALARS = [f for f in LABELS if f not in {"withdrawn_on", "withdrawn_reason"}]


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, date):
        return value.strftime("%B %Y")
    return str(value)


class ActionChange(Change):
    """A change to one of an action's fields; a month reads as "March 2027"."""

    @staticmethod
    def shown(value: Any) -> str:
        return _show(value)


class ActionConflict(EditConflict):
    def __init__(self, action: Action, theirs: list[ActionChange]) -> None:
        super().__init__(action, "action", theirs)


class NotDeletable(Exception):
    pass


def values_of(action: Action) -> dict[str, Any]:
    """The action's own fields as its page shows them (the theme by name)."""
    out = {f: getattr(action, f) for f in LABELS if f != "theme"}
    out["theme"] = action.theme.name if action.theme_id else None  # type: ignore[union-attr]
    return out


def _since(action: Action, version: int) -> list[ActionChange]:
    """What changed between the version the person saw and now, from the action's history."""
    seen = (
        action.history.filter(version=version)  # type: ignore[attr-defined]
        .order_by("-history_date")
        .select_related("theme")
        .first()
    )
    if seen is None:
        return []
    then = {f: getattr(seen, f) for f in LABELS if f != "theme"}
    then["theme"] = seen.theme.name if seen.theme_id else None
    now = values_of(action)
    return [ActionChange(f, LABELS[f], then[f], now[f]) for f in LABELS if then[f] != now[f]]


def _locked(action: Action, version: int) -> Action:
    current = (
        Action.objects.select_for_update(of=("self",)).select_related("theme").get(pk=action.pk)
    )
    if current.version != version:
        raise ActionConflict(current, _since(current, version))
    return current


def _save(action: Action, user: Any, reason: str) -> None:
    action.version += 1
    action._history_user = user  # type: ignore[attr-defined]
    action._change_reason = reason  # type: ignore[attr-defined]
    action.save()


def _partners(plan: Plan, names: Iterable[str]) -> list[Partner]:
    out = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        partner, _ = Partner.objects.get_or_create(organisation=plan.organisation, name=name)
        out.append(partner)
    return out


def next_ref(plan: Plan) -> str:
    """A reference for a new action: the plan's commonest prefix and the next free number."""
    import re

    refs = list(plan.actions.values_list("ref", flat=True))
    split = [m.groups() for r in refs if (m := re.fullmatch(r"(.*?)(\d+)", r))]
    if not split:
        return "1"
    prefixes = [p for p, _ in split]
    prefix = max(set(prefixes), key=prefixes.count)
    taken = {int(n) for p, n in split if p == prefix}
    number = max(taken) + 1
    while f"{prefix}{number}" in refs:
        number += 1
    return f"{prefix}{number}"


@transaction.atomic
def action_create(
    *,
    plan: Plan,
    ref: str,
    values: Mapping[str, Any],
    partners: Iterable[str],
    objectives: Iterable[Objective],
    user: Any,
) -> Action:
    position = (plan.actions.aggregate(m=Max("position"))["m"] or 0) + 1
    action = Action(plan=plan, ref=ref, position=position)
    _apply(action, values)
    action._history_user = user  # type: ignore[attr-defined]
    action._change_reason = "Added on its page"  # type: ignore[attr-defined]
    action.save()
    action.partners.set(_partners(plan, partners))
    action.objectives.set(list(objectives))
    plan_check(plan=plan)
    return action


def _apply(action: Action, values: Mapping[str, Any]) -> None:
    for name in SCALARS:
        if name in values:
            setattr(action, name, values[name])
    action.score = action_score(action, action.plan.scoring_scheme.weights())


@transaction.atomic
def action_change(
    *,
    action: Action,
    values: Mapping[str, Any],
    partners: Iterable[str],
    objectives: Iterable[Objective],
    version: int,
    user: Any,
) -> list[ActionChange]:
    """Save what the editor changed; returns the changes (none: nothing is written)."""
    current = _locked(action, version)
    before = values_of(current)
    old_partners = sorted(current.partners.values_list("name", flat=True))
    old_objectives = sorted(current.objectives.values_list("code", flat=True))
    _apply(current, values)
    after = values_of(current)
    changes = [
        ActionChange(f, LABELS[f], before[f], after[f]) for f in SCALARS if before[f] != after[f]
    ]
    new_partners = _partners(current.plan, partners)
    new_objectives = list(objectives)
    if sorted(p.name for p in new_partners) != old_partners:
        changes.append(ActionChange("partners", "Partners", ", ".join(old_partners),
                                    ", ".join(sorted(p.name for p in new_partners))))  # fmt: skip
    if sorted(o.code for o in new_objectives) != old_objectives:
        changes.append(ActionChange("objectives", "Objectives", ", ".join(old_objectives),
                                    ", ".join(sorted(o.code for o in new_objectives))))  # fmt: skip
    if not changes:
        return []
    _save(current, user, "Changed on its page: " + ", ".join(c.label for c in changes)[:70])
    current.partners.set(new_partners)
    current.objectives.set(new_objectives)
    plan_check(plan=current.plan)
    return changes


@transaction.atomic
def action_withdraw(*, action: Action, reason: str, on: date, version: int, user: Any) -> Action:
    """Kept, labelled Withdrawn everywhere and left out of counts and charts."""
    current = _locked(action, version)
    current.withdrawn_on = on
    current.withdrawn_reason = reason.strip()
    _save(current, user, "Withdrawn")
    return current


@transaction.atomic
def action_restore(*, action: Action, version: int, user: Any) -> Action:
    current = _locked(action, version)
    current.withdrawn_on = None
    current.withdrawn_reason = ""
    _save(current, user, "Restored")
    return current


def deletable(action: Action) -> bool:
    """Only an action that was never in a published period may be deleted: once published,
    it is part of the record (withdraw it instead)."""
    if action.updates.filter(status="published").exists():  # type: ignore[attr-defined]
        return False
    first = action.history.order_by("history_date").first()  # type: ignore[attr-defined]
    published = action.plan.periods.filter(status="published")  # type: ignore[attr-defined]
    if first is not None:
        published = published.filter(published_at__gte=first.history_date)
    return not published.exists()


@transaction.atomic
def action_delete(*, action: Action, user: Any) -> None:
    if not deletable(action):
        raise NotDeletable(
            f"{action.ref} was in a published period, so it stays in the record. Withdraw it "
            "instead: it is then kept, labelled Withdrawn and left out of counts."
        )
    plan = action.plan
    action._history_user = user  # type: ignore[attr-defined]
    action._change_reason = "Deleted"  # type: ignore[attr-defined]
    action.delete()
    plan.findings.filter(ref=action.ref).delete()  # type: ignore[attr-defined]
