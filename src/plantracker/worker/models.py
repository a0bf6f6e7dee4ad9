"""Which task workers are running, so that a task left behind by one that died is noticed."""

from __future__ import annotations

from django.db import models


class WorkerLease(models.Model):
    """A running `plantracker db_worker`: where it runs and when it last said it was alive.
    Taken when the worker starts, renewed while it runs, given up when it stops cleanly; a
    worker killed outright leaves its lease behind, and the next worker to look clears it."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    # When the process started, as the operating system counts it: a process id reused by a
    # later process is then not mistaken for the worker. Blank where it cannot be read.
    process_started = models.CharField(max_length=32, blank=True)
    started_at = models.DateTimeField()
    renewed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (process {self.pid})"
