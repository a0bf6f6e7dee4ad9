"""Notification emails in a real browser, on a phone and at desktop width: an approver chooses
a daily digest for a plan on Your account; a member of the public subscribes to a published
plan, confirms from the emailed link and stops the emails from the next one. axe-core finds
nothing on any page on the way, and no page scrolls sideways."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from plantracker.notifications.models import Preference, Subscriber
from tests.browser.test_invite_in_browser import (
    PASSWORD,
    WIDTHS,
    clean,
    opened,
    signed_in,
    site,  # noqa: F401 (the fixture)
)
from tests.conftest import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = "/plans/net-zero-communities/"


def path_of(text: str, start: str) -> str:
    found = re.search(rf"https?://\S+{start}\S+", text)
    assert found, text
    return urlsplit(found.group(0)).path


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_choose_a_daily_digest(browser: Browser, site: str, width: int) -> None:  # noqa: F811
    page = signed_in(opened(browser, width), site, "approver", PASSWORD)
    page.goto(site + "/account/")
    page.get_by_role("link", name="Choose which emails you get").click()
    expect(page.get_by_role("heading", name="Emails you get", level=1)).to_be_visible()
    clean(page)
    group = page.get_by_role("group", name=re.compile("^Net Zero Action Plan: Communities"))
    group.get_by_label("A daily digest").check()
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_text("Your choices of emails are saved.")).to_be_visible()
    clean(page)
    expect(group.get_by_label("A daily digest")).to_be_checked()
    chosen = Preference.objects.get(user__username="approver", plan__slug="net-zero-communities")
    assert chosen.choice == "digest"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_subscribe_confirm_and_stop(browser: Browser, site: str, width: int) -> None:  # noqa: F811
    page = opened(browser, width)
    page.goto(site + PLAN)
    page.get_by_role("link", name="Get this plan's published reports by email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get the published reports by email")
    clean(page)
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your email address")
    clean(page)
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    address = f"resident.{width}@example.com"
    page.get_by_label("Email address").fill(address)
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your email", level=1)).to_be_visible()
    clean(page)

    mail.outbox.clear()
    run_worker()
    (email,) = mail.outbox
    page.goto(site + path_of(email.body, "/subscriptions/confirm/"))
    clean(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    clean(page)
    assert Subscriber.objects.get(email=address).confirmed_at is not None

    page.goto(site + path_of(email.body, "/unsubscribe/"))
    expect(page.get_by_role("heading", name="Stop these emails", level=1)).to_be_visible()
    clean(page)
    page.get_by_role("button", name="Stop the emails").click()
    expect(page.get_by_role("heading", name="You will get no more emails")).to_be_visible()
    clean(page)
    assert not Subscriber.objects.filter(email=address).exists()
