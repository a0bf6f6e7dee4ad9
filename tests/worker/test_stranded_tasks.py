"""A task whose worker died is run again by the next worker, once; after that it is marked
failed. Either way the import's page and the period page say so in plain words. (The dead
worker is staged here; tests/worker/test_killed_worker.py kills a real one.)"""

from __future__ import annotations

import pytest
from django.tasks import TaskResultStatus
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plantracker.imports.models import ImportJob
from plantracker.plans.models import Action
from plantracker.reports.models import PreparedReport
from plantracker.worker.attempts import WORKER_STOPPED_FAILED, WORKER_STOPPED_RETRIED
from tests.conftest import People, run_worker
from tests.imports.test_web_import import tracker_with_c1_renamed
from tests.web.test_permissions import PLAN

PERIOD = f"{PLAN}/periods/december-2023/"


def worker_died(*workers: str) -> None:
    """The queued task was taken by `workers` in turn, the last dying while running it."""
    assert DBTaskResult.objects.count() == 1
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, worker_ids=list(workers), started_at=timezone.now()
    )


def editor(people: People) -> Client:
    client = Client()
    client.force_login(people.editor)
    return client


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_worker_died_is_prepared_again(people: People) -> None:
    client = editor(people)
    client.post(f"{PERIOD}prepare/", {"format": "docx"})
    worker_died("killed")
    run_worker()
    prepared = PreparedReport.objects.get()
    assert prepared.status == "ready" and prepared.file and prepared.worker_stops == 1
    assert f"Ready. {WORKER_STOPPED_RETRIED}" in client.get(PERIOD).content.decode()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_worker_died_twice_is_marked_failed(people: People) -> None:
    client = editor(people)
    client.post(f"{PERIOD}prepare/", {"format": "docx"})
    worker_died("killed", "killed-again")
    run_worker()
    prepared = PreparedReport.objects.get()
    assert prepared.status == "failed" and not prepared.file
    assert prepared.error == WORKER_STOPPED_FAILED
    page = client.get(PERIOD).content.decode()
    assert f"Could not be prepared: {WORKER_STOPPED_FAILED}" in page
    assert WORKER_STOPPED_RETRIED not in page
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "plantracker.worker.attempts.WorkerStopped"


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_died_twice_is_marked_failed_and_writes_nothing(
    people: People,
) -> None:
    client = editor(people)
    before = dict(Action.objects.values_list("ref", "title"))
    client.post(f"{PLAN}/import/", {"file": tracker_with_c1_renamed()})
    worker_died("killed", "killed-again")
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.problems == [WORKER_STOPPED_FAILED]
    assert dict(Action.objects.values_list("ref", "title")) == before
    page = client.get(f"{PLAN}/imports/{job.pk}/").content.decode()
    assert "Could not be carried out" in page and WORKER_STOPPED_FAILED in page


@pytest.mark.django_db(transaction=True)
def test_a_job_finished_just_before_its_worker_died_is_not_run_again(people: People) -> None:
    client = editor(people)
    client.post(f"{PLAN}/import/", {"file": tracker_with_c1_renamed(), "check_only": "on"})
    run_worker()
    job = ImportJob.objects.get()
    finished = job.finished_at
    assert job.status == "done" and finished
    worker_died("killed")  # as if killed after saving the job, before telling the queue
    run_worker()
    job.refresh_from_db()
    assert job.status == "done" and job.finished_at == finished and job.worker_stops == 0
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
