"""Writes for people and their roles, made by an organisation's administrators.

An administrator adds new people to their own organisation, or gives another role to
someone already in it. An account of another organisation is never reached by its username:
for a username nobody in the organisation has, the answer is the same whether or not the
username exists elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from . import permissions
from .models import Membership, Organisation

MIN_PASSWORD = 12
NOT_ADMIN = "Only the organisation's administrators can give people roles."
NEW_PERSON_NEEDS_PASSWORD = (
    "Nobody in {organisation} has this username. To add a new person, give them a temporary "
    "password of 12 characters or more. To give a role to someone already here, use the "
    "username shown in the table above."
)
USERNAME_TAKEN = (
    "This username cannot be used for a new person. Choose another, for example with your "
    "organisation's initials in front."
)
PLAN_NOT_HERE = "Choose one of the organisation's plans, or every plan."


class PersonRefused(ValueError):
    """The role was not given; `field` is the form field to show the message on."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class RoleGiven:
    person: Any
    membership: Membership
    person_created: bool
    role_added: bool


@transaction.atomic
def membership_give(
    *,
    organisation: Organisation,
    user: Any,
    username: str,
    role: str,
    plan_id: int | None = None,
    full_name: str = "",
    email: str = "",
    password: str = "",
) -> RoleGiven:
    """Give `username` a role in `organisation`: someone already in it, or a new person."""
    if not permissions.can_manage_people(user, organisation):
        raise PersonRefused(None, NOT_ADMIN)
    if plan_id is not None and not organisation.plans.filter(pk=plan_id).exists():  # type: ignore[attr-defined]
        raise PersonRefused("plan", PLAN_NOT_HERE)
    users = get_user_model().objects
    person = users.filter(username=username, memberships__organisation=organisation).first()
    created = person is None
    if person is None:
        if len(password) < MIN_PASSWORD:
            raise PersonRefused(
                "password", NEW_PERSON_NEEDS_PASSWORD.format(organisation=organisation.name)
            )
        if users.filter(username__iexact=username).exists():
            raise PersonRefused("username", USERNAME_TAKEN)
        first, _, last = full_name.strip().partition(" ")
        person = users.create_user(
            username, email=email, password=password, first_name=first, last_name=last
        )
    membership, added = Membership.objects.get_or_create(
        user=person, organisation=organisation, plan_id=plan_id, role=role
    )
    return RoleGiven(person, membership, created, added)
