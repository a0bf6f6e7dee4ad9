"""Strategy, coverage, KPI and risk pages in a real browser: axe-core finds no violations of
any impact, the KPI chart draws, and the heat map reads by keyboard as a table."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from plantracker.operations.sample import sample_load
from tests.browser.conftest import sign_in

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


def test_editor_records_a_kpi_value_by_keyboard(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from plantracker.core.models import Membership, Organisation
    from tests.conftest import PASSWORD

    user = get_user_model().objects.create_user("kpi-editor", password=PASSWORD)
    org = Organisation.objects.get(slug="leicestershire-county-council")
    Membership.objects.create(user=user, organisation=org, role="editor")
    page = sign_in(browser, site, "kpi-editor")
    page.goto(site + f"{LCC}/kpis/custodial-sentences/")
    expect(page.get_by_role("heading", name="Record a value")).to_be_visible()

    page.get_by_role("textbox", name="Period", exact=True).fill("soon")
    page.get_by_role("textbox", name="Value", exact=True).fill("lots")
    page.get_by_role("textbox", name="Value", exact=True).press("Enter")  # submit from the keyboard
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("'soon' is not a period")
    violations = AXE.run(page).response["violations"]
    assert not violations, [(v["id"], v["help"]) for v in violations]
    summary.get_by_role("link", name="'lots' is not a number").click()
    expect(
        page.get_by_role("textbox", name="Value", exact=True)
    ).to_be_focused()  # the summary's links reach the field

    page.get_by_role("textbox", name="Period", exact=True).fill("2019/20")
    page.get_by_role("textbox", name="Value", exact=True).fill("4.1")
    page.get_by_label("This value is an estimate").check()
    page.get_by_role("button", name="Save the value").click()
    expect(page.get_by_text("The value for 2019-20 was recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="2019-20", exact=True)).to_be_visible()
    violations = AXE.run(page).response["violations"]
    assert not violations, [(v["id"], v["help"]) for v in violations]
    # The committee report preview carries the KPI, risk and coverage sections, axe-clean.
    from plantracker.plans.models import Plan
    from plantracker.updates import services

    plan = Plan.objects.get(slug="environment-strategy-action-plan-2020-2024")
    services.period_create(plan=plan, user=user, label="March 2024")
    page.goto(site + f"/plans/{plan.slug}/periods/march-2024/report.html")
    for heading in ("KPIs off track", "Top risks", "Coverage gaps"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Objectives with no action (7)")).to_be_visible()
    violations = AXE.run(page).response["violations"]
    assert not violations, [(v["id"], v["help"]) for v in violations]
