"""The pages where the team writes a committee report's own text: a period's and the
plan's defaults; the text reaches the report, and a published period's is frozen."""

from __future__ import annotations

import pytest
from django.test import Client

from plantracker.updates.models import ReportingPeriod
from tests.conftest import People
from tests.cycle import march, publish

PLAN = "/plans/net-zero-communities"


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_write_a_periods_report_text_and_see_it_in_the_report(people: People) -> None:
    march(people)
    people.plan.organisation.committees = "Scrutiny Commission\nCabinet"
    people.plan.organisation.save()
    editor = signed_in(people.editor)
    url = f"{PLAN}/periods/march-2024/report-text/"
    page = editor.get(url).content.decode()
    assert "Recommendations" in page and "Officer 1" in page
    assert "<option>Scrutiny Commission</option>" in page  # the council's committees offered
    assert "Leave empty and the report says “To inform the committee" in page
    response = editor.post(url, {
        "agenda_item": "Item 9", "meeting": "Scrutiny Commission", "meeting_date": "2024-04-08",
        "report_of": "Director of Environment", "recommendations": "Note the report\nAsk again",
        "legal": "None arising.", "contact_0_name": "Sam Officer",
        "contact_0_email": "sam@example.org",
    })  # fmt: skip
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(slug="march-2024")
    assert period.meeting == "Scrutiny Commission" and str(period.meeting_date) == "2024-04-08"
    assert period.report_text["contacts"][0]["name"] == "Sam Officer"
    html = editor.get(f"{PLAN}/periods/march-2024/report.html").content.decode()
    assert "Item 9" in html and "Legal implications" in html and "None arising." in html
    assert "<li>Note the report</li>" in html and "<ol>" in html
    assert "Officer to contact" in html and "mailto:sam@example.org" in html
    # Another row for another officer appears once one is saved.
    assert "Officer 2" in editor.get(url).content.decode()


@pytest.mark.django_db
def test_an_officer_needs_a_name(people: People) -> None:
    march(people)
    editor = signed_in(people.editor)
    url = f"{PLAN}/periods/march-2024/report-text/"
    response = editor.post(url, {"contact_0_email": "sam@example.org"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Enter the officer&#x27;s name" in page
    assert ReportingPeriod.objects.get(slug="march-2024").report_text == {}


@pytest.mark.django_db
def test_plan_defaults_page(people: People) -> None:
    editor = signed_in(people.editor)
    response = editor.post(f"{PLAN}/report-text/", {"equality": "Screened: no full EIA."})
    assert response.status_code == 302
    people.plan.refresh_from_db()
    assert people.plan.report_defaults == {"equality": "Screened: no full EIA."}
    march(people)
    hint = editor.get(f"{PLAN}/periods/march-2024/report-text/").content.decode()
    assert "Leave empty and the report says “Screened: no full EIA.”" in hint


@pytest.mark.django_db
def test_published_periods_text_is_shown_frozen(people: People) -> None:
    period = march(people)
    publish(people, period)
    editor = signed_in(people.editor)
    url = f"{PLAN}/periods/march-2024/report-text/"
    page = editor.get(url).content.decode()
    assert "cannot be changed" in page
    assert "Save the report" not in page and " disabled" in page
    response = editor.post(url, {"purpose": "Rewritten after the meeting"})
    assert "Rewritten" not in str(ReportingPeriod.objects.get(slug="march-2024").report_text)
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_contributors_and_the_public_cannot_write_it(people: People) -> None:
    march(people)
    for client in (signed_in(people.contributor), Client()):
        for url in (f"{PLAN}/periods/march-2024/report-text/", f"{PLAN}/report-text/"):
            assert client.post(url, {"purpose": "x"}).status_code in (403, 404)


@pytest.mark.django_db
def test_saved_meeting_date_shows_again_and_survives_a_second_save(people: People) -> None:
    march(people)
    editor = signed_in(people.editor)
    url = f"{PLAN}/periods/march-2024/report-text/"
    editor.post(url, {"meeting_date": "2024-04-10"})
    page = editor.get(url).content.decode()
    assert 'value="2024-04-10"' in page  # what a date box can read
    editor.post(url, {"meeting_date": "2024-04-10", "purpose": "Again"})
    assert str(ReportingPeriod.objects.get(slug="march-2024").meeting_date) == "2024-04-10"


@pytest.mark.django_db
def test_a_telephone_number_is_checked(people: People) -> None:
    march(people)
    editor = signed_in(people.editor)
    url = f"{PLAN}/periods/march-2024/report-text/"
    response = editor.post(url, {"contact_0_name": "Sam", "contact_0_phone": "abc"})
    assert response.status_code == 400 and "Enter a telephone number" in response.content.decode()
    ok = editor.post(url, {"contact_0_name": "Sam", "contact_0_phone": "0116 305 7079 ext 12"})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_frozen_page_has_no_hints_about_empty_boxes(people: People) -> None:
    from plantracker.updates import services

    services.plan_report_defaults_save(plan=people.plan, user=people.editor,
                                       text={"legal": "PLAN LEGAL"})  # fmt: skip
    period = march(people)
    publish(people, period)
    services.plan_report_defaults_save(plan=people.plan, user=people.editor,
                                       text={"legal": "LATER LEGAL"})  # fmt: skip
    page = signed_in(people.editor).get(f"{PLAN}/periods/march-2024/report-text/")
    text = page.content.decode()
    assert "PLAN LEGAL" in text and "LATER LEGAL" not in text
    assert "Leave empty" not in text and "Officer 1" in text and "Officer 2" not in text


def test_committee_names_each_once() -> None:
    from plantracker.core.models import Organisation

    org = Organisation(name="X", committees="Cabinet\n  Scrutiny   Commission \nCabinet\n\n")
    assert org.committee_names() == ["Cabinet", "Scrutiny Commission"]
