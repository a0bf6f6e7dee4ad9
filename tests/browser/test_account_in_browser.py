"""Your account in a real browser, on a phone and at desktop width: a contributor changes
their own password, signs out, forgets it, resets it from the emailed link and signs in with
the new one; the two-factor page is reached from the account page. axe-core finds nothing on
any page on the way, and no page scrolls sideways."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from tests.browser.test_invite_in_browser import (
    PASSWORD,
    WIDTHS,
    clean,
    opened,
    signed_in,
    site,  # noqa: F401 (the fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGED = "a-new-password-for-carol"
RESET = "yet-another-password-42"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_change_forget_and_reset_a_password(browser: Browser, site: str, width: int) -> None:  # noqa: F811
    page = signed_in(opened(browser, width), site, "contributor", PASSWORD)
    page.goto(site + "/account/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    clean(page)
    page.get_by_role("link", name="Change your password").click()
    clean(page)
    page.locator("input[name=oldpassword]").fill(PASSWORD)
    page.locator("input[name=password1]").fill(CHANGED)
    page.locator("input[name=password2]").fill(CHANGED)
    page.get_by_role("button", name="Save password").click()
    expect(page).to_have_url(re.compile(r"/account/"))
    clean(page)

    page.goto(site + "/account/")
    page.get_by_role("link", name=re.compile("two-factor", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/account/"))
    clean(page)

    page.context.clear_cookies()
    page.goto(site + "/sign-in/")
    clean(page)
    page.get_by_role("link", name="Forgotten your password?").click()
    clean(page)
    mail.outbox.clear()
    page.locator("input[name=email]").fill("contributor@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page).to_have_url(re.compile(r"/password-reset/sent/"))
    clean(page)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/password-reset/key/\S+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(site + urlsplit(link.group(0)).path)
    clean(page)
    page.locator("input[name=password1]").fill(RESET)
    page.locator("input[name=password2]").fill(RESET)
    page.get_by_role("button", name="Save password").click()
    expect(page).to_have_url(re.compile(r"/password-reset/done/"))
    clean(page)

    signed_in(page, site, "contributor", RESET)
    clean(page)
