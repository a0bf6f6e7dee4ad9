"""Signing in (django-allauth at /sign-in/, throttled by django-axes), password reset by email,
changing your own password, two-factor (TOTP) and the header's links."""

from __future__ import annotations

import base64
import hmac
import re
import struct
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from plantracker.core.models import Membership, Organisation

PASSWORD = "correct-horse-battery-staple"
NEW_PASSWORD = "a-brand-new-long-password"

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Organisation:
    return Organisation.objects.create(name="Leicestershire County Council", slug="lcc")


@pytest.fixture
def carol(org: Organisation) -> Any:
    person = get_user_model().objects.create_user(
        "carol", email="carol@example.org", password=PASSWORD, first_name="Carol"
    )
    Membership.objects.create(user=person, organisation=org, role=Membership.Role.EDITOR)
    return person


@pytest.fixture
def adam(org: Organisation) -> Any:
    person = get_user_model().objects.create_user(
        "adam", email="adam@example.org", password=PASSWORD
    )
    Membership.objects.create(user=person, organisation=org, role=Membership.Role.ADMIN)
    return person


def signed_in_as(browser: Client) -> Any:
    return get_user_model().objects.filter(pk=browser.session.get("_auth_user_id")).first()


def sign_in(browser: Client, username: str, password: str) -> Any:
    return browser.post("/sign-in/", {"username": username, "password": password})


def test_sign_in_and_the_way_to_reset_a_password(carol: Any) -> None:
    page = Client().get("/sign-in/").content.decode()
    assert 'href="/password-reset/">Forgotten your password?</a>' in page
    browser = Client()
    response = sign_in(browser, "carol", "wrong")
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()
    response = browser.post(
        "/sign-in/?next=/account/", {"username": "carol", "password": PASSWORD, "next": "/account/"}
    )
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert signed_in_as(browser) == carol


def test_failed_sign_ins_are_still_counted_by_the_throttle(carol: Any) -> None:
    browser = Client()
    for _ in range(5):
        sign_in(browser, "carol", "wrong")
    response = sign_in(browser, "carol", PASSWORD)
    assert response.status_code == 429 and "Too many tries" in response.content.decode()
    assert signed_in_as(browser) is None


def test_password_reset_sends_one_email_whose_link_works_once(carol: Any, mailoutbox: list) -> None:
    browser = Client()
    response = browser.post("/password-reset/", {"email": "CAROL@example.org"})
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert "Check your email" in browser.get(response["Location"]).content.decode()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["carol@example.org"] and "Reset your Plan Tracker password" in email.subject
    link = re.search(r"http://testserver(/password-reset/key/\S+/)", email.body).group(1)
    page = browser.get(link, follow=True)
    assert "Choose a new password" in page.content.decode()
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = browser.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/password-reset/done/"
    assert sign_in(Client(), "carol", NEW_PASSWORD).status_code == 302
    # The second use of the same link is refused, with a page that says what to do.
    again = Client().get(link, follow=True)
    page = again.content.decode()
    assert "This link no longer works" in page and 'href="/password-reset/"' in page
    assert sign_in(Client(), "carol", PASSWORD).status_code == 200  # the old one is gone


def test_a_reset_for_an_unknown_address_sends_nothing(carol: Any, mailoutbox: list) -> None:
    response = Client().post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_anyone_signed_in_changes_their_own_password(carol: Any) -> None:
    browser = Client()
    sign_in(browser, "carol", PASSWORD)
    account = browser.get("/account/").content.decode()
    assert 'href="/account/password/">Change your password</a>' in account
    assert 'href="/account/">Your account</a>' in account  # in the header
    wrong = browser.post(
        "/account/password/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    response = browser.post(
        "/account/password/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert signed_in_as(browser) == carol  # still signed in
    assert sign_in(Client(), "carol", NEW_PASSWORD).status_code == 302


def totp(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
    at = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[at : at + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def test_two_factor_for_password_sign_ins(carol: Any) -> None:
    browser = Client()
    sign_in(browser, "carol", PASSWORD)
    assert "Two-factor authentication is off" in browser.get("/account/").content.decode()
    confirm = browser.get("/account/two-factor/set-up/")  # first, your password again
    assert confirm["Location"] == "/account/confirm/?next=%2Faccount%2Ftwo-factor%2Fset-up%2F"
    assert "Confirm it is you" in browser.get(confirm["Location"]).content.decode()
    confirmed = browser.post(confirm["Location"], {"password": PASSWORD})
    assert confirmed["Location"] == "/account/two-factor/set-up/"
    setup = browser.get("/account/two-factor/set-up/")
    assert setup.status_code == 200
    secret = setup.context["form"].secret
    assert 'src="data:image/svg+xml' in setup.content.decode()
    wrong = browser.post("/account/two-factor/set-up/", {"code": "000000"})
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    on = browser.post("/account/two-factor/set-up/", {"code": totp(secret)})
    assert on.status_code == 302
    assert "Two-factor authentication is on" in browser.get("/account/").content.decode()
    cache.clear()  # allauth refuses a code used once; this test may reuse it within 30 s

    browser = Client()
    first = sign_in(browser, "carol", PASSWORD)
    assert first.status_code == 302 and first["Location"] == "/sign-in/two-factor/"
    assert signed_in_as(browser) is None  # the password alone is not enough
    page = browser.get("/sign-in/two-factor/").content.decode()
    assert "Enter the code from your authenticator app" in page
    assert browser.post("/sign-in/two-factor/", {"code": "000000"}).status_code == 200
    assert signed_in_as(browser) is None
    done = browser.post("/sign-in/two-factor/", {"code": totp(secret)})
    assert done.status_code == 302
    assert signed_in_as(browser) == carol


def test_people_and_roles_in_the_header_for_the_organisations_admin(carol: Any, adam: Any) -> None:
    admin, editor = Client(), Client()
    admin.force_login(adam)
    editor.force_login(carol)
    link = 'href="/organisations/lcc/people/">People and roles</a>'
    assert link in admin.get("/").content.decode()
    assert link not in editor.get("/").content.decode()
    assert "People and roles" not in Client().get("/").content.decode()
