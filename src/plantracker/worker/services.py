"""Leases of running workers, and tasks left running by a worker that has gone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .leases import Process, process_started, worker_gone
from .models import WorkerLease


def lease_length() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "PLANTRACKER_WORKER_LEASE_SECONDS", 300)))


def lease_take(*, worker_id: str, here: Process, now: datetime) -> WorkerLease:
    with transaction.atomic():
        lease, _ = WorkerLease.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "host": here.host,
                "pid": here.pid,
                "process_started": here.started,
                "started_at": now,
                "renewed_at": now,
            },
        )
    return lease


def lease_renew(*, worker_id: str, here: Process, now: datetime) -> None:
    """Say the worker is still alive (taking the lease again if another worker cleared it,
    having judged this one gone while the database was out of reach)."""
    with transaction.atomic():
        if not WorkerLease.objects.filter(pk=worker_id).update(renewed_at=now):
            lease_take(worker_id=worker_id, here=here, now=now)


def lease_release(*, worker_id: str) -> None:
    with transaction.atomic():
        WorkerLease.objects.filter(pk=worker_id).delete()


def stranded_requeue(
    *,
    backend_name: str,
    here: Process,
    now: datetime,
    mine: str | None = None,
    started: Callable[[int], str | None] = process_started,
) -> list[str]:
    """Put back in the queue every task whose worker has gone (and, given `mine`, those this
    worker left running when it was between tasks), clearing the leases of gone workers.
    Returns the ids of the tasks put back. Looks first without writing, so that a worker
    with nothing to clear up does not take SQLite's write lock."""

    def find() -> tuple[list[str], list[str]]:
        leases = list(WorkerLease.objects.exclude(pk=mine or ""))
        gone = [
            lease.pk
            for lease in leases
            if worker_gone(lease, here=here, now=now, lease_for=lease_length(), started=started)
        ]
        alive = {lease.pk for lease in leases} - set(gone)
        running = DBTaskResult.objects.running().filter(backend_name=backend_name)
        stranded = [
            str(pk)
            for pk, workers in running.values_list("pk", "worker_ids")
            if not workers or workers[-1] not in alive
        ]
        return gone, stranded

    gone, stranded = find()
    if not gone and not stranded:
        return []
    with transaction.atomic():
        gone, stranded = find()  # again, inside the write transaction
        WorkerLease.objects.filter(pk__in=gone).delete()
        DBTaskResult.objects.filter(pk__in=stranded, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY
        )
    return stranded
