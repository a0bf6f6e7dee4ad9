"""The Content-Security-Policy in a real browser: the charts draw and show their tooltips under
it (vega-interpreter, no eval, no inserted style element), and a script smuggled into a page
does not run."""

import pytest
from playwright.sync_api import Page, expect

from plantracker.operations.sample import ROADMAP, sample_load
from tests.browser.conftest import CSP_REFUSALS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROADMAP_PAGE = f"/organisations/leicestershire-county-council/roadmaps/{ROADMAP}/"


def test_charts_draw_and_an_injected_script_is_refused(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    sample_load()
    response = page.goto(live_server.url + ROADMAP_PAGE)
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    wedges = page.locator("#chart-wedges svg")
    expect(wedges).to_be_visible()
    # A tooltip: drawn by vega-tooltip, styled by our own style sheet.
    net = page.locator("#chart-wedges svg path[aria-roledescription='area mark']").first
    net.scroll_into_view_if_needed()
    box = net.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    expect(page.locator("#vg-tooltip-element.visible")).to_be_visible()
    assert CSP_REFUSALS == []

    # What an attacker's stored markup would try: an inline script and an inline handler.
    page.evaluate(
        """() => {
        const s = document.createElement('script');
        s.textContent = 'window.pwned = true';
        document.body.append(s);
        const img = document.createElement('img');
        img.setAttribute('src', 'data:,');
        img.setAttribute('onerror', 'window.pwned = true');
        document.body.append(img);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.pwned") is None
    assert any("script-src" in refusal for refusal in CSP_REFUSALS)
    CSP_REFUSALS.clear()  # seen and expected: the autouse check must not fail this test
