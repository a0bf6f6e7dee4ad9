"""Reads for people and their roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from .models import Invitation, Membership, Organisation

# Invited and not yet in: no account of theirs was made (the address had one elsewhere), or
# the account made has never been signed in to and still has no password.
_PENDING = Q(user__isnull=True) | Q(
    user__last_login__isnull=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX
)


def invitation_is_pending(invitation: Invitation) -> bool:
    person = invitation.user
    return person is None or (person.last_login is None and not person.has_usable_password())


def invitation_pending_for(person: Any, organisation: Organisation) -> bool:
    return Invitation.objects.filter(_PENDING, organisation=organisation, user=person).exists()


def invitations_pending(organisation: Organisation) -> QuerySet[Invitation]:
    """The people invited who have not yet chosen a password, as the administrator typed them
    (never anything of an account the address may have elsewhere)."""
    return (
        Invitation.objects.filter(_PENDING, organisation=organisation)
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
    invited = Invitation.objects.filter(_PENDING, organisation=organisation, user=OuterRef("user"))
    return (
        Membership.objects.filter(organisation=organisation)
        .exclude(Exists(invited))
        .select_related("user", "plan")
        .annotate(elsewhere=Exists(other_roles))
        .order_by("user__username", "role")
    )
