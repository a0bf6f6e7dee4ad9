"""Filtering, search and the action page in a real browser, with axe-core on every page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import sample_load
from tests.browser.conftest import watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    return live_server.url


def assert_accessible(page: Page) -> None:
    results = AXE.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def test_pages_pass_axe(page: Page, site: str) -> None:
    for path in [
        "/",
        "/plans/net-zero-communities/",
        "/plans/net-zero-communities/actions/",
        "/plans/net-zero-communities/actions/C11/",
        "/plans/environment-strategy-action-plan-2020-2024/",
        "/plans/environment-strategy-action-plan-2020-2024/actions/?stage=unknown",
        "/plans/environment-strategy-action-plan-2020-2024/actions/ESAP-41/",
    ]:
        page.goto(site + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)


def test_filter_and_search_update_results_and_url(page: Page, site: str) -> None:
    page.goto(site + "/plans/net-zero-communities/actions/")
    count = page.locator("#result-count")
    expect(count).to_have_text("21 actions")
    stage = page.get_by_role("group", name="Stage")
    stage.get_by_label("Design", exact=True).check()
    expect(count).to_have_text("2 actions match these filters")
    expect(page).to_have_url(re.compile(r"stage=Design"))
    expect(page.locator("tbody tr")).to_have_count(2)
    stage.get_by_label("Delivery", exact=True).check()  # several values: either stage
    expect(count).to_have_text("10 actions match these filters")
    expect(page).to_have_url(re.compile(r"stage=Design&stage=Delivery"))
    stage.get_by_label("Design", exact=True).uncheck()
    stage.get_by_label("Delivery", exact=True).uncheck()
    expect(count).to_have_text("21 actions")
    page.get_by_role("searchbox", name="Search").fill("toolkit")
    expect(count).to_have_text("4 actions match these filters")
    shared = page.url
    page.goto(shared)  # a shared link shows the same results
    expect(count).to_have_text("4 actions match these filters")
    page.get_by_role("link", name="C16").click()
    expect(page.locator("h1")).to_contain_text("Enable local Parish and Town councils")


def test_action_page_shows_how_the_score_was_worked_out(page: Page, site: str) -> None:
    page.goto(site + "/plans/net-zero-communities/actions/C6/")
    expect(
        page.get_by_role("heading", name="How the deliverability score was worked out")
    ).to_be_visible()
    expect(page.get_by_text("2 × 3 × 1 = 6")).to_be_visible()
    expect(page.get_by_text("The plan records a score of 4, but the rule gives 6")).to_be_visible()
    expect(page.get_by_role("heading", name="December 2023")).to_be_visible()


def test_filters_work_without_javascript(browser: Browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = watch(context.new_page())
    page.goto(site + "/plans/environment-strategy-action-plan-2020-2024/actions/")
    page.get_by_role("group", name="Theme").get_by_label("Reporting", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_have_text("3 actions match these filters")
    context.close()


def test_keyboard_reaches_the_filters_and_results(page: Page, site: str) -> None:
    page.goto(site + "/plans/net-zero-communities/actions/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("searchbox", name="Search").focus()
    page.keyboard.type("shop local")
    expect(page.locator("#result-count")).to_have_text("1 action matches these filters")


def test_phone_width_has_no_sideways_scroll(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = watch(context.new_page())
    for path in [
        "/plans/net-zero-communities/",
        "/plans/net-zero-communities/actions/",
        "/plans/net-zero-communities/actions/C20/",
    ]:
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
    context.close()
