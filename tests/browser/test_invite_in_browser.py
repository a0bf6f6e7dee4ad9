"""Invite by email in a real browser, on a phone (390 px) and at desktop width: the
administrator invites someone, the People page lists them as invited, the invitee follows the
emailed link, chooses a password and signs in. axe-core finds nothing on any page on the way,
and no page scrolls sideways."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import demo_people, sample_load
from tests.browser.conftest import watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
PASSWORD = "browser-test-password"
PEOPLE = "/organisations/leicestershire-county-council/people/"
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def clean(page: Page) -> None:
    """axe-core finds nothing at all, and nothing is wider than the window."""
    violations = AXE.run(page).response["violations"]
    assert not violations, [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)  # type: ignore[index]


def opened(browser: Browser, width: int) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=width < 500, has_touch=width < 500
    )
    return watch(context.new_page())


def signed_in(page: Page, site: str, username: str, password: str) -> Page:
    page.goto(site + "/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    return page


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_invite_choose_a_password_and_sign_in(browser: Browser, site: str, width: int) -> None:
    admin = signed_in(opened(browser, width), site, "admin", PASSWORD)
    admin.goto(site + PEOPLE)
    admin.get_by_role("link", name="Invite someone by email").click()
    expect(admin.get_by_role("heading", name="Invite someone by email", level=1)).to_be_visible()
    clean(admin)
    admin.get_by_role("button", name="Send invitation").click()  # nothing filled in
    expect(admin.get_by_role("alert")).to_contain_text("This field is required")
    clean(admin)
    admin.get_by_label("Full name").fill("Nina Patel")
    admin.get_by_label("Email address").fill(f"nina.{width}@example.org")
    admin.get_by_label("Role").select_option(label="Contributor")
    admin.get_by_role("button", name="Send invitation").click()
    expect(admin.get_by_role("status")).to_contain_text(
        f"We have sent an invitation to nina.{width}@example.org"
    )
    invited = admin.get_by_role("table", name="Invited (not yet signed in)")
    expect(invited).to_contain_text("Nina Patel")
    expect(invited.get_by_role("button", name="Send the invitation again")).to_be_visible()
    clean(admin)
    invited.get_by_role("button", name="Send the invitation again").click()
    expect(admin.get_by_role("alert")).to_contain_text("less than 10 minutes ago")
    clean(admin)

    (email,) = mail.outbox
    link = re.search(r"https?://\S+?(/set-password/\S+/)", str(email.body))
    assert link, email.body
    invitee = opened(browser, width)
    invitee.goto(site + link.group(1))
    expect(invitee.get_by_role("heading", name="Choose your password")).to_be_visible()
    clean(invitee)
    invitee.get_by_label("Choose a password").fill("nina-chose-this-one")
    invitee.get_by_label("Type the password again").fill("nina-chose-this-one")
    invitee.get_by_role("button", name="Save password").click()
    expect(invitee.get_by_role("heading", name="Password saved")).to_be_visible()
    clean(invitee)
    invitee.locator("#main-content").get_by_role("link", name="Sign in").click()
    signed_in(invitee, site, f"nina.{width}@example.org", "nina-chose-this-one")

    admin.goto(site + PEOPLE)
    expect(admin.get_by_role("table", name="Invited (not yet signed in)")).to_have_count(0)
    expect(admin.get_by_role("table", name="Everyone with a role")).to_contain_text("Nina Patel")
    clean(admin)
