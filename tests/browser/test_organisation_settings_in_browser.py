"""The organisation settings page in a real browser: an administrator reaches it from the
organisation's page, uploads a logo and sees it; axe-core finds nothing serious at phone
(390 px) and desktop (1280 px) widths, and the page never scrolls sideways on a phone."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
SLUG = "vale-council"


def png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (240, 80), (0, 94, 165)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def site(live_server) -> str:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from plantracker.core.models import Membership, Organisation
    from tests.conftest import PASSWORD

    org = Organisation.objects.create(name="Vale Council", slug=SLUG)
    user = get_user_model().objects.create_user("vale-admin", password=PASSWORD)
    Membership.objects.create(user=user, organisation=org, role="admin")
    return live_server.url


def accessible(page: Page) -> None:
    bad = [v for v in AXE.run(page).response["violations"]
           if v["impact"] in {"serious", "critical"}]  # fmt: skip
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the settings page scrolls sideways on a phone ({width} px)"


def test_an_administrator_uploads_a_logo_and_sees_it(browser: Browser, site: str) -> None:
    page = sign_in(browser, site, "vale-admin")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/organisations/{SLUG}/")
    page.get_by_role("link", name="Organisation settings").click()
    expect(page.get_by_role("heading", name="Organisation settings")).to_be_visible()
    accessible(page)
    no_sideways_scroll(page)

    # A hostile SVG: refused, the summary links to the field, nothing is lost.
    page.get_by_label("Name on reports").fill("Vale of Somewhere District Council")
    page.get_by_label("Logo", exact=True).set_input_files(
        files=[{"name": "logo.svg", "mimeType": "image/svg+xml",
                "buffer": b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'}]
    )  # fmt: skip
    page.get_by_role("button", name="Save the settings").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("without scripts or links")
    accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Logo", exact=True)).to_be_focused()

    # By keyboard: choose the PNG, then tab to the button and press Enter.
    page.get_by_label("Logo", exact=True).set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png()}]
    )
    page.get_by_label("Committees").fill("Scrutiny Commission\nCabinet")
    page.get_by_role("button", name="Save the settings").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved:")).to_be_visible()
    logo = page.get_by_role("img", name="The current logo")
    expect(logo).to_be_visible()
    assert page.evaluate("document.querySelector('.app-logo-preview').naturalWidth") == 240
    box = logo.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    expect(page.get_by_label("Name on reports")).to_have_value("Vale of Somewhere District Council")
    accessible(page)
    no_sideways_scroll(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    accessible(page)
    page.get_by_label("Remove the logo").check()
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_text("There is no logo")).to_be_visible()
