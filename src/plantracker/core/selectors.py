"""Reads for people and their roles."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from .models import Membership, Organisation


def memberships_list(organisation: Organisation) -> QuerySet[Membership]:
    """Everyone with a role in the organisation. `elsewhere` is true for people who also
    hold a role in another organisation: their email address is not this one's to show."""
    other_roles = Membership.objects.filter(user=OuterRef("user")).exclude(
        organisation=organisation
    )
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "plan")
        .annotate(elsewhere=Exists(other_roles))
        .order_by("user__username", "role")
    )
