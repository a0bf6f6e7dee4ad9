"""Clearing up after a gone worker: its running tasks go back in the queue, its lease goes;
live workers' tasks are left alone, and a worker with nothing to clear up writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plantracker.worker.leases import Process
from plantracker.worker.models import WorkerLease
from plantracker.worker.services import lease_renew, lease_take, stranded_requeue

HERE = Process(host="worker-1", pid=100, started="5000")
ALIVE = {100: "5000", 200: "6000"}.get


def running_task(*workers: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="plantracker.imports.tasks.run_import",
        backend_name="default",
        worker_ids=list(workers),
        started_at=timezone.now(),
    )


def lease(worker_id: str, pid: int, started: str) -> None:
    lease_take(worker_id=worker_id, here=Process("worker-1", pid, started), now=timezone.now())


def requeue(mine: str | None = None) -> list[str]:
    return stranded_requeue(
        backend_name="default", here=HERE, now=timezone.now(), mine=mine, started=ALIVE
    )


@pytest.mark.django_db
def test_the_tasks_of_a_gone_worker_are_queued_again() -> None:
    lease("alive", 200, "6000")
    lease("killed", 201, "6100")  # no such process any more
    kept = running_task("alive")
    lost = running_task("killed")
    orphan = running_task("old-worker")  # no lease at all
    tried_twice = running_task("killed-before", "killed")

    assert sorted(requeue()) == sorted(str(t.pk) for t in (lost, orphan, tried_twice))
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[kept.pk] == TaskResultStatus.RUNNING
    assert {statuses[t.pk] for t in (lost, orphan, tried_twice)} == {TaskResultStatus.READY}
    # Each run counts as an attempt: the worker ids stay, for the task to count.
    tried_twice.refresh_from_db()
    assert tried_twice.worker_ids == ["killed-before", "killed"]
    assert set(WorkerLease.objects.values_list("pk", flat=True)) == {"alive"}


@pytest.mark.django_db
def test_a_worker_between_tasks_queues_again_what_it_left_running() -> None:
    lease("me", 100, "5000")
    mine = running_task("me")  # its result could not be recorded (the database was locked)
    assert requeue() == []  # seen from another worker, or from its own lease thread: alive
    assert requeue(mine="me") == [str(mine.pk)]
    assert WorkerLease.objects.filter(pk="me").exists()


@pytest.mark.django_db
def test_nothing_to_clear_up_is_found_by_reading_only() -> None:
    lease("alive", 200, "6000")
    running_task("alive")
    with CaptureQueriesContext(connection) as queries:
        assert requeue() == []
    assert len(queries) == 2
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)


@pytest.mark.django_db
def test_a_lease_cleared_by_another_worker_is_taken_again_on_renewal() -> None:
    lease("slow", 200, "6000")
    WorkerLease.objects.filter(pk="slow").delete()
    later = timezone.now() + timedelta(seconds=30)
    lease_renew(worker_id="slow", here=Process("worker-1", 200, "6000"), now=later)
    assert WorkerLease.objects.get(pk="slow").renewed_at == later
