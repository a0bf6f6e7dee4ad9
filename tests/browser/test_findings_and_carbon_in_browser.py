"""On a phone, with the keyboard: an editor dismisses a data-quality finding with a reason;
the council's administrator adds a carbon target, an emission source and a year's figure,
corrects the figure (refused without a reason), and switches a roadmap workstream off.
axe-core finds nothing on any page, and no page scrolls sideways."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import ROADMAP, demo_people, sample_load
from tests.browser.test_action_pages_in_browser import press
from tests.browser.test_cycle_in_browser import PASSWORD, PLAN, clean, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LCC = "/organisations/leicestershire-county-council"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def fits(page: Page) -> None:
    clean(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone ({width} px)"


def correct(page: Page) -> None:
    link = page.get_by_role("link", name=re.compile(r"2023-24\s*: correct this figure"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Depot heat pumps: 2023-24")).to_be_visible()


def test_an_editor_dismisses_a_finding(browser: Browser, site: str) -> None:
    editor = signed_in(browser, site, "editor")
    editor.set_viewport_size(PHONE)
    editor.goto(site + PLAN + "/#findings")
    fits(editor)
    first = editor.get_by_role("link", name="Dismiss the finding on").first
    first.focus()
    editor.keyboard.press("Enter")
    expect(editor.get_by_role("heading", name="Dismiss a finding")).to_be_visible()
    fits(editor)
    press(editor, "Dismiss the finding")  # empty: the error summary takes focus
    expect(editor.locator(".govuk-error-summary")).to_be_focused()
    clean(editor)
    editor.get_by_label("Why does nothing need changing?").fill("The committee agreed it.")
    press(editor, "Dismiss the finding")
    expect(editor.get_by_role("heading", name="Dismissed findings")).to_be_visible()
    expect(editor.get_by_text("The committee agreed it.")).to_be_visible()
    fits(editor)


def test_the_administrator_keeps_the_carbon_records(browser: Browser, site: str) -> None:
    admin = signed_in(browser, site, "admin")
    admin.set_viewport_size(PHONE)
    admin.goto(site + LCC + "/carbon/")
    fits(admin)
    press(admin, "Baseline year and targets")
    expect(admin.get_by_role("heading", name="Carbon settings and targets")).to_be_visible()
    fits(admin)
    press(admin, "Add a carbon target")
    expect(admin.get_by_role("heading", name="Add a carbon target")).to_be_visible()
    admin.get_by_label("Name").fill("Half by 2027")
    admin.get_by_label("Reduction, per cent").fill("50")
    admin.get_by_label("By the year").fill("2027")
    admin.get_by_label("Measured against the financial year").fill("2018/19")
    press(admin, "Save the target")
    expect(admin.get_by_role("link", name="Half by 2027")).to_be_visible()
    fits(admin)

    admin.goto(site + LCC + "/carbon/")
    press(admin, "Add an emission source")
    expect(admin.get_by_role("heading", name="Add an emission source")).to_be_visible()
    fits(admin)
    admin.get_by_label("Name").fill("Depot heat pumps")
    admin.get_by_label("Scope").select_option("2")
    admin.get_by_label("Category").select_option("buildings")
    press(admin, "Save the source")
    expect(admin.get_by_role("heading", name="Emission source: Depot heat pumps")).to_be_visible()
    press(admin, "Add a year's figure")
    admin.get_by_label("Financial year").fill("2023-24")
    admin.get_by_label("Emissions, tonnes CO2e").fill("1,250")
    press(admin, "Save the figure")
    expect(admin.get_by_text("The 2023-24 figure was saved.")).to_be_visible()
    fits(admin)
    correct(admin)
    admin.get_by_label("Emissions, tonnes CO2e").fill("1200")
    press(admin, "Save the figure")  # no reason: refused
    expect(admin.locator(".govuk-error-summary")).to_be_focused()
    clean(admin)
    admin.get_by_label("Why is the figure changing?").fill("Recalculated with 2024 factors")
    press(admin, "Save the figure")
    expect(admin.get_by_text("The 2023-24 figure was corrected.")).to_be_visible()
    correct(admin)
    history = admin.get_by_role("region", name="Earlier figures")
    expect(history.get_by_text("1,250")).to_be_visible()
    expect(history.get_by_text("Recalculated with 2024 factors")).to_be_visible()
    fits(admin)

    admin.goto(f"{site}{LCC}/roadmaps/{ROADMAP}/#workstreams")
    fits(admin)
    link = admin.get_by_role("region", name="Workstreams").get_by_role("link").first
    name = link.inner_text()
    link.focus()
    admin.keyboard.press("Enter")
    expect(admin.get_by_role("heading", name=f"Workstream: {name}")).to_be_visible()
    fits(admin)
    admin.get_by_label("In the roadmap").uncheck()
    press(admin, "Save the workstream")
    row = admin.get_by_role("region", name="Workstreams").get_by_role("row", name=name)
    expect(row.get_by_text("Switched off")).to_be_visible()
    fits(admin)
