"""People and roles, for each organisation's administrators."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from plantracker.core import permissions, selectors, services
from plantracker.core.invitations import link_lifetime
from plantracker.core.models import Invitation, Membership, Organisation
from plantracker.updates import assignments
from plantracker.updates.services import NotAllowed

from ..forms.people import InviteForm, MembershipForm
from .common import require


@login_required
def people(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    form = MembershipForm(request.POST or None, plans=_plans(organisation))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            given = services.membership_give(
                organisation=organisation,
                user=request.user,
                username=d["username"],
                role=d["role"],
                plan_id=int(d["plan"]) if d["plan"] else None,
                full_name=d["full_name"],
                email=d["email"],
                password=d["password"],
            )
        except services.PersonRefused as e:
            form.add_error(e.field, str(e))
        else:
            role = given.membership.get_role_display()
            if given.role_added:
                messages.success(request, f"{given.person.username} is now a {role}.")
            else:
                messages.info(request, f"{given.person.username} already had that role.")
            return redirect("people", organisation.slug)
    context = {
        "organisation": organisation,
        "memberships": selectors.memberships_list(organisation),
        "invitations": selectors.invitations_pending(organisation),
        "form": form,
    }
    return render(request, "web/people.html", context, status=400 if form.errors else 200)


@require_POST
def membership_remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, organisation=organisation
    )
    try:
        released = assignments.membership_remove(membership=membership, user=request.user)
    except NotAllowed as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"Removed {membership.user} as {membership.get_role_display()}.")
        if released:
            messages.warning(request, assignments.unassigned_message(membership.user, released))
    return redirect("people", organisation.slug)


def _plans(organisation: Organisation) -> list[tuple[str, str]]:
    return [(str(p.pk), p.title) for p in organisation.plans.all()]  # type: ignore[attr-defined]


@login_required
def person_invite(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    form = InviteForm(request.POST or None, plans=_plans(organisation))
    already_here = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            invitation = services.person_invite(
                organisation=organisation,
                user=request.user,
                email=d["email"],
                full_name=d["full_name"],
                role=d["role"],
                plan_id=int(d["plan"]) if d["plan"] else None,
            )
        except services.AlreadyHere as e:
            form.add_error(e.field, str(e))
            already_here = e.person
        except services.PersonRefused as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, services.INVITATION_SENT.format(email=invitation.email))
            return redirect("people", organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "already_here": already_here,
        "link_lifetime": link_lifetime(settings.PASSWORD_RESET_TIMEOUT),
    }
    return render(request, "web/person_invite.html", context, status=400 if form.errors else 200)


@require_POST
def invitation_send(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    try:
        services.invitation_send_again(invitation=invitation, user=request.user)
    except services.PersonRefused as e:
        messages.error(request, str(e))
    else:
        messages.success(request, services.INVITATION_SENT.format(email=invitation.email))
    return redirect("people", organisation.slug)


@require_POST
def invitation_withdraw(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    try:
        services.invitation_withdraw(invitation=invitation, user=request.user)
    except services.PersonRefused as e:
        messages.error(request, str(e))
    else:
        messages.success(request, services.INVITATION_WITHDRAWN.format(email=invitation.email))
    return redirect("people", organisation.slug)
