"""Who may do what. Roles come from Membership rows (per organisation, or per plan) and
from being assigned to an action; a superuser is an administrator everywhere.

Every check is a plain function of (user, object) so views, the API and commands ask the
same question the same way. Roles are read once per user and plan and kept on the user
object for the rest of the request.
"""

from __future__ import annotations

from typing import Any

from plantracker.core.models import Membership, Organisation

Role = Membership.Role
ANY_ROLE = frozenset(Role)


def _cache(user: Any) -> dict[Any, frozenset[str]]:
    if not hasattr(user, "_plantracker_roles"):
        user._plantracker_roles = {}
    return user._plantracker_roles  # type: ignore[no-any-return]


def roles_in(user: Any, organisation_id: int, plan_id: int | None = None) -> frozenset[str]:
    """The roles a user holds for one plan (or, with no plan, for the whole organisation)."""
    if not (user and user.is_authenticated):
        return frozenset()
    if user.is_superuser:
        return frozenset({Role.ADMIN})
    key = (organisation_id, plan_id)
    cache = _cache(user)
    if key not in cache:
        rows = Membership.objects.filter(user=user, organisation_id=organisation_id)
        cache[key] = frozenset(
            role for role, plan in rows.values_list("role", "plan_id") if plan in (None, plan_id)
        )
    return cache[key]


def plan_roles(user: Any, plan: Any) -> frozenset[str]:
    return roles_in(user, plan.organisation_id, plan.pk)


def can_see_unpublished(user: Any, plan: Any) -> bool:
    """Drafts, open periods, submitted updates and findings: anyone with a role on the plan."""
    return bool(plan_roles(user, plan))


def can_edit_plan(user: Any, plan: Any) -> bool:
    return bool(plan_roles(user, plan) & {Role.EDITOR, Role.ADMIN})


def can_delete_action(user: Any, plan: Any) -> bool:
    """Delete an action that was never published (others are withdrawn): administrators."""
    return Role.ADMIN in plan_roles(user, plan)


def can_review(user: Any, plan: Any) -> bool:
    """Approve or return updates; close and publish periods."""
    return bool(plan_roles(user, plan) & {Role.APPROVER, Role.ADMIN})


def can_manage_periods(user: Any, plan: Any) -> bool:
    """Create periods and change their dates."""
    return bool(plan_roles(user, plan) & {Role.EDITOR, Role.APPROVER, Role.ADMIN})


def is_assigned(user: Any, action: Any) -> bool:
    if not (user and user.is_authenticated):
        return False
    return any(u.pk == user.pk for u in action.assignees.all())


def can_write_update(user: Any, action: Any) -> bool:
    """The action's own contributors while they hold a role on its plan (an assignment left
    behind when a role was removed gives nothing), and the plan's editors and administrators."""
    roles = plan_roles(user, action.plan)
    return bool(roles & {Role.EDITOR, Role.ADMIN}) or (bool(roles) and is_assigned(user, action))


def can_manage_people(user: Any, organisation: Organisation) -> bool:
    return Role.ADMIN in roles_in(user, organisation.pk)


def can_change_settings(user: Any, organisation: Organisation) -> bool:
    """The organisation's settings (its name on reports, logo, committees, Word template):
    its administrators."""
    return Role.ADMIN in roles_in(user, organisation.pk)


def administered_organisations(user: Any) -> list[Organisation]:
    if not (user and user.is_authenticated):
        return []
    if user.is_superuser:
        return list(Organisation.objects.all())
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role=Role.ADMIN, memberships__plan__isnull=True
        ).distinct()
    )


def can_record_kpi(user: Any, indicator: Any) -> bool:
    """Add or correct a KPI's values: editors and administrators of its plan or organisation."""
    return bool(
        roles_in(user, indicator.organisation_id, indicator.plan_id) & {Role.EDITOR, Role.ADMIN}
    )


def can_define_kpi(user: Any, organisation: Organisation, plan: Any = None) -> bool:
    """Define a KPI, change its definition and targets, retire it: the same people as record
    its values, the editors and administrators of its plan (or, with none, of the
    organisation)."""
    plan_id = plan.pk if plan is not None else None
    return bool(roles_in(user, organisation.pk, plan_id) & {Role.EDITOR, Role.ADMIN})


def kpi_plans(user: Any, organisation: Organisation) -> list[Any]:
    """The organisation's plans whose KPIs `user` may define."""
    plans = organisation.plans.order_by("title")  # type: ignore[attr-defined]
    if not (user and user.is_authenticated):
        return []
    if can_define_kpi(user, organisation):
        return list(plans)
    return list(
        plans.filter(
            memberships__user=user, memberships__role__in=[Role.EDITOR, Role.ADMIN]
        ).distinct()
    )


def can_add_kpi(user: Any, organisation: Organisation) -> bool:
    """Someone who may define at least one KPI of the organisation."""
    if not (user and user.is_authenticated):
        return False
    return can_define_kpi(user, organisation) or bool(kpi_plans(user, organisation))


def can_edit_carbon(user: Any, organisation: Organisation) -> bool:
    """Save roadmap what-ifs: the organisation's administrators and the editors of any of its
    plans (a roadmap's workstreams are delivered by actions across plans)."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, organisation=organisation, role__in=[Role.EDITOR, Role.ADMIN]
    ).exists()


def can_add_plan(user: Any, organisation: Organisation) -> bool:
    """Start a new plan for the organisation: its organisation-wide editors and admins."""
    return bool(roles_in(user, organisation.pk) & {Role.EDITOR, Role.ADMIN})


def can_import_tables(user: Any, organisation: Organisation) -> bool:
    """Import the organisation's KPIs, risk registers and emissions from the web: its
    organisation-wide editors and administrators."""
    return bool(roles_in(user, organisation.pk) & {Role.EDITOR, Role.ADMIN})


def can_keep_carbon(user: Any, organisation: Organisation) -> bool:
    """Change the organisation's inventory, carbon targets, baseline and roadmaps: its
    organisation-wide editors and administrators (as for importing them)."""
    return bool(roles_in(user, organisation.pk) & {Role.EDITOR, Role.ADMIN})


def can_edit_risks(user: Any, organisation: Organisation) -> bool:
    """Create risk registers, change their matrix, and add, change, close and reopen risks:
    the organisation-wide editors and administrators, as for importing a register."""
    return can_import_tables(user, organisation)
