"""Words for council officers, not developers: the update form explains formatting with an
example rather than naming Markdown, and the committee report's web page fits a phone."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import People
from tests.cycle import march

PLAN = "/plans/net-zero-communities"


@pytest.mark.django_db
def test_update_form_explains_formatting_without_jargon(people: People) -> None:
    march(people)
    client = Client()
    client.force_login(people.contributor)
    page = client.get(f"{PLAN}/actions/C13/updates/march-2024/").content.decode()
    assert "You can use formatting: **bold**, *italics*" in page
    assert "markdown" not in page.lower()


@pytest.mark.django_db
def test_the_report_web_page_has_a_mobile_viewport(people: People) -> None:
    march(people)
    client = Client()
    client.force_login(people.editor)
    page = client.get(f"{PLAN}/periods/march-2024/report.html").content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


@pytest.mark.django_db
def test_the_update_under_review_is_in_the_body_font(people: People) -> None:
    from tests.cycle import c13_update

    period = march(people)
    c13_update(people, period)
    client = Client()
    client.force_login(people.approver)
    page = client.get(f"{PLAN}/actions/C13/updates/march-2024/review/").content.decode()
    assert '<div class="govuk-body app-narrative">' in page  # GOV.UK's type, not the default serif
