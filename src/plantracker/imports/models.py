"""Imports asked for on the web and carried out by the task worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plantracker.plans.models import Plan
from plantracker.worker.attempts import WORKER_STOPPED_RETRIED


class ImportJob(models.Model):
    """A spreadsheet uploaded for a plan: kept in file storage, checked or imported by the
    worker (`plantracker db_worker`), its result kept here for the person who sent it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        DONE = "done", "Done"
        REFUSED = "refused", "Not imported: the file needs correcting"
        FAILED = "failed", "Could not be carried out"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="import_jobs")
    file = models.FileField(upload_to="imports/%Y/%m/")
    name = models.CharField("file name", max_length=255)
    period = models.CharField("period label", max_length=100, blank=True)
    check_only = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    lines = models.JSONField("what was found", default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker_stops = models.PositiveSmallIntegerField(
        "times the worker stopped while running it", default=0
    )

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} → {self.plan} ({self.status})"

    @property
    def waiting(self) -> bool:
        return self.status == self.Status.QUEUED

    @property
    def worker_note(self) -> str:
        """Said on the page when a worker died part-way and the job was run again."""
        stopped = self.worker_stops and self.status != self.Status.FAILED
        return WORKER_STOPPED_RETRIED if stopped else ""

    @property
    def can_import(self) -> bool:
        """A clean check can be followed by the import itself, of the same file."""
        return self.check_only and self.status == self.Status.DONE
