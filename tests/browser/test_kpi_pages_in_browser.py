"""Defining a KPI in a real browser: on a phone and with the keyboard alone, the demo's editor
defines a KPI with a baseline and a target, records a value, and sees its status change from
"No data". axe-core finds nothing on any of the KPI's pages."""

import pytest
from playwright.sync_api import Browser, Page, expect

from plantracker.indicators.models import Indicator
from plantracker.operations.sample import demo_people, sample_load
from tests.browser.test_cycle_in_browser import PASSWORD, clean, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LCC = "/organisations/leicestershire-county-council"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def tab_to(page: Page, element_id: str, most: int = 60) -> None:
    """Press Tab until the element has the focus, as someone using the keyboard would."""
    for _ in range(most):
        if focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id} (stuck on #{focused(page)})")


def link_by_keyboard(page: Page, name: str) -> None:
    link = page.get_by_role("link", name=name).first
    link.wait_for()
    for _ in range(80):
        if page.evaluate("document.activeElement && document.activeElement.textContent") == name:
            page.keyboard.press("Enter")
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the link '{name}'")


def test_an_editor_defines_a_kpi_and_sees_its_status(browser: Browser, site: str) -> None:
    editor = signed_in(browser, site, "editor")
    editor.set_viewport_size({"width": 390, "height": 844})  # a phone
    editor.goto(site + LCC + "/")
    link_by_keyboard(editor, "Define a KPI")
    expect(editor.get_by_role("heading", name="Define a KPI")).to_be_visible()
    clean(editor)

    # Keyboard only: Tab from field to field, type, and Enter to send the form.
    tab_to(editor, "id_title")
    editor.keyboard.type("Homes retrofitted")
    tab_to(editor, "id_unit")
    editor.keyboard.type("homes")
    tab_to(editor, "id_direction_0")  # "Higher is better", chosen already
    tab_to(editor, "id_baseline_value")
    editor.keyboard.type("120")
    tab_to(editor, "id_baseline_period")
    editor.keyboard.type("2022-23")
    tab_to(editor, "id_target")
    editor.keyboard.type("500")
    tab_to(editor, "id_target_due")
    editor.keyboard.type("sometime")
    editor.keyboard.press("Enter")
    expect(editor.locator(".govuk-error-summary")).to_be_focused()  # the summary takes focus
    expect(editor.get_by_text("'sometime' is not a period").first).to_be_visible()
    clean(editor)
    editor.keyboard.press("Tab")  # the summary's link to the field
    editor.keyboard.press("Enter")
    assert focused(editor) == "id_target_due"
    editor.keyboard.press("Control+A")
    editor.keyboard.type("2030")
    editor.keyboard.press("Enter")

    kpi_url = f"{site}{LCC}/kpis/homes-retrofitted/"
    expect(editor).to_have_url(kpi_url)
    kpi = Indicator.objects.get(slug="homes-retrofitted")
    assert (kpi.baseline_period, kpi.unit, kpi.title) == ("2022-23", "homes", "Homes retrofitted")
    status = editor.locator("p.govuk-body", has_text="Status:").first
    expect(status).to_contain_text("No data")
    expect(editor.get_by_text("To be given a status, this KPI needs a value.")).to_be_visible()
    expect(editor.get_by_text("500 by 2030")).to_be_visible()
    width = editor.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the KPI page scrolls sideways on a phone ({width} px)"
    clean(editor)

    editor.get_by_label("Period", exact=True).fill("2024-25")
    editor.get_by_label("Value", exact=True).fill("300")
    editor.get_by_role("button", name="Save the value").click()
    expect(editor.get_by_text("The value for 2024-25 was recorded.")).to_be_visible()
    expect(status).to_contain_text("On track")
    expect(editor.get_by_text("To be given a status")).to_have_count(0)
    clean(editor)

    # The other pages of the KPI, at desktop width.
    editor.set_viewport_size({"width": 1280, "height": 900})
    for path, heading in [
        ("edit/", "Change the definition of Homes retrofitted"),
        ("targets/add/", "Add a target"),
        ("retire/", "Retire Homes retrofitted"),
    ]:
        editor.goto(kpi_url + path)
        expect(editor.get_by_role("heading", name=heading)).to_be_visible()
        clean(editor)
    editor.get_by_role("button", name="Retire the KPI").click()  # sent empty
    expect(editor.locator(".govuk-error-summary")).to_be_focused()
    clean(editor)
    editor.get_by_label("Why is the KPI being retired?").fill("Replaced by EPC ratings")
    editor.get_by_label("Retired on").fill("2026-11-30")
    editor.get_by_role("button", name="Retire the KPI").click()
    expect(editor.get_by_text("Retired on 30 November 2026")).to_be_visible()
    clean(editor)

    public = browser.new_context().new_page()
    public.goto(site + LCC + "/")
    row = public.get_by_role("row").filter(has_text="Homes retrofitted")
    expect(row.get_by_text("Retired")).to_be_visible()
    expect(public.get_by_role("link", name="Define a KPI")).to_have_count(0)
    clean(public)
