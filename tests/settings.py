"""The test suite's settings: the application's own, plus a real OpenID Connect provider
(django-oidc-provider, a dev dependency) under /openid/, so that tests/web/test_sso.py signs in
through single sign-on as a council's identity provider would. Nothing else differs."""

from oidc_provider.apps import OIDCProviderConfig

from plantracker.settings import *  # noqa: F403
from plantracker.settings import INSTALLED_APPS


class IdentityProvider(OIDCProviderConfig):
    default_auto_field = "django.db.models.AutoField"  # as its migrations made its tables


INSTALLED_APPS = [*INSTALLED_APPS, "tests.settings.IdentityProvider"]
ROOT_URLCONF = "tests.urls"
OIDC_USERINFO = "tests.settings.userinfo"


def userinfo(claims: dict, user: object) -> dict:
    """What the identity provider says about a person: their email address, verified unless
    their first name is "Unverified" (for the test of an address the provider does not vouch
    for)."""
    claims["email"] = user.email  # type: ignore[attr-defined]
    claims["email_verified"] = user.first_name != "Unverified"  # type: ignore[attr-defined]
    claims["name"] = user.get_full_name()  # type: ignore[attr-defined]
    return claims
