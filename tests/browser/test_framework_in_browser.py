"""Strategy, coverage, KPI and risk pages in a real browser: axe-core finds no violations of
any impact, the KPI chart draws, and the heat map reads by keyboard as a table."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from plantracker.core.sample import sample_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
LCC = "/organisations/leicestershire-county-council"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    return live_server.url


def test_framework_pages_pass_axe(page: Page, site: str) -> None:
    for path in [
        f"{LCC}/",
        f"{LCC}/kpis/reduce-the-proven-rate-of-re-offending/",
        f"{LCC}/kpis/greenhouse-gas-emissions-from-lcc-operations/",
        f"{LCC}/risks/youth-justice-risk-register/",
        f"{LCC}/risks/climate-risk-register/",
        f"{LCC}/strategies/environment-strategy-2018-2030/",
        f"{LCC}/strategies/strategic-plan-2018-22/",
        "/plans/environment-strategy-action-plan-2020-2024/coverage/",
    ]:
        page.goto(site + path)
        expect(page.locator("h1")).to_be_visible()
        violations = AXE.run(page).response["violations"]
        assert not violations, (path, [(v["id"], v["help"]) for v in violations])


def test_kpi_chart_draws_and_the_officer_reaches_it_from_the_plan(page: Page, site: str) -> None:
    page.goto(site + "/")
    page.get_by_role("link", name="Strategies, KPIs and risk registers").click()
    page.get_by_role("link", name="Custodial Sentences").click()
    expect(page.locator("h1")).to_have_text("Custodial Sentences")
    expect(page.locator("#chart-kpi svg")).to_be_visible()
    expect(page.get_by_text("Met when the value is below 5")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    expect(page.get_by_role("table").first).to_be_visible()
