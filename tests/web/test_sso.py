"""Single sign-on over OpenID Connect, through a real identity provider: django-oidc-provider,
served by the test's live server under /openid/ (tests/settings.py). allauth fetches its
discovery document, token and userinfo over HTTP, as it would from Microsoft Entra ID or
Google Workspace; the browser's steps go through the test client."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client

from plantracker.core.models import Membership, Organisation

CALLBACK = "http://testserver/sign-in/sso/council/callback/"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(live_server: Any, settings: Any) -> None:
    from oidc_provider.models import Client as RelyingParty
    from oidc_provider.models import ResponseType, RSAKey

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    RSAKey.objects.create(key=pem.decode())
    party = RelyingParty.objects.create(
        name="Plan Tracker", client_type="confidential", client_id="plantracker",
        client_secret="a-shared-secret", jwt_alg="RS256", require_consent=False,
        _redirect_uris=CALLBACK, _scope="openid email profile",
    )  # fmt: skip
    code, _ = ResponseType.objects.get_or_create(value="code", defaults={"description": "code"})
    party.response_types.add(code)  # its migration made it; a transactional test flushed it
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "council",
                    "name": "Leicestershire County Council",
                    "client_id": "plantracker",
                    "secret": "a-shared-secret",
                    "settings": {
                        "server_url": f"{live_server.url}/openid",
                        "oauth_pkce_enabled": True,
                        "fetch_userinfo": True,
                    },
                }
            ]
        }
    }


@pytest.fixture
def member() -> Any:
    org = Organisation.objects.create(name="Leicestershire County Council", slug="lcc")
    carol = get_user_model().objects.create_user("carol", email="carol.jones@leics.gov.uk")
    Membership.objects.create(user=carol, organisation=org, role=Membership.Role.EDITOR)
    return carol


def identity(email: str, first_name: str = "Carol") -> Any:
    """The person as the identity provider knows them: another account of the provider's, so
    the match is by email address only."""
    return get_user_model().objects.create_user(
        f"idp-{email}", email=email, first_name=first_name, password="not-used-here"
    )


def sign_in_through_provider(browser: Client) -> Any:
    """Sign in with the council's account: from the button on the sign-in page to the
    provider's authorisation and back to Plan Tracker's callback."""
    page = Client().get("/sign-in/?next=/my-work/").content.decode()
    assert "Sign in with Leicestershire County Council</button>" in page
    to_provider = browser.post("/sign-in/sso/council/", {"process": "login"})
    assert to_provider.status_code == 302, to_provider.content[:500]
    authorise = urlsplit(to_provider["Location"])
    assert authorise.path == "/openid/authorize"
    back = browser.get(f"{authorise.path}?{authorise.query}")
    assert back.status_code == 302 and back["Location"].startswith(CALLBACK), back
    callback = urlsplit(back["Location"])
    return browser.get(f"{callback.path}?{callback.query}")


def signed_in_as(browser: Client) -> Any:
    return get_user_model().objects.filter(pk=browser.session.get("_auth_user_id")).first()


def test_signs_in_as_the_member_whose_email_matches(provider: None, member: Any) -> None:
    browser = Client()
    browser.force_login(identity("Carol.Jones@LEICS.gov.uk"))  # signed in at the provider
    response = sign_in_through_provider(browser)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/my-work/"
    assert signed_in_as(browser) == member
    assert browser.get("/my-work/").status_code == 200
    # The second time, the account is already linked to carol.
    browser.post("/sign-out/")
    browser.force_login(get_user_model().objects.get(username="idp-Carol.Jones@LEICS.gov.uk"))
    assert sign_in_through_provider(browser).status_code == 302
    assert signed_in_as(browser) == member


def test_an_unknown_email_is_refused_with_a_clear_page(provider: None, member: Any) -> None:
    browser = Client()
    browser.force_login(identity("stranger@leics.gov.uk"))
    response = sign_in_through_provider(browser)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Your council has not given <strong>stranger@leics.gov.uk</strong> a role" in page
    assert "Ask your council" in page
    # Still only the provider's own session (it shares this test's site), not a member's.
    assert signed_in_as(browser) == get_user_model().objects.get(username__startswith="idp-")


def test_a_person_without_a_role_is_refused(provider: None, member: Any) -> None:
    Membership.objects.filter(user=member).delete()
    browser = Client()
    browser.force_login(identity("carol.jones@leics.gov.uk"))
    response = sign_in_through_provider(browser)
    assert response.status_code == 403
    assert "a role in Plan Tracker" in response.content.decode()
    assert signed_in_as(browser) != member


def test_an_unverified_email_is_refused(provider: None, member: Any) -> None:
    browser = Client()
    browser.force_login(identity("carol.jones@leics.gov.uk", first_name="Unverified"))
    response = sign_in_through_provider(browser)
    assert response.status_code == 403
    assert "did not confirm" in response.content.decode()
    assert signed_in_as(browser) != member
