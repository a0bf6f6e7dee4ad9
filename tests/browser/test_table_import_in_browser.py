"""Importing the organisation's KPIs from the web in a real browser: the check does not know a
column, the editor says what it holds with the column's select, checks again and imports; the
next file laid out the same way goes straight in with nothing asked. axe-core runs on every
page, at desktop width and on a phone."""

import pytest
from playwright.sync_api import Browser, expect

from plantracker.core.models import Organisation
from plantracker.imports.models import ColumnChoice, ImportJob
from plantracker.indicators.models import Indicator
from plantracker.operations.sample import ORGANISATION, demo_people, sample_load
from tests.browser.test_cycle_in_browser import PASSWORD, clean, signed_in
from tests.conftest import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAYOUT = "Performance measure,Unit,Better when it goes,Notes\n"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def test_editor_maps_a_column_and_the_next_file_needs_nothing(
    browser: Browser, site: str, tmp_path
) -> None:
    org = Organisation.objects.get(name=ORGANISATION)
    first = tmp_path / "kpis-2024.csv"
    first.write_text(LAYOUT + "Homes insulated,homes,up,from the survey\n", "utf-8")
    second = tmp_path / "kpis-2025.csv"
    second.write_text(LAYOUT + "Trees planted,trees,up,\n", "utf-8")
    before = set(Indicator.objects.values_list("title", flat=True))

    editor = signed_in(browser, site, "editor")
    editor.goto(f"{site}/organisations/{org.slug}/")
    editor.get_by_role("link", name="Import KPIs, a risk register or emissions").click()
    expect(editor.get_by_role("heading", name="Import KPIs, risks or emissions")).to_be_visible()
    clean(editor)

    # Sent without saying what the file holds: the error names the question.
    editor.get_by_label("Spreadsheet").set_input_files(first)
    editor.get_by_role("button", name="Upload").press("Enter")
    expect(editor.get_by_role("alert")).to_be_visible()
    clean(editor)

    editor.get_by_label("KPIs: definitions, targets and values").check()
    editor.get_by_label("Spreadsheet").set_input_files(first)
    editor.get_by_role("button", name="Upload").press("Enter")
    expect(editor.get_by_text("will be checked in the background")).to_be_visible()
    run_worker()
    editor.reload()
    # No column is one the importer knows as a KPI's name: the check says so and asks.
    expect(editor.get_by_role("heading", name="Columns of the file")).to_be_visible()
    select = editor.get_by_label("Column A: Performance measure")
    expect(select).to_be_visible()
    clean(editor)
    select.select_option(label="title")
    editor.get_by_label("Column C: Better when it goes").select_option(label="direction")
    editor.get_by_role("button", name="Check again with these columns").press("Enter")
    run_worker()
    checked = ImportJob.objects.latest("pk")
    assert checked.check_only and checked.status == "done", checked.problems
    editor.reload()
    expect(editor.get_by_role("heading", name="What importing it would do")).to_be_visible()
    expect(editor.get_by_role("table")).to_contain_text("Performance measure")
    assert set(Indicator.objects.values_list("title", flat=True)) == before  # a check writes none
    clean(editor)

    editor.get_by_role("button", name="Import this file").press("Enter")
    run_worker()
    editor.reload()
    expect(editor.get_by_role("heading", name="What was imported")).to_be_visible()
    homes = Indicator.objects.get(title="Homes insulated")
    assert (homes.unit, homes.direction) == ("homes", "higher")
    remembered = ColumnChoice.objects.filter(organisation=org).values_list("heading", "field")
    chosen = {("performance measure", "title"), ("better when it goes", "direction")}
    assert set(remembered) >= chosen

    # The next file of the same layout: imported straight away, nothing asked.
    editor.set_viewport_size({"width": 390, "height": 844})
    editor.goto(f"{site}/organisations/{org.slug}/import/")
    clean(editor)
    editor.get_by_label("KPIs: definitions, targets and values").check()
    editor.get_by_label("Spreadsheet").set_input_files(second)
    editor.get_by_label("Check the file first").uncheck()
    editor.get_by_role("button", name="Upload").press("Enter")
    run_worker()
    job = ImportJob.objects.latest("pk")
    assert job.status == "done" and not job.check_only, job.problems
    editor.goto(f"{site}/organisations/{org.slug}/imports/{job.pk}/")
    expect(editor.get_by_role("heading", name="What was imported")).to_be_visible()
    expect(editor.get_by_label("Column A: Performance measure")).to_have_count(0)
    assert Indicator.objects.filter(title="Trees planted", unit="trees").exists()
    clean(editor)
    width = editor.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the job page scrolls sideways on a phone ({width} px)"
