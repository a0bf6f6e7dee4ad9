"""Who writes each action's updates: the people who may be assigned, changing an action's
contributors, and releasing someone's assignments when their role is removed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from plantracker.core import permissions
from plantracker.core.models import Membership
from plantracker.plans.models import Action, Plan

from .services import Invalid, NotAllowed

ASSIGN_NOT_ALLOWED = "Only the plan's editors and administrators can choose its contributors."
ASSIGN_UNKNOWN = "Choose contributors from the list: only people with a role on the plan."
ASSIGNED = "{ref} is now assigned to {names}."
ASSIGNED_MEANWHILE = (
    "Someone else changed this action's contributors after you opened the page. Only the "
    "people you ticked or unticked were changed; their changes were kept."
)
UNASSIGNED = "{person} is no longer assigned to {actions}."


def name(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def assignable(plan: Plan) -> list[Any]:
    """People with any role on the plan (or on its whole organisation)."""
    org = plan.organisation_id
    users = get_user_model().objects.filter(
        Q(memberships__organisation=org, memberships__plan=plan)
        | Q(memberships__organisation=org, memberships__plan__isnull=True)
    )
    return list(users.distinct().order_by("username"))


@dataclass
class Assignment:
    action: Action
    now: list[Any] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    others_changed: bool = False  # someone else changed them after the page was drawn

    @property
    def message(self) -> str:
        names = ", ".join(name(u) for u in self.now) or "nobody"
        text = ASSIGNED.format(ref=self.action.ref, names=names)
        return f"{text} {ASSIGNED_MEANWHILE}" if self.others_changed else text


@transaction.atomic
def action_assign(
    *, action: Action, user: Any, shown: Iterable[int], chosen: Iterable[int]
) -> Assignment:
    """Change the action's contributors by what the editor changed on the page: those ticked
    that the page did not show are added, those unticked that it showed are removed. Anyone
    another editor added or removed meanwhile stays as they left it."""
    if not permissions.can_edit_plan(user, action.plan):
        raise NotAllowed(ASSIGN_NOT_ALLOWED)
    shown, chosen = set(shown), set(chosen)
    people = {u.pk: u for u in assignable(action.plan)}
    if not chosen <= people.keys():
        raise Invalid({"assignees": ASSIGN_UNKNOWN})
    # One change at a time per action, so two editors' changes both land.
    Action.objects.select_for_update().filter(pk=action.pk).first()
    before = set(action.assignees.values_list("pk", flat=True))
    added = sorted((chosen - shown) - before)
    removed = sorted((shown - chosen) & before)
    action.assignees.add(*added)
    action.assignees.remove(*removed)
    now = (before | set(added)) - set(removed)
    return Assignment(
        action=action,
        now=list(get_user_model().objects.filter(pk__in=now).order_by("username")),
        added=added,
        removed=removed,
        others_changed=before != shown,
    )


REMOVE_NOT_ALLOWED = "Only the organisation's administrators can remove people's roles."
REMOVE_OWN_ADMIN = "You cannot remove your own administrator role."


@transaction.atomic
def membership_remove(*, membership: Membership, user: Any) -> list[Action]:
    """Remove a role, and with it the person's assignments on the plans it covered that no
    other role of theirs covers; return the actions they are no longer assigned to."""
    organisation = membership.organisation
    if not permissions.can_manage_people(user, organisation):
        raise NotAllowed(REMOVE_NOT_ALLOWED)
    if membership.user_id == user.pk and membership.role == Membership.Role.ADMIN:
        raise NotAllowed(REMOVE_OWN_ADMIN)
    person = membership.user
    covered = (
        {membership.plan_id}
        if membership.plan_id
        else set(organisation.plans.values_list("pk", flat=True))  # type: ignore[attr-defined]
    )
    membership.delete()
    remaining = Membership.objects.filter(user=person, organisation=organisation)
    if remaining.filter(plan__isnull=True).exists():
        return []
    covered -= set(remaining.values_list("plan_id", flat=True))
    released = list(
        Action.objects.filter(plan_id__in=covered, assignees=person)
        .select_related("plan")
        .order_by("plan__title", "position")
    )
    for action in released:  # one by one, so each action's history records it
        action.assignees.remove(person)
    return released


def unassigned_message(person: Any, actions: list[Action]) -> str:
    listed = ", ".join(f"{a.ref} ({a.plan.title})" for a in actions)
    return UNASSIGNED.format(person=name(person), actions=listed)
