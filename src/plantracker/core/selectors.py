"""Reads for people and their roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from .models import Invitation, Membership, Organisation


def _pending() -> Q:
    """Invited and not yet in: the account made has never been signed in to and still has no
    password; or no account was made (the address had one elsewhere) and no account with the
    address has been given a role here since (by an operator, when its owner asked)."""
    joined = Membership.objects.filter(
        organisation=OuterRef("organisation"), user__email__iexact=OuterRef("email")
    )
    return (Q(user__isnull=True) & ~Q(Exists(joined))) | Q(
        user__last_login__isnull=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX
    )


def invitation_is_pending(invitation: Invitation) -> bool:
    person = invitation.user
    if person is None:
        return not Membership.objects.filter(
            organisation_id=invitation.organisation_id, user__email__iexact=invitation.email
        ).exists()
    return person.last_login is None and not person.has_usable_password()


def invitation_pending_for(person: Any, organisation: Organisation) -> bool:
    return Invitation.objects.filter(_pending(), organisation=organisation, user=person).exists()


def invitations_pending(organisation: Organisation) -> QuerySet[Invitation]:
    """The people invited who have not yet chosen a password, as the administrator typed them
    (never anything of an account the address may have elsewhere)."""
    return (
        Invitation.objects.filter(_pending(), organisation=organisation)
        .select_related("plan", "invited_by")
        .order_by(Lower("email"))
    )


def memberships_list(organisation: Organisation) -> QuerySet[Membership]:
    """Everyone with a role in the organisation, but for the people still invited (they are
    listed with the invitations). `elsewhere` is true for people who also hold a role in
    another organisation: their email address is not this one's to show."""
    other_roles = Membership.objects.filter(user=OuterRef("user")).exclude(
        organisation=organisation
    )
    invited = Invitation.objects.filter(
        _pending(), organisation=organisation, user=OuterRef("user")
    )
    return (
        Membership.objects.filter(organisation=organisation)
        .exclude(Exists(invited))
        .select_related("user", "plan")
        .annotate(elsewhere=Exists(other_roles))
        .order_by("user__username", "role")
    )
