"""Playwright driving Debian's chromium (never a downloaded browser)."""

import os
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; the database calls the tests make
# between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Browser tests need Debian's chromium at /usr/bin/chromium (make browser).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


# Every page a browser test opens is watched for Content-Security-Policy refusals (chromium
# reports each on the console): a chart needing eval or a stray inline script fails the test
# that showed it.
CSP_REFUSALS: list[str] = []


def watch(page: Page) -> Page:
    def seen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            CSP_REFUSALS.append(f"{page.url}: {message.text}")

    page.on("console", seen)
    return page


@pytest.fixture(autouse=True)
def no_csp_refusals() -> Iterator[None]:
    CSP_REFUSALS.clear()
    yield
    assert not CSP_REFUSALS, CSP_REFUSALS


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    pg = watch(context.new_page())
    yield pg
    context.close()


def sign_in(
    browser: Browser,
    site: str,
    username: str,
    password: str = "",
    check: Callable[[Page], None] | None = None,
) -> Page:
    """A fresh browser context signed in through the sign-in form (`check` runs on the form
    first, e.g. axe)."""
    from tests.conftest import PASSWORD

    page = watch(browser.new_context().new_page())
    page.goto(site + "/sign-in/")
    if check:
        check(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    return page
