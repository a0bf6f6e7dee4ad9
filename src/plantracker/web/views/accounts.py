"""Your own account: signing in (django-allauth's sign-in page, with single sign-on when the
council has set it up), and the page that leads to changing your password and two-factor."""

from __future__ import annotations

from allauth.account.views import LoginView
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import get_adapter as social_adapter
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plantracker.core.models import Membership


class SignInView(LoginView):  # type: ignore[misc]
    template_name = "web/sign_in.html"

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        apps = social_adapter().list_apps(self.request, provider="openid_connect")
        context["sso"] = [(app.provider_id, app.name) for app in apps]
        return context  # type: ignore[no-any-return]


sign_in = SignInView.as_view()


@login_required
def account(request: HttpRequest) -> HttpResponse:
    person = request.user
    roles = Membership.objects.filter(user=person).select_related("organisation", "plan")
    two_factor = Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    context = {
        "roles": roles,
        "two_factor": two_factor,
        "has_password": person.has_usable_password(),
        "sso_accounts": person.socialaccount_set.count(),  # type: ignore[union-attr]
    }
    return render(request, "web/account.html", context)
