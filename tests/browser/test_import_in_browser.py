"""Importing from the web in a real browser: the editor finds "Import a spreadsheet" on the
plan's page, uploads the tracker with the keyboard, the worker checks it, the editor reads
what would change and imports it. axe-core runs on every page on the way."""

import re

import pytest
from playwright.sync_api import Browser, expect

from plantracker.operations.sample import demo_people, sample_load
from plantracker.plans.models import Action
from tests.browser.test_cycle_in_browser import PASSWORD, PLAN, clean, signed_in
from tests.conftest import COMMUNITIES, run_worker
from tests.cycle import seed_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def test_editor_checks_and_imports_a_tracker(browser: Browser, site: str, tmp_path) -> None:
    old = seed_row("C2")["Action"]
    new = "Support community energy groups, as renamed in March"
    upload = tmp_path / "communities-march.txt"
    upload.write_text(COMMUNITIES.read_text(encoding="utf-8").replace(old, new), "utf-8")

    editor = signed_in(browser, site, "editor")
    editor.goto(site + PLAN + "/")
    editor.get_by_role("link", name="Import a spreadsheet").click()
    expect(editor.get_by_role("heading", name="Import a spreadsheet", level=1)).to_be_visible()
    clean(editor)

    # Sent empty: the error summary names the field and takes focus.
    editor.get_by_role("button", name="Upload").press("Enter")
    expect(editor.get_by_role("alert")).to_contain_text("Choose a spreadsheet to upload.")
    expect(editor.locator(".govuk-error-summary")).to_be_focused()
    expect(editor).to_have_title(re.compile(r"^Error: Import a spreadsheet – "))
    clean(editor)

    editor.get_by_label("Spreadsheet").set_input_files(upload)
    expect(editor.get_by_label("Check the file first, without importing it")).to_be_checked()
    editor.get_by_role("button", name="Upload").focus()
    editor.keyboard.press("Enter")
    expect(editor.get_by_text("Waiting for the worker")).to_be_visible()
    clean(editor)

    run_worker()
    editor.reload()
    expect(editor.get_by_text("What importing it would do")).to_be_visible()
    expect(editor.get_by_text(f"C2 title: {old} → {new}")).to_be_visible()
    assert Action.objects.get(plan__slug="net-zero-communities", ref="C2").title == old
    clean(editor)

    editor.get_by_role("button", name="Import this file").press("Enter")
    expect(editor.get_by_text("will be imported in the background")).to_be_visible()
    run_worker()
    editor.reload()
    expect(editor.get_by_role("heading", name="What was imported")).to_be_visible()
    assert Action.objects.get(plan__slug="net-zero-communities", ref="C2").title == new
    editor.set_viewport_size({"width": 375, "height": 800})  # a phone
    clean(editor)
    editor.get_by_role("link", name="All imports for this plan").click()
    expect(editor.get_by_role("table")).to_contain_text("communities-march.txt")
    clean(editor)
