"""Committee reports prepared by the task worker: asked for on the period page, queued in the
database, made by `plantracker db_worker`, kept in file storage and downloaded from the page."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from django.test import Client

from plantracker.plans.models import Plan
from plantracker.reports import committee_formats
from plantracker.reports.models import PreparedReport
from plantracker.updates import services
from tests.conftest import People, run_worker
from tests.web.test_permissions import PLAN

PERIOD = f"{PLAN}/periods/december-2023/"


# Committed transactions: the worker closes its database connection between tasks, as it
# must in production, which a test wrapped in one transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_editor_asks_for_the_pdf_and_downloads_it(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    response = editor.post(f"{PERIOD}prepare/", {"format": "pdf"}, follow=True)
    text = response.content.decode()
    assert "The PDF report is being prepared" in text and "Being prepared" in text
    prepared = PreparedReport.objects.get()
    assert prepared.status == "queued" and prepared.requested_by == people.editor

    run_worker()
    prepared.refresh_from_db()
    assert prepared.status == "ready" and prepared.finished_at is not None
    page = editor.get(PERIOD).content.decode()
    link = f"{PERIOD}prepared/{prepared.pk}/"
    assert f'href="{link}"' in page and "Ready" in page
    response = editor.get(link)
    pdf = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith("attachment")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert people.plan.title in doc.pages[0].extract_text()
    # Once the plan is public, anyone may download the prepared report of a published
    # period; asking for one stays with the plan's team.
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    assert Client().get(link).status_code == 200
    assert Client().post(f"{PERIOD}prepare/", {"format": "pdf"}).status_code in (302, 403)
    assert PreparedReport.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_report_that_cannot_be_made_says_so(people: People, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(report: object) -> bytes:
        raise RuntimeError("the layout engine ran out of memory")

    monkeypatch.setitem(committee_formats.RENDERERS, "docx", broken)
    editor = Client()
    editor.force_login(people.editor)
    editor.post(f"{PERIOD}prepare/", {"format": "docx"})
    run_worker()
    prepared = PreparedReport.objects.get()
    assert prepared.status == "failed" and not prepared.file
    page = editor.get(PERIOD).content.decode()
    assert "Could not be prepared: RuntimeError: the layout engine ran out of memory" in page
    assert editor.get(f"{PERIOD}prepared/{prepared.pk}/").status_code == 404
    assert editor.post(f"{PERIOD}prepare/", {"format": "exe"}).status_code == 404


def _pdf_text(response) -> str:  # type: ignore[no-untyped-def]
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


@pytest.mark.django_db(transaction=True)
def test_a_report_prepared_while_the_period_is_open_stays_with_the_team(people: People) -> None:
    """Finding 1 of issue 15: a report prepared before publication held an update the approver
    then returned; after publication anyone could list it (with the asker's username) and
    download it."""
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    period = services.period_create(plan=people.plan, user=people.editor, label="March 2024")
    update = services.update_write(
        action=people.plan.actions.get(ref="C13"), period=period, user=people.contributor,
        data=services.UpdateInput(narrative="Unapproved figures ZQNEVERPUBLISHED."),
        version=0, submit=True,
    )  # fmt: skip
    editor = Client()
    editor.force_login(people.editor)
    page_url = f"{PLAN}/periods/march-2024/"
    editor.post(f"{page_url}prepare/", {"format": "pdf"})
    run_worker()
    preview = PreparedReport.objects.get()
    assert preview.status == "ready" and preview.preview
    link = f"{page_url}prepared/{preview.pk}/"
    assert "ZQNEVERPUBLISHED" in _pdf_text(editor.get(link))

    services.update_review(
        update=update, user=people.approver, approve=False, comment="Check the figures",
        version=update.version,
    )  # fmt: skip
    services.period_close(period=period, user=people.approver)
    services.period_publish(period=period, user=people.approver)

    outsider = Client()
    outsider.force_login(people.outsider)
    for client in (Client(), outsider):
        page = client.get(page_url).content.decode()
        assert client.get(page_url).status_code == 200 and link not in page
        assert "edith" not in page.lower() and "Prepared reports" not in page
        assert client.get(link).status_code == 404
    page = editor.get(page_url).content.decode()
    assert link in page and "by Edith" in page and "Preview: not public" in page

    # Prepared again now that the period is published: made from its snapshot, public. It is
    # not called a preview while it waits for the worker either.
    editor.post(f"{page_url}prepare/", {"format": "pdf"})
    waiting = PreparedReport.objects.get(status="queued")
    assert not waiting.preview
    progress = editor.get(f"{page_url}prepared/{waiting.pk}/progress/").content.decode()
    assert "Preview: not public" not in progress
    run_worker()
    published = PreparedReport.objects.get(preview=False)
    public_link = f"{page_url}prepared/{published.pk}/"
    page = Client().get(page_url).content.decode()
    assert public_link in page and link not in page and "edith" not in page.lower()
    assert "ZQNEVERPUBLISHED" not in _pdf_text(Client().get(public_link))


@pytest.mark.django_db
def test_reports_prepared_before_the_preview_mark_are_public_only_if_asked_for_after_publication(
    people: People,
) -> None:
    """The data migration that brought in the mark (existing reports' made-when unknown)."""
    from datetime import timedelta
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    migration = import_module("plantracker.reports.migrations.0003_prepared_report_preview")
    period = people.plan.periods.get(slug="december-2023")
    published = timezone.now()
    people.plan.periods.filter(pk=period.pk).update(published_at=published)
    before = PreparedReport.objects.create(period=period, fmt="pdf", status="ready")
    after = PreparedReport.objects.create(period=period, fmt="pdf", status="ready")
    PreparedReport.objects.filter(pk=before.pk).update(requested_at=published - timedelta(1))
    PreparedReport.objects.filter(pk=after.pk).update(requested_at=published + timedelta(1))
    migration.mark_previews(apps, None)
    assert dict(PreparedReport.objects.values_list("pk", "preview")) == {
        before.pk: True,
        after.pk: False,
    }
