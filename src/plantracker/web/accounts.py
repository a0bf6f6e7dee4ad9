"""django-allauth's adapters: nobody signs themselves up, and single sign-on lets in only a
member of an organisation whose verified email address the identity provider vouches for."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import render

from plantracker.core.models import Membership


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # an organisation's administrator invites people


def member_with_email(emails: list[str]) -> Any | None:
    """The one active person with a role whose email address is one of these, compared
    without regard to case; None when nobody is, or when two people share the address."""
    people = get_user_model()
    found: dict[int, Any] = {}
    for email in emails:
        for person in people.objects.filter(email__iexact=email.strip(), is_active=True):
            if Membership.objects.filter(user=person).exists():
                found[person.pk] = person
    return next(iter(found.values())) if len(found) == 1 else None


def _verified(sociallogin: Any) -> list[str]:
    trust = getattr(settings, "PLANTRACKER_OIDC_TRUST_EMAIL", False)
    return [a.email for a in sociallogin.email_addresses if a.email and (a.verified or trust)]


def _refused(request: HttpRequest, emails: list[str], reason: str) -> ImmediateHttpResponse:
    context = {"emails": emails, "reason": reason}
    return ImmediateHttpResponse(render(request, "web/sso_refused.html", context, status=403))


class SingleSignOnAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        emails = _verified(sociallogin)
        if sociallogin.is_existing:
            person = sociallogin.user
            if person.is_active and Membership.objects.filter(user=person).exists():
                return
            raise _refused(request, emails or [person.email], "no-role")
        if not emails:
            unverified = [a.email for a in sociallogin.email_addresses if a.email]
            raise _refused(request, unverified, "unverified" if unverified else "no-email")
        person = member_with_email(emails)
        if person is None:
            raise _refused(request, emails, "no-role")
        sociallogin.connect(request, person)
