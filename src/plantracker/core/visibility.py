"""What each person may read, decided in one place: every selector that feeds a page, an
export or the API filters what it reads with these rules.

The public sees published plans, the published periods of those plans, the published
updates of those periods and the reports prepared after a period was published. Anyone with
a role on a plan (for that plan, or for its whole organisation) also sees its drafts, open
periods, unpublished updates and previews. A superuser sees everything.

Each rule is a `Q` on the field names of the model it filters, reached through `path` (for
example `plan__` from an indicator, `actions__plan__` from a workstream), so the rules stay
here without this module importing the apps above it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .models import Membership

PUBLISHED = "published"  # the status of a published plan, period and update alike
READY = "ready"  # a prepared report whose file was made


def _everything(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def team(user: Any, path: str = "") -> Q:
    """Plans (reached through `path`) on which `user` holds a role: their team sees their
    unpublished material. Matches nothing for someone signed out."""
    if _everything(user):
        return Q(**{f"{path}pk__isnull": False})
    if not (user and user.is_authenticated):
        return Q(pk__in=[])
    roles = Membership.objects.filter(user=user)
    return Q(
        **{f"{path}organisation__in": roles.filter(plan__isnull=True).values("organisation")}
    ) | Q(**{f"{path}pk__in": roles.filter(plan__isnull=False).values("plan")})


def plans(user: Any, path: str = "") -> Q:
    """Plans `user` may read: published ones, and those of their team."""
    return Q(**{f"{path}status": PUBLISHED}) | team(user, path)


def plans_or_none(user: Any, path: str = "") -> Q:
    """Records that may belong to a plan (KPIs, risk registers): the organisation's own, and
    those of plans `user` may read."""
    return Q(**{f"{path}__isnull": True}) | plans(user, f"{path}__")


def periods(user: Any, path: str = "") -> Q:
    """Reporting periods: published periods of published plans; every period to the team."""
    public = Q(**{f"{path}status": PUBLISHED, f"{path}plan__status": PUBLISHED})
    return public | team(user, f"{path}plan__")


def updates(user: Any, path: str = "") -> Q:
    """Progress updates: published updates of published plans; every update to the team."""
    public = Q(**{f"{path}status": PUBLISHED, f"{path}action__plan__status": PUBLISHED})
    return public | team(user, f"{path}action__plan__")


def prepared_reports(user: Any, path: str = "") -> Q:
    """Reports prepared in the background. One made while its period was unpublished is a
    preview (it may hold updates never approved) and stays with the plan's team, also after
    the period is published; the public sees the ready ones made from the published period."""
    public = Q(**{f"{path}preview": False, f"{path}status": READY}) & periods(
        None, f"{path}period__"
    )
    return public | team(user, f"{path}period__plan__")
