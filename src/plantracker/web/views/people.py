"""People and roles, for each organisation's administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from plantracker.core import permissions
from plantracker.core.models import Membership, Organisation

from ..forms import MembershipForm
from .common import require


@login_required
def people(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    plans = [(str(p.pk), p.title) for p in organisation.plans.all()]
    form = MembershipForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(
                username=d["username"], defaults={"email": d["email"]}
            )
            if created:
                first, _, last = d["full_name"].partition(" ")
                user.first_name, user.last_name = first, last
                user.set_password(d["password"])
                user.save()
            _, added = Membership.objects.get_or_create(
                user=user,
                organisation=organisation,
                plan_id=int(d["plan"]) if d["plan"] else None,
                role=d["role"],
            )
        if added:
            messages.success(request, f"{user.username} is now a {d['role']}.")
        else:
            messages.info(request, f"{user.username} already had that role.")
        return redirect("people", organisation.slug)
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "plan")
        .order_by("user__username", "role")
    )
    context = {"organisation": organisation, "memberships": memberships, "form": form}
    return render(request, "web/people.html", context)


@require_POST
def membership_remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(permissions.can_manage_people(request.user, organisation))
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    if membership.user_id == request.user.pk and membership.role == Membership.Role.ADMIN:
        messages.error(request, "You cannot remove your own administrator role.")
    else:
        membership.delete()
        messages.success(request, f"Removed {membership.user} as {membership.get_role_display()}.")
    return redirect("people", organisation.slug)
