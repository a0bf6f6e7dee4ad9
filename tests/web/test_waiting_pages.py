"""Pages that wait for the worker update themselves (issue 18, item 7): while the job waits,
the page asks for itself again with htmx and offers a plain "check again" link (no
JavaScript needed); once it is done, it stops asking and says the outcome in a live region."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from plantracker.imports.jobs import jobs_ahead
from plantracker.imports.models import ImportJob
from plantracker.reports.models import PreparedReport
from plantracker.updates import services
from tests.conftest import People
from tests.web.test_permissions import LCC, PLAN

POLLED = {"HTTP_HX_REQUEST": "true"}


def news(page: str) -> str:
    found = re.search(r'role="status" aria-live="polite" id="news">([^<]*)</p>', page)
    assert found, "the page has its live region"
    return found.group(1)


def polls(page: str) -> bool:
    return "hx-trigger=" in page


def job(plan=None, organisation=None, **fields) -> ImportJob:  # type: ignore[no-untyped-def]
    made = ImportJob(plan=plan, organisation=organisation, name="tracker.csv", **fields)
    made.file.save("tracker.csv", ContentFile(b"Action ID,Action\nC1,x\n"), save=True)
    return made


@pytest.fixture
def editor(people: People) -> Client:
    client = Client()
    client.force_login(people.editor)
    return client


@pytest.mark.django_db
def test_an_import_check_page_polls_until_the_worker_is_done(
    people: People, editor: Client, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    earlier = job(plan=people.plan)
    waiting = job(plan=people.plan)
    url = f"{PLAN}/imports/{waiting.pk}/"
    page = editor.get(url).content.decode()
    assert polls(page) and f'hx-get="{url}"' in page and 'hx-select="#job"' in page
    assert f'<a class="govuk-link" href="{url}">check again</a>' in page  # without JavaScript
    assert "1 file sent before it is still waiting too" in page and jobs_ahead(waiting) == 1
    assert news(page) == "" and news(editor.get(url, **POLLED).content.decode()) == ""
    assert 'src="/static/vendor/htmx.min.js"' in page and "<script>" not in page

    ImportJob.objects.filter(pk__in=[earlier.pk, waiting.pk]).update(
        status="done", lines=["C1 title: x → y"]
    )
    polled = editor.get(url, **POLLED).content.decode()
    assert not polls(polled) and "check again" not in polled
    assert news(polled) == "tracker.csv: Done."  # heard by a screen reader
    assert "What importing it would do" in polled
    assert news(editor.get(url).content.decode()) == ""  # opened afresh: nothing to announce


@pytest.mark.django_db
def test_who_sent_a_file_is_named_as_people_are_elsewhere(
    people: People, editor: Client, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """By their name, as on a prepared report's page, not by their sign-in."""
    settings.MEDIA_ROOT = tmp_path
    people.editor.first_name, people.editor.last_name = "Edith", "Editor"
    people.editor.save()
    sent = job(plan=people.plan, requested_by=people.editor)
    for url in (f"{PLAN}/imports/{sent.pk}/", f"{PLAN}/import/"):
        page = editor.get(url).content.decode()
        assert " by Edith Editor" in page and " by edith" not in page, url
    admin = Client()
    admin.force_login(people.admin)
    kpis = job(organisation=people.plan.organisation, kind="kpis", requested_by=people.editor)
    for url in (f"/organisations/{LCC}/imports/{kpis.pk}/", f"/organisations/{LCC}/import/"):
        page = admin.get(url).content.decode()
        assert " by Edith Editor" in page and " by edith" not in page, url


@pytest.mark.django_db
def test_an_organisation_import_check_page_polls_too(people: People, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    admin = Client()
    admin.force_login(people.admin)
    waiting = job(organisation=people.plan.organisation, kind="kpis")
    url = f"/organisations/{LCC}/imports/{waiting.pk}/"
    assert polls(admin.get(url).content.decode())
    ImportJob.objects.filter(pk=waiting.pk).update(status="refused", problems=["No KPI names"])
    polled = admin.get(url, **POLLED).content.decode()
    assert not polls(polled) and "No KPI names" in polled
    assert news(polled) == "tracker.csv: Not imported: the file needs correcting."


@pytest.mark.django_db
def test_a_prepared_report_page_polls_until_ready_then_offers_the_download(
    people: People, editor: Client, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    period = services.period_create(plan=people.plan, user=people.editor, label="March 2024")
    response = editor.post(f"{PLAN}/periods/march-2024/prepare/", {"format": "pdf"})
    prepared = PreparedReport.objects.get()
    url = f"{PLAN}/periods/march-2024/prepared/{prepared.pk}/progress/"
    assert response["Location"] == url
    page = editor.get(url).content.decode()
    assert "The PDF report is being prepared. This page shows it as soon as it is ready" in page
    assert polls(page) and "check again" in page and "Being prepared" in page

    prepared.status = "ready"
    prepared.file.save("r.pdf", ContentFile(b"%PDF-1.7"), save=True)
    polled = editor.get(url, **POLLED).content.decode()
    assert not polls(polled) and news(polled) == "The PDF report is ready to download."
    assert f'href="{PLAN}/periods/march-2024/prepared/{prepared.pk}/" download' in polled

    PreparedReport.objects.filter(pk=prepared.pk).update(status="failed", error="Out of memory")
    failed = editor.get(url, **POLLED).content.decode()
    assert not polls(failed) and "Out of memory" in failed
    assert news(failed) == "The PDF report could not be prepared."
    # The period is not published: its reports are the team's alone.
    assert Client().get(url).status_code in (403, 404)
    outsider = Client()
    outsider.force_login(people.outsider)
    assert outsider.get(url).status_code in (403, 404)
    assert period.status == "open"
