"""A reporting cycle in a real browser: an editor opens March 2024, the contributor submits
C13's update, the approver returns it, the contributor fixes it, the approver approves and
publishes, and the public reads the change report. axe-core runs on every page on the way."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from plantracker.operations.sample import demo_people, sample_load
from plantracker.plans.models import Plan
from tests.browser.conftest import sign_in, watch
from tests.cycle import NEW_TEXT, REASON

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
PASSWORD = "browser-test-password"
PLAN = "/plans/net-zero-communities"


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    sample_load()
    demo_people(PASSWORD)
    return live_server.url


def clean(page: Page) -> None:
    """axe-core finds nothing at all: no violation of any impact."""
    violations = AXE.run(page).response["violations"]
    assert not violations, [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]


def signed_in(browser: Browser, site: str, username: str) -> Page:
    page = sign_in(browser, site, username, PASSWORD, check=clean)
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    clean(page)
    return page


def test_submit_return_approve_publish(browser: Browser, site: str) -> None:
    editor = signed_in(browser, site, "editor")
    editor.goto(site + PLAN + "/periods/")
    clean(editor)
    editor.get_by_label("Name").fill("March 2024")
    editor.get_by_label("Updates due by").fill("2024-03-15")
    editor.get_by_role("button", name="Add period").click()
    expect(editor.get_by_text("March 2024 is open for updates.")).to_be_visible()
    clean(editor)

    contributor = signed_in(browser, site, "contributor")
    expect(contributor.get_by_text("0 of 3 done")).to_be_visible()
    contributor.get_by_role("link", name="Write the March 2024 update for C13").click()
    clean(contributor)
    contributor.get_by_label("Update", exact=True).fill(NEW_TEXT)
    contributor.get_by_label("RAG rating", exact=True).select_option("Red")
    contributor.get_by_role("button", name="Submit for approval").click()
    expect(contributor.get_by_role("alert")).to_contain_text("Say why the RAG is now Red")
    clean(contributor)  # the error state too
    expect(contributor.get_by_label("Update", exact=True)).to_have_value(NEW_TEXT)
    contributor.get_by_label("Reason for the RAG rating").fill(REASON)
    contributor.get_by_role("button", name="Submit for approval").click()
    expect(contributor.get_by_text("was submitted for approval")).to_be_visible()
    expect(contributor.get_by_text("1 of 3 done")).to_be_visible()

    approver = signed_in(browser, site, "approver")  # lands on My work
    expect(approver.locator("#navigation")).to_contain_text("My work: 1 to review")
    approver.get_by_role("link", name="Review C13").click()  # one click from My work
    expect(approver.locator(".app-diff del.app-del").first).to_contain_text("will conclude")
    expect(approver.locator(".app-diff ins.app-ins").first).to_be_visible()
    clean(approver)
    approver.get_by_label("Comment for the contributor").fill(
        "Please add when the last grants were paid."
    )
    approver.get_by_role("button", name="Return to the contributor").click()
    expect(approver.get_by_text("was returned to the contributor")).to_be_visible()

    contributor.goto(site + "/my-work/")
    expect(contributor.get_by_text("Returned: see comment")).to_be_visible()
    contributor.get_by_role("link", name="Write the March 2024 update for C13").click()
    expect(
        contributor.get_by_text("Please add when the last grants were paid.").first
    ).to_be_visible()
    clean(contributor)
    contributor.get_by_label("Update", exact=True).fill(
        NEW_TEXT + " The last grants were paid in March 2024."
    )
    contributor.get_by_role("button", name="Submit for approval").click()
    expect(contributor.get_by_text("was submitted for approval")).to_be_visible()

    approver.goto(site + PLAN + "/actions/C13/updates/march-2024/review/")
    approver.get_by_role("button", name="Approve", exact=True).click()
    expect(approver.get_by_text("was approved")).to_be_visible()
    expect(approver.locator("#navigation")).not_to_contain_text("to review")
    approver.goto(site + PLAN + "/periods/march-2024/")
    expect(approver.get_by_role("heading", name="Where the updates stand")).to_be_visible()
    clean(approver)
    approver.get_by_role("link", name="Close March 2024 for updates").click()
    expect(approver.get_by_role("heading", level=1)).to_have_text("Close March 2024 for updates?")
    clean(approver)
    approver.get_by_role("button", name="Close March 2024 for updates").click()
    expect(approver.get_by_text("March 2024 is now closed.")).to_be_visible()
    approver.get_by_role("link", name="Publish March 2024").click()
    # Before publishing: every action without an update this period, with what the public
    # will go on reading for it.
    plan = Plan.objects.get(slug="net-zero-communities")
    others = plan.actions.filter(withdrawn_on__isnull=True).exclude(ref="C13").count()
    heading = f"{others} actions with no update this period"
    expect(approver.get_by_role("heading", name=heading)).to_be_visible()
    expect(approver.get_by_text("Last reported December 2023").first).to_be_visible()
    clean(approver)
    approver.set_viewport_size({"width": 390, "height": 800})
    assert approver.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), (
        "the confirmation page scrolls sideways on a phone"
    )
    clean(approver)
    approver.set_viewport_size({"width": 1280, "height": 800})
    approver.get_by_role("button", name="Publish March 2024").click()
    expect(approver.get_by_text("March 2024 is now published.")).to_be_visible()
    clean(approver)
    approver.get_by_role("button", name="Sign out").click()
    expect(approver.get_by_role("link", name="Sign in")).to_be_visible()

    public = watch(browser.new_context().new_page())
    public.goto(site + PLAN + "/")
    public.get_by_role("link", name="What changed since the last report").click()
    expect(public.get_by_role("heading", level=1)).to_have_text(
        "What changed from December 2023 to March 2024"
    )
    expect(public.locator("section.app-change")).to_have_count(1)
    expect(public.locator("section.app-change h3")).to_contain_text("C13")
    clean(public)
    public.goto(site + PLAN + "/periods/march-2024/")
    expect(public.get_by_text("The last grants were paid in March 2024.")).to_be_visible()
    clean(public)
    public.goto(site + PLAN + "/actions/C13/")
    expect(public.get_by_role("heading", name="Change history")).to_be_visible()
    clean(public)
    public.goto(site + PLAN + "/periods/march-2024/report.html")
    expect(public.get_by_role("heading", name="Changes since the last report")).to_be_visible()
    clean(public)


def test_people_page_is_accessible(browser: Browser, site: str) -> None:
    admin = signed_in(browser, site, "admin")
    admin.goto(site + "/organisations/leicestershire-county-council/people/")
    expect(admin.get_by_role("heading", name="People and roles")).to_be_visible()
    clean(admin)
    admin.get_by_label("Username").fill("newperson")
    admin.get_by_role("button", name="Give role").click()
    expect(admin.get_by_role("alert")).to_contain_text("temporary password")
    clean(admin)
