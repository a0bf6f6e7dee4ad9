"""Reports prepared by the task worker and kept in file storage (local disk or object storage)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plantracker.updates.models import ReportingPeriod
from plantracker.worker.attempts import WORKER_STOPPED_RETRIED


class PreparedReport(models.Model):
    """A committee report someone asked for in the background: a big plan's PDF can take a
    minute, longer than a web request should."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="prepared_reports"
    )
    fmt = models.CharField("format", max_length=5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    worker_stops = models.PositiveSmallIntegerField(
        "times the worker stopped while preparing it", default=0
    )
    preview = models.BooleanField(
        default=True,
        help_text="Made while its period was not yet published: it may hold updates never "
        "approved, so it stays with the plan's team.",
    )

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.period} {self.fmt} ({self.status})"

    @property
    def worker_note(self) -> str:
        """Said on the page when a worker died part-way and the report was begun again."""
        stopped = self.worker_stops and self.status != self.Status.FAILED
        return WORKER_STOPPED_RETRIED if stopped else ""
