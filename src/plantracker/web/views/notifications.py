"""Notification emails: a person's choice for each plan (Your account), stopping them from an
email's link without signing in, and the public's subscription to a plan's published
reports (double opt-in). The emails themselves are sent by the task worker
(plantracker.notifications)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from plantracker.notifications import services
from plantracker.notifications.tasks import send_later
from plantracker.plans.models import Plan

from ..forms.notifications import PreferencesForm, SubscribeForm
from .common import plan_or_404

SUBSCRIBE_LIMIT = 10  # requests from one address an hour
SUBSCRIBE_WINDOW = 3600


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    plans = services.plans_of(request.user)
    current = services.choices_of(request.user, plans)
    form = PreferencesForm(request.POST or None, plans=plans, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for plan, choice in form.chosen():
                services.preference_set(request.user, plan, choice)
        messages.success(request, "Your choices of emails are saved.")
        return redirect("account-notifications")
    context = {"form": form, "has_email": bool(request.user.email)}  # type: ignore[union-attr]
    return render(request, "web/notifications.html", context, status=400 if form.errors else 200)


@csrf_exempt  # the signed token is the authority; mail programs post here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a link scanner changes nothing); POST stops the emails."""
    found = services.read_unsubscribe(token)
    if found is None:
        return render(request, "web/unsubscribe.html", {"broken": True}, status=404)
    if request.method == "POST":
        services.unsubscribe(found)
        return render(request, "web/unsubscribe.html", {"found": found, "done": True})
    return render(request, "web/unsubscribe.html", {"found": found})


def _published_plan(request: HttpRequest, slug: str) -> Plan:
    plan = plan_or_404(request, slug)
    if plan.status != Plan.Status.PUBLISHED:
        raise Http404("Only a published plan's reports can be subscribed to")
    return plan


def _too_many(request: HttpRequest) -> bool:
    key = "subscribe:" + request.META.get("REMOTE_ADDR", "")
    cache.add(key, 0, SUBSCRIBE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        return False
    return count > SUBSCRIBE_LIMIT


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _published_plan(request, slug)
    form = SubscribeForm(request.POST or None)
    context: dict[str, object] = {"plan": plan, "form": form}
    if request.method == "POST":
        if _too_many(request):
            context["too_many"] = True
            return render(request, "web/subscribe.html", context, status=429)
        if form.is_valid():
            with transaction.atomic():
                queued = services.subscribe(plan, form.cleaned_data["email"])
                send_later([queued] if queued else [])
            # The same words whether or not the address was subscribed already.
            context["sent_to"] = form.cleaned_data["email"]
            return render(request, "web/subscribe.html", context)
    return render(request, "web/subscribe.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def subscription_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (a link scanner confirms nothing); POST confirms."""
    sub = services.read_confirmation(token)
    if sub is None:
        return render(request, "web/subscription_confirm.html", {"broken": True}, status=404)
    if request.method == "POST":
        services.confirm(sub)
        return render(request, "web/subscription_confirm.html", {"sub": sub, "done": True})
    return render(request, "web/subscription_confirm.html", {"sub": sub})
