"""Keeping a risk register in a real browser, with the keyboard: the organisation's admin sees
the overdue reviews flagged, previews the register's matrix, adds a risk on a phone and closes
another. axe-core finds nothing on any page."""

import pytest
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import CLIMATE_REGISTER, demo_people, sample_load
from plantracker.risks.models import Risk
from tests.browser.test_cycle_in_browser import PASSWORD, clean, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORG = "/organisations/leicestershire-county-council"
REGISTER = f"{ORG}/risks/{CLIMATE_REGISTER}"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def press(page: Page, name: str) -> None:
    """A button or link reached and pressed with the keyboard."""
    target = page.get_by_role("button", name=name).or_(page.get_by_role("link", name=name))
    target.first.focus()
    page.keyboard.press("Enter")


def test_an_admin_adds_a_risk_and_closes_another(browser: Browser, site: str) -> None:
    admin = signed_in(browser, site, "admin")
    admin.goto(site + ORG + "/")
    expect(admin.get_by_text("Review overdue since").first).to_be_visible()
    clean(admin)
    press(admin, "Climate Change Risk Register")
    expect(admin.get_by_role("heading", name="Climate Change Risk Register")).to_be_visible()
    expect(admin.get_by_text("overdue for review").first).to_be_visible()
    clean(admin)

    press(admin, "Change the matrix and settings")
    expect(admin.get_by_role("heading", name="The register's matrix and settings")).to_be_visible()
    clean(admin)
    press(admin, "Preview")
    expect(admin.get_by_role("heading", name="Preview: the matrix with its bands")).to_be_visible()
    clean(admin)

    admin.set_viewport_size({"width": 390, "height": 844})  # a phone
    admin.goto(site + REGISTER + "/")
    press(admin, "Add a risk")
    expect(admin.get_by_role("heading", name="Add a risk")).to_be_visible()
    clean(admin)
    ref = admin.get_by_label("Reference").input_value()
    press(admin, "Add the risk")  # sent empty: the error summary takes focus
    expect(admin.locator(".govuk-error-summary")).to_be_focused()
    clean(admin)
    admin.get_by_label("Risk", exact=True).fill("Drought restricts water for council sites")
    admin.get_by_label("Owner").fill("Director of Corporate Resources")
    admin.get_by_label("Inherent impact").select_option("3")
    admin.get_by_label("Inherent likelihood").select_option("2")
    admin.get_by_label("Review date").fill("2027-06-30")
    press(admin, "Add the risk")
    expect(admin).to_have_url(f"{site}{REGISTER}/{ref}/")
    expect(admin.get_by_text(f"{ref} was added to the register.")).to_be_visible()
    width = admin.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the risk page scrolls sideways on a phone ({width} px)"
    clean(admin)

    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto(site + REGISTER + "/CR6/")
    press(admin, "Close the risk")
    expect(admin.get_by_text("CR6 was closed.")).to_be_visible()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Closed")
    clean(admin)
    assert Risk.objects.get(register__slug=CLIMATE_REGISTER, ref="CR6").status == "closed"
    admin.goto(site + REGISTER + "/")
    expect(
        admin.get_by_text("1 risk is closed or inactive and not on the maps: CR6")
    ).to_be_visible()
    clean(admin)

    public = browser.new_context().new_page()
    public.goto(site + REGISTER + f"/{ref}/")
    expect(public.get_by_role("heading", level=1)).to_contain_text("Drought")
    expect(public.get_by_role("button", name="Close the risk")).to_have_count(0)
    clean(public)
