"""Writes for people and their roles, made by an organisation's administrators.

An administrator adds new people to their own organisation (with a temporary password, or
invited by email to choose their own), or gives another role to someone already in it. An
account of another organisation is never reached: for a username nobody in the organisation
has, the answer is the same whether or not the username exists elsewhere, and so is the answer
to an invitation to an address of an account elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import permissions, selectors
from .invitation_mail import invitation_email
from .invitations import resend_refusal
from .models import Invitation, Membership, Organisation

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
INVITATION_SENT = (
    "We have sent an invitation to {email}. They are listed under ‘Invited’ until they choose "
    "a password."
)
ALREADY_HERE = (
    "{email} is the email address of {name}, who already has a role in {organisation}. "
    "To give them another role, use ‘Give someone a role’ with their username, {username}."
)
ALREADY_INVITED = (
    "{email} has already been invited to {organisation}. To send the email again, use "
    "‘Send the invitation again’ beside them in the list of people invited."
)
ALREADY_ACCEPTED = "{email} has already accepted the invitation and can sign in."
INVITATION_WITHDRAWN = "The invitation to {email} was withdrawn: its link no longer works."
EMAIL_NOT_SENT = (
    "The invitation email to {email} could not be sent, so nobody was invited. Try again "
    "later; if it keeps failing, tell the people who run Plan Tracker."
)


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


class AlreadyHere(PersonRefused):
    """The address is that of someone already in the organisation: `person`."""

    def __init__(self, message: str, person: Any) -> None:
        super().__init__("email", message)
        self.person = person


def _in_organisation(email: str, organisation: Organisation) -> Any:
    users = get_user_model().objects
    return users.filter(email__iexact=email, memberships__organisation=organisation).first()


def _new_username(email: str) -> str:
    """People invited by email sign in with their address; one already used as a username
    gets a number after it."""
    users = get_user_model().objects
    username, n = email.lower(), 1
    while users.filter(username__iexact=username).exists():
        n += 1
        username = f"{email.lower()[:140]}-{n}"  # usernames hold 150 characters
    return username


def _send(invitation: Invitation) -> None:
    """Inside the caller's transaction: a failed send writes nothing."""
    try:
        invitation_email(invitation).send()
    except OSError as e:  # smtplib's errors are OSErrors too
        raise PersonRefused(None, EMAIL_NOT_SENT.format(email=invitation.email)) from e


@transaction.atomic
def person_invite(
    *,
    organisation: Organisation,
    user: Any,
    email: str,
    full_name: str,
    role: str,
    plan_id: int | None = None,
    now: datetime | None = None,
) -> Invitation:
    """Invite someone by email to a role in `organisation`: a new account with no password
    and its role, and an email with a link to choose the password.

    An address that already belongs to an account outside the organisation is answered
    exactly as a new one, so the page never tells whether an account exists: the invitation
    is recorded and listed the same way, but no account is made or attached, and the email
    tells the address's owner that nothing changed (see docs/user-guide.md)."""
    if not permissions.can_manage_people(user, organisation):
        raise PersonRefused(None, NOT_ADMIN)
    if plan_id is not None and not organisation.plans.filter(pk=plan_id).exists():  # type: ignore[attr-defined]
        raise PersonRefused("plan", PLAN_NOT_HERE)
    email = email.strip()
    here = _in_organisation(email, organisation)
    if here is not None and not selectors.invitation_pending_for(here, organisation):
        raise AlreadyHere(
            ALREADY_HERE.format(email=email, name=here.get_full_name() or here.username,
                                organisation=organisation.name, username=here.username),
            here,
        )  # fmt: skip
    earlier = Invitation.objects.filter(organisation=organisation, email__iexact=email).first()
    if earlier is not None:
        if selectors.invitation_is_pending(earlier):
            raise PersonRefused(
                "email", ALREADY_INVITED.format(email=email, organisation=organisation.name)
            )
        earlier.delete()  # accepted, and since removed from the organisation
    users = get_user_model().objects
    person = None
    if not users.filter(email__iexact=email).exists():
        first, _, last = full_name.strip().partition(" ")
        person = users.create_user(
            _new_username(email), email=email, password=None, first_name=first, last_name=last
        )  # no password: unusable until they choose one through the link
        Membership.objects.create(
            user=person, organisation=organisation, plan_id=plan_id, role=role
        )
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, full_name=full_name.strip(), role=role,
        plan_id=plan_id, user=person, invited_by=user, sent_at=now or timezone.now(),
    )  # fmt: skip
    _send(invitation)
    return invitation


@transaction.atomic
def invitation_send_again(
    *, invitation: Invitation, user: Any, now: datetime | None = None
) -> Invitation:
    """Send the invitation's email again, with a new link, within the limits of
    invitations.resend_refusal."""
    if not permissions.can_manage_people(user, invitation.organisation):
        raise PersonRefused(None, NOT_ADMIN)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not selectors.invitation_is_pending(invitation):
        raise PersonRefused(None, ALREADY_ACCEPTED.format(email=invitation.email))
    now = now or timezone.now()
    refusal = resend_refusal(
        email=invitation.email, sent_at=invitation.sent_at, sends=invitation.sends, now=now
    )
    if refusal:
        raise PersonRefused(None, refusal)
    invitation.sent_at, invitation.sends = now, invitation.sends + 1
    invitation.save(update_fields=["sent_at", "sends"])
    _send(invitation)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, user: Any) -> None:
    """Take back an invitation not yet accepted (a mistyped address, someone who left). The
    account it made, never used, goes with it, so its link stops working."""
    if not permissions.can_manage_people(user, invitation.organisation):
        raise PersonRefused(None, NOT_ADMIN)
    if not selectors.invitation_is_pending(invitation):
        raise PersonRefused(None, ALREADY_ACCEPTED.format(email=invitation.email))
    person = invitation.user
    if person is not None:
        person.memberships.filter(organisation=invitation.organisation).delete()
        if not person.memberships.exists():  # an operator may have given it a role elsewhere
            person.delete()
    invitation.delete()
