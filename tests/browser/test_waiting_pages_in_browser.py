"""Waiting pages in a real browser (issue 18, item 7): the import check page and a prepared
report's page turn into their result when the worker finishes, without a reload, at a
phone's width and at a desktop's, axe-clean before and after; without JavaScript the
"check again" link does the same job."""

import pytest
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import demo_people, sample_load
from tests.browser.conftest import watch
from tests.browser.test_cycle_in_browser import PASSWORD, PLAN, clean, signed_in
from tests.conftest import COMMUNITIES, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def upload_for_check(page: Page, site: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    upload = tmp_path / "communities-check.txt"
    upload.write_text(COMMUNITIES.read_text(encoding="utf-8"), "utf-8")
    page.goto(site + PLAN + "/import/")
    page.get_by_label("Spreadsheet").set_input_files(upload)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Waiting for the worker")).to_be_visible()
    return page.url


def asked_for(page: Page, url: str) -> list[str]:
    """Every request the page makes for `url` from now on."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url == url else None)
    return seen


@pytest.mark.parametrize("width", [390, 1280])
def test_the_import_check_page_shows_the_result_without_a_reload(
    browser: Browser, site: str, tmp_path, width: int
) -> None:  # type: ignore[no-untyped-def]
    editor = signed_in(browser, site, "editor")
    editor.set_viewport_size({"width": width, "height": 900})
    url = upload_for_check(editor, site, tmp_path)
    expect(editor.get_by_role("link", name="check again")).to_be_visible()
    clean(editor)
    editor.evaluate("window.notReloaded = true")
    requests = asked_for(editor, url)

    run_worker()
    expect(editor.get_by_role("heading", name="What importing it would do")).to_be_visible(
        timeout=20_000
    )
    assert editor.evaluate("window.notReloaded === true"), "the page was reloaded"
    assert requests, "the page asked for itself"
    said = editor.get_by_role("status").filter(has_text="communities-check.txt: Done.")
    expect(said).to_have_count(1)
    expect(editor.get_by_role("link", name="check again")).to_have_count(0)
    expect(editor.get_by_role("button", name="Import this file")).to_be_visible()
    assert editor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    clean(editor)
    asked = len(requests)
    editor.wait_for_timeout(5_000)  # two and a half polling intervals
    assert len(requests) == asked, "the page stopped asking once the check was done"


def test_a_prepared_report_page_offers_the_download_without_a_reload(
    browser: Browser, site: str
) -> None:
    editor = signed_in(browser, site, "editor")
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.goto(site + PLAN + "/periods/december-2023/")
    editor.get_by_role("button", name="Prepare the PDF").click()
    expect(editor.get_by_role("heading", name="Committee report (PDF)")).to_be_visible()
    expect(editor.get_by_text("The background worker is preparing the report")).to_be_visible()
    clean(editor)
    editor.evaluate("window.notReloaded = true")

    run_worker()
    download = editor.get_by_role("link", name="Download the report (PDF)")
    expect(download).to_be_visible(timeout=30_000)
    assert editor.evaluate("window.notReloaded === true"), "the page was reloaded"
    expect(editor.get_by_role("status").filter(has_text="ready to download")).to_have_count(1)
    clean(editor)
    with editor.expect_download() as got:
        download.click()
    assert got.value.suggested_filename.endswith(".pdf")


def test_without_javascript_the_check_again_link_shows_the_result(
    browser: Browser, site: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    editor = watch(context.new_page())
    editor.goto(site + "/sign-in/")
    editor.get_by_label("Username").fill("editor")
    editor.get_by_label("Password").fill(PASSWORD)
    editor.get_by_role("button", name="Sign in").click()
    editor.wait_for_url(lambda u: "/sign-in/" not in u)
    upload_for_check(editor, site, tmp_path)
    run_worker()
    editor.wait_for_timeout(3_000)
    expect(editor.get_by_text("Waiting for the worker")).to_be_visible()  # nothing ran
    editor.get_by_role("link", name="check again").click()
    expect(editor.get_by_role("heading", name="What importing it would do")).to_be_visible()
    context.close()
