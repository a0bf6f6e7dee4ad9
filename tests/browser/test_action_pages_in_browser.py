"""Running a plan in a real browser, with the keyboard: the editor adds an action, changes
another's lead and end date, withdraws a third; the public sees all three changes. axe-core
finds nothing on any page, at desktop width and on a phone."""

import pytest
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import demo_people, sample_load
from plantracker.plans.models import Action
from tests.browser.test_cycle_in_browser import PASSWORD, PLAN, clean, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def test_an_editor_adds_changes_and_withdraws_actions(browser: Browser, site: str) -> None:
    editor = signed_in(browser, site, "editor")
    editor.set_viewport_size({"width": 390, "height": 844})  # a phone
    editor.goto(site + PLAN + "/")
    press(editor, "Add an action")
    expect(editor.get_by_role("heading", name="Add an action")).to_be_visible()
    clean(editor)
    ref = editor.get_by_label("Reference").input_value()
    assert ref and not Action.objects.filter(plan__slug="net-zero-communities", ref=ref).exists()
    editor.get_by_label("Action", exact=True).fill("Solar panels on every school roof")
    editor.get_by_label("Lead", exact=True).fill("Property services")
    press(editor, "Add the action")
    expect(editor).to_have_url(f"{site}{PLAN}/actions/{ref}/")
    expect(editor.get_by_text(f"{ref} was added to the plan.")).to_be_visible()
    width = editor.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the action page scrolls sideways on a phone ({width} px)"
    clean(editor)

    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.goto(site + PLAN + "/actions/C2/")
    press(editor, "Edit this action")
    expect(editor.get_by_role("heading", name="Edit C2")).to_be_visible()
    clean(editor)
    editor.get_by_label("Lead", exact=True).fill("Communities team")
    editor.get_by_label("End", exact=True).fill("2027-03")
    press(editor, "Save changes")
    expect(editor.get_by_text("C2: lead, end saved.")).to_be_visible()

    editor.goto(site + PLAN + "/actions/C3/")
    press(editor, "Withdraw this action")
    expect(editor.get_by_role("heading", name="Withdraw C3")).to_be_visible()
    clean(editor)
    press(editor, "Withdraw the action")  # sent empty: the error summary takes focus
    expect(editor.locator(".govuk-error-summary")).to_be_focused()
    clean(editor)
    editor.get_by_label("Why is the action being withdrawn?").fill("Merged into C2")
    editor.get_by_label("Withdrawn on").fill("2026-11-30")
    press(editor, "Withdraw the action")
    expect(editor.get_by_text("C3 was withdrawn.")).to_be_visible()
    clean(editor)

    public = browser.new_context().new_page()
    public.goto(site + PLAN + f"/actions/{ref}/")
    expect(public.get_by_role("heading", level=1)).to_contain_text("Solar panels")
    public.goto(site + PLAN + "/actions/C2/")
    details = public.locator(".govuk-summary-list")
    expect(details.get_by_text("Communities team")).to_be_visible()
    expect(details.get_by_text("Mar 2027")).to_be_visible()
    public.goto(site + PLAN + "/actions/C3/")
    expect(public.get_by_text("Withdrawn from the plan on 30 November 2026")).to_be_visible()
    expect(public.get_by_role("link", name="Edit this action")).to_have_count(0)
    clean(public)
    public.context.close()
