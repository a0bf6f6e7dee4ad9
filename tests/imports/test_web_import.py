"""Importing the council's tracker from the web: uploaded on the plan's import page, kept in
file storage, checked and then imported by the task worker, the result shown to the person
who sent it. Nothing is written by a check, by a file with problems, or by a refused upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from plantracker.imports.models import ImportJob
from plantracker.plans.models import Action, Plan
from tests.conftest import COMMUNITIES, People, run_worker
from tests.cycle import seed_row
from tests.web.test_permissions import PLAN

NEW_TITLE = "Run a community energy grant scheme, renamed on the web"


def tracker_with_c1_renamed() -> SimpleUploadedFile:
    old = seed_row("C1")["Action"]
    text = COMMUNITIES.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data = text.replace(old, NEW_TITLE).encode("utf-8")
    return SimpleUploadedFile("communities-march.txt", data, content_type="text/plain")


def titles() -> dict[str, str]:
    return dict(Action.objects.values_list("ref", "title"))


@pytest.mark.django_db(transaction=True)
def test_editor_checks_then_imports_a_tracker(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    assert f'href="{PLAN}/import/"' in editor.get(f"{PLAN}/").content.decode()
    before = titles()

    response = editor.post(
        f"{PLAN}/import/", {"file": tracker_with_c1_renamed(), "check_only": "on"}, follow=True
    )
    page = response.content.decode()
    assert "communities-march.txt will be checked in the background" in page
    assert "Waiting for the worker" in page
    check = ImportJob.objects.get()
    assert check.check_only and check.requested_by == people.editor and check.file.name

    run_worker()
    check.refresh_from_db()
    assert check.status == "done" and check.finished_at is not None
    assert titles() == before  # a check writes nothing
    page = editor.get(f"{PLAN}/imports/{check.pk}/").content.decode()
    assert "What importing it would do" in page
    assert f"C1 title: {seed_row('C1')['Action']} → {NEW_TITLE}" in page
    assert "Nothing was written: this was a check." in page
    assert "Import this file" in page

    response = editor.post(f"{PLAN}/imports/{check.pk}/", follow=True)
    assert "communities-march.txt will be imported in the background" in response.content.decode()
    done = ImportJob.objects.exclude(pk=check.pk).get()
    assert not done.check_only and done.file.name == check.file.name  # the same stored file
    run_worker()
    done.refresh_from_db()
    assert done.status == "done"
    assert titles() == {**before, "C1": NEW_TITLE}
    page = editor.get(f"{PLAN}/imports/{done.pk}/").content.decode()
    assert "What was imported" in page and "Import this file" not in page
    listing = editor.get(f"{PLAN}/import/").content.decode()
    assert listing.count("communities-march.txt") == 2 and "(check)" in listing
    # Only a clean check offers "Import this file"; posting to an import's page queues nothing.
    assert editor.post(f"{PLAN}/imports/{done.pk}/", follow=True).status_code == 200
    assert ImportJob.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_file_with_problems_is_listed_and_nothing_is_written(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    before = titles()
    bad = SimpleUploadedFile("budget.csv", b"Name,Colour\nSolar,Blue\n", content_type="text/csv")
    editor.post(f"{PLAN}/import/", {"file": bad})  # not a check: the import itself
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == "refused" and job.problems
    assert all("budget.csv" in p for p in job.problems)
    assert titles() == before and Plan.objects.count() == 2
    page = editor.get(f"{PLAN}/imports/{job.pk}/").content.decode()
    assert "The file needs correcting: nothing was written" in page
    assert "Import this file" not in page
    assert editor.post(f"{PLAN}/imports/{job.pk}/", follow=True).status_code == 200
    assert ImportJob.objects.count() == 1  # a refused file cannot be imported anyway


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"%PDF-1.7", "is not a file Plan Tracker reads"),
        ("plan.xlsx", b"", "The submitted file is empty."),
    ],
)
def test_uploads_refused_before_anything_is_kept(people: People, name, data, message) -> None:
    editor = Client()
    editor.force_login(people.editor)
    response = editor.post(f"{PLAN}/import/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
@override_settings(PLANTRACKER_MAX_IMPORT_MB=0.001)
def test_an_upload_over_the_limit_is_refused(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    big = SimpleUploadedFile("big.csv", b"Action ID,Action\n" + b"C1,x\n" * 400)
    response = editor.post(f"{PLAN}/import/", {"file": big})
    assert response.status_code == 400
    assert "the largest file accepted is" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_only_the_plan_editors_may_import(people: People) -> None:
    for role in ("anonymous", "contributor", "approver", "outsider"):
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(people, role))
        assert client.get(f"{PLAN}/import/").status_code in (403, 404), role
        upload = {"file": tracker_with_c1_renamed()}
        assert client.post(f"{PLAN}/import/", upload).status_code in (403, 404), role
    assert not ImportJob.objects.exists()
