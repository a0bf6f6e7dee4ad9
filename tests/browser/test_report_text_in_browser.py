"""An editor writes the March 2024 report's own text on a phone and on a desktop, with the
keyboard's labels, and finds it in the committee report; axe-core runs at both widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import demo_people, sample_load
from plantracker.plans.models import Plan
from plantracker.updates import services
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
PASSWORD = "browser-test-password"
PLAN = "/plans/net-zero-communities"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    sample_load()
    demo_people(PASSWORD)
    plan = Plan.objects.get(slug="net-zero-communities")
    plan.organisation.committees = "Scrutiny Commission\nCabinet"
    plan.organisation.save()
    editor = get_user_model().objects.get(username="editor")
    services.period_create(plan=plan, user=editor, label="March 2024")
    return live_server.url


def clean(page: Page) -> None:
    violations = AXE.run(page).response["violations"]
    assert not violations, [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], width  # type: ignore[index]


def test_write_the_reports_text(browser: Browser, site: str) -> None:
    editor = sign_in(browser, site, "editor", PASSWORD)
    editor.set_viewport_size({"width": 390, "height": 844})
    editor.goto(site + PLAN + "/periods/march-2024/")
    editor.get_by_role("link", name="Write the report's text").click()
    expect(editor.get_by_role("heading", name="The report's text", level=1)).to_be_visible()
    clean(editor)
    no_sideways_scroll(editor)
    editor.get_by_label("Agenda item").fill("Item 6")
    editor.get_by_label("Committee meeting").fill("Scrutiny Commission")
    editor.get_by_label("Recommendations").fill("Note the progress\nAsk for a report in June")
    editor.get_by_label("Legal implications").fill("There are **none**.")
    editor.get_by_label("Email").fill("not an email")
    editor.get_by_role("button", name="Save the report's text").click()
    expect(editor.get_by_role("alert")).to_contain_text("There is a problem")
    clean(editor)  # the error state too
    editor.get_by_role("link", name="Enter a valid email address").click()
    expect(editor.get_by_label("Email")).to_be_focused()
    editor.get_by_label("Name", exact=True).fill("Sam Officer")
    editor.get_by_label("Email").fill("sam@example.org")
    editor.get_by_role("button", name="Save the report's text").click()
    expect(editor.get_by_text("The March 2024 report's text is saved.")).to_be_visible()

    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.goto(site + PLAN + "/periods/march-2024/report-text/")
    expect(editor.get_by_label("Legal implications")).to_have_value("There are **none**.")
    expect(editor.get_by_role("group", name="Officer 2")).to_be_visible()
    clean(editor)
    no_sideways_scroll(editor)
    editor.goto(site + PLAN + "/periods/march-2024/report.html")
    expect(editor.get_by_role("heading", name="Legal implications")).to_be_visible()
    expect(editor.locator("strong", has_text="none")).to_be_visible()
    june = editor.get_by_role("listitem").filter(has_text="Ask for a report in June")
    expect(june).to_be_visible()
    expect(editor.get_by_role("link", name="sam@example.org")).to_be_visible()
