"""The carbon pages in a real browser: axe-core finds no violations, the charts draw, and an
editor runs and saves a what-if with the keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from plantracker.operations.sample import ROADMAP, sample_load
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
LCC = "/organisations/leicestershire-county-council"
ROADMAP_PAGE = f"{LCC}/roadmaps/{ROADMAP}/"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    from decimal import Decimal

    from plantracker.carbon.models import ConversionFactor

    ConversionFactor.objects.create(
        year=2024, factor_id="1_100_1004_6_1", scope="Scope 1", level_1="Fuels",
        level_2="Gaseous fuels", level_3="Natural gas", unit="kWh (Gross CV)",
        ghg="kg CO2e", value=Decimal("0.18290"),
    )  # fmt: skip
    return live_server.url


def assert_accessible(page: Page, path: str) -> None:
    violations = AXE.run(page).response["violations"]
    assert not violations, (path, [(v["id"], v["help"]) for v in violations])


def test_carbon_pages_pass_axe_and_draw(page: Page, site: str) -> None:
    for path, chart in [
        (f"{LCC}/carbon/", None),
        (ROADMAP_PAGE, "#chart-wedges svg"),
        (ROADMAP_PAGE + "?off=complex", "#chart-waterfall svg"),
        ("/areas/", None),
        ("/areas/LEC/", "#chart-sectors svg"),
        ("/conversion-factors/?q=natural+gas", None),
    ]:
        page.goto(site + path)
        expect(page.locator("h1")).to_be_visible()
        if chart:
            expect(page.locator(chart)).to_be_visible()
        assert_accessible(page, path)
    expect(page.get_by_role("cell", name="1_100_1004_6_1")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    page.goto(site + "/areas/LEC/")
    expect(
        page.get_by_role("table", name="kt CO2 by sector and year (the chart's data)")
    ).to_be_visible()


def test_editor_saves_a_what_if_by_keyboard(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from plantracker.core.models import Membership, Organisation
    from tests.conftest import PASSWORD

    user = get_user_model().objects.create_user("carbon-editor", password=PASSWORD)
    org = Organisation.objects.get(slug="leicestershire-county-council")
    Membership.objects.create(user=user, organisation=org, role="editor")
    page = sign_in(browser, site, "carbon-editor")
    page.goto(site + ROADMAP_PAGE)
    expect(page.get_by_text("1,000 tCO2e before offsets; 300 tCO2e net")).to_be_visible()

    box = page.get_by_role("checkbox", name="Low return / complex improvements")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_role("button", name="Show the what-if").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("4,500 tCO2e before offsets; 3,800 tCO2e net")).to_be_visible()
    name = page.get_by_role("textbox", name="Name this what-if")
    name.fill("No complex improvements")
    name.press("Enter")
    expect(page.get_by_text("The scenario ‘No complex improvements’ was saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="What-if: No complex improvements")).to_be_visible()
    expect(page.get_by_role("link", name="No complex improvements")).to_have_attribute(
        "aria-current", "true"
    )
    assert_accessible(page, "scenario")
