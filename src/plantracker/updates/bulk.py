"""Assigning (or unassigning) contributors to many actions at once: the actions of a theme,
of the action list's filters, or ticked one by one. All or nothing, in one transaction; each
action's history records the change as a single assignment does."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from plantracker.core import permissions
from plantracker.plans.models import Action, Plan

from .assignments import ASSIGN_NOT_ALLOWED, ASSIGN_UNKNOWN, assignable, name
from .services import Invalid, NotAllowed

NO_ACTIONS = "Tick at least one action."
NO_PEOPLE = "Choose at least one person."
ASSIGNED_MANY = "Assigned {names} to {actions}."
UNASSIGNED_MANY = "Unassigned {names} from {actions}."
ALREADY_HAD = "{count} already had them."
NEVER_HAD = "{count} did not have them."
NOTHING_TO_ASSIGN = "Every one of the {actions} already had {names}: nothing was changed."
NOTHING_TO_UNASSIGN = "None of the {actions} had {names}: nothing was changed."
GONE = "{actions} left alone: withdrawn or deleted after the page was drawn, or not in this plan."
REASON_ASSIGNED = "Assigned with other actions at once"
REASON_UNASSIGNED = "Unassigned with other actions at once"


def actions_phrase(count: int) -> str:
    """ "1 action", "14 actions"."""
    return f"{count} action{'' if count == 1 else 's'}"


def names_phrase(people: list[Any]) -> str:
    """ "Jo Bloggs", "Jo Bloggs and Sam Lee", "Amy, Jo and Sam"."""
    found = [name(p) for p in people]
    if len(found) < 2:
        return "".join(found)
    return f"{', '.join(found[:-1])} and {found[-1]}"


@dataclass
class BulkAssignment:
    """What a bulk (un)assignment did: the actions changed, those that needed no change,
    and how many chosen actions could not be changed."""

    people: list[Any]
    remove: bool
    changed: list[Action] = field(default_factory=list)
    unchanged: list[Action] = field(default_factory=list)
    gone: int = 0

    @property
    def message(self) -> str:
        names = names_phrase(self.people)
        if not self.changed:
            text = NOTHING_TO_UNASSIGN if self.remove else NOTHING_TO_ASSIGN
            parts = [text.format(actions=actions_phrase(len(self.unchanged)), names=names)]
            if not self.unchanged:
                parts = []
        else:
            done = UNASSIGNED_MANY if self.remove else ASSIGNED_MANY
            parts = [done.format(names=names, actions=actions_phrase(len(self.changed)))]
            if self.unchanged:
                rest = NEVER_HAD if self.remove else ALREADY_HAD
                parts[0] = parts[0][:-1] + ";"
                parts.append(rest.format(count=len(self.unchanged)))
        if self.gone:
            parts.append(GONE.format(actions=actions_phrase(self.gone)))
        return " ".join(parts)


def bulk_choices(plan: Plan) -> list[Action]:
    """The actions that may be chosen: the plan's, less the withdrawn ones."""
    return list(plan.actions.filter(withdrawn_on__isnull=True).order_by("position", "id"))


def assigned(actions: list[Action]) -> dict[int, set[int]]:
    """Who is assigned to each of `actions`, by key, in one query."""
    through = Action.assignees.through.objects.filter(action_id__in=[a.pk for a in actions])
    out: dict[int, set[int]] = defaultdict(set)
    for action_id, user_id in through.values_list("action_id", "user_id"):
        out[action_id].add(user_id)
    return out


@transaction.atomic
def actions_assign(
    *,
    plan: Plan,
    user: Any,
    actions: Iterable[int],
    people: Iterable[int],
    remove: bool = False,
) -> BulkAssignment:
    """Assign `people` to every action of `actions` (or, with `remove`, unassign them).
    Only the plan's editors and administrators may; only people with a role on the plan may
    be assigned. An action withdrawn, deleted or moved meanwhile is left alone and counted."""
    if not permissions.can_edit_plan(user, plan):
        raise NotAllowed(ASSIGN_NOT_ALLOWED)
    chosen_actions, chosen_people = set(actions), set(people)
    if not chosen_actions:
        raise Invalid({"actions": NO_ACTIONS})
    if not chosen_people:
        raise Invalid({"people": NO_PEOPLE})
    allowed = {u.pk: u for u in assignable(plan)}
    if not chosen_people <= allowed.keys():
        raise Invalid({"people": ASSIGN_UNKNOWN})
    found = list(
        plan.actions.select_for_update()
        .filter(pk__in=chosen_actions, withdrawn_on__isnull=True)
        .order_by("position", "id")
    )
    before = assigned(found)
    result = BulkAssignment(
        people=sorted((allowed[pk] for pk in chosen_people), key=lambda u: u.username),
        remove=remove,
        gone=len(chosen_actions) - len(found),
    )
    for action in found:
        had = before[action.pk]
        change = sorted(chosen_people & had if remove else chosen_people - had)
        if not change:
            result.unchanged.append(action)
            continue
        # Recorded in the action's history, as a single assignment is, and said to be one of many.
        action._history_user = user  # type: ignore[attr-defined]
        action._change_reason = REASON_UNASSIGNED if remove else REASON_ASSIGNED  # type: ignore[attr-defined]
        (action.assignees.remove if remove else action.assignees.add)(*change)
        result.changed.append(action)
    return result
