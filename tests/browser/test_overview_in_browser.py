"""The organisation overview in a real browser: on a phone (390 px) and at desktop width
(1280 px) it fits the screen, draws its charts beside their tables, and axe-core finds nothing;
a number followed with the keyboard opens the list behind it; the approver also sees the
period in progress, the public does not."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import demo_people, sample_load
from plantracker.plans.models import Plan
from plantracker.updates import services
from tests.browser.conftest import sign_in, watch
from tests.browser.test_cycle_in_browser import PASSWORD, clean

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LCC = "/organisations/leicestershire-county-council"
WIDTHS = (390, 1280)


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    plan = Plan.objects.get(slug="net-zero-communities")
    editor = plan.organisation.memberships.get(user__username="editor").user
    services.period_create(plan=plan, user=editor, label="June 2024",
                           due=timezone.localdate() - timedelta(days=3))  # fmt: skip
    return live_server.url


def looks_right(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.url)
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    expect(page.locator("#chart-rag svg")).to_be_attached()  # the chart is drawn
    expect(page.locator("#chart-stage svg")).to_be_attached()
    expect(page.locator("#rag-table")).to_be_visible()
    clean(page)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width} px ({scroll} px)"


def test_the_public_reads_the_overview(browser: Browser, site: str) -> None:
    page = watch(browser.new_context().new_page())
    page.goto(site + "/")
    page.get_by_role("link", name="Overview: how the plans are doing").click()
    for width in WIDTHS:
        looks_right(page, width)
    expect(page.get_by_text("Updates in progress")).to_have_count(0)
    expect(page.get_by_text("June 2024")).to_have_count(0)
    # The keyboard reaches a figure and opens the list behind it.
    link = page.locator('[data-figure="stage-net-zero-communities-Discovery"]')
    count = link.inner_text().split()[0]
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Actions", level=1)).to_be_visible()
    expect(page.locator("#result-count")).to_contain_text(f"{count} action")
    clean(page)


def test_the_approver_sees_what_is_in_progress(browser: Browser, site: str) -> None:
    page = sign_in(browser, site, "approver", PASSWORD)
    page.goto(site + LCC + "/overview/")
    for width in WIDTHS:
        looks_right(page, width)
    expect(page.get_by_role("heading", name="Updates in progress")).to_be_visible()
    expect(page.get_by_text("Overdue: no update submitted")).to_be_visible()
