"""Imports asked for on the web and carried out by the task worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plantracker.core.models import Organisation
from plantracker.plans.models import Plan
from plantracker.worker.attempts import WORKER_STOPPED_RETRIED


class Kind(models.TextChoices):
    """What a file holds: a plan's actions, or one of the organisation's tables."""

    ACTIONS = "actions", "A plan's actions and updates"
    KPIS = "kpis", "KPIs: definitions, targets and values"
    RISKS = "risks", "A risk register"
    EMISSIONS = "emissions", "The organisation's emissions inventory"


# A plan import's option (ImportJob.options): let a Plan Tracker export replace values changed
# after it was exported.
OVERWRITE_NEWER = "overwrite_newer"
# What a plan's check found: how many values the file would change were changed since.
NEWER_VALUES = "newer_values"


class ImportJob(models.Model):
    """A spreadsheet uploaded for a plan (its actions) or for an organisation (KPIs, a risk
    register, emissions): kept in file storage, checked or imported by the worker
    (`plantracker db_worker`), its result kept here for the person who sent it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        DONE = "done", "Done"
        REFUSED = "refused", "Not imported: the file needs correcting"
        FAILED = "failed", "Could not be carried out"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="import_jobs", null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_jobs", null=True, blank=True
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ACTIONS)
    options = models.JSONField("what the file is for", default=dict, blank=True)
    maps = models.JSONField("columns as the person said", default=dict, blank=True)
    columns = models.JSONField("each column and what it was taken as", default=list, blank=True)
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
        return f"{self.name} → {self.plan or self.organisation} ({self.status})"

    @property
    def waiting(self) -> bool:
        return self.status == self.Status.QUEUED

    @property
    def worker_note(self) -> str:
        """Said on the page when a worker died part-way and the job was run again."""
        stopped = self.worker_stops and self.status != self.Status.FAILED
        return WORKER_STOPPED_RETRIED if stopped else ""

    @property
    def has_newer_warnings(self) -> bool:
        """The check found values changed since the file was exported: the page offers to
        overwrite them."""
        return bool(self.options.get(NEWER_VALUES))

    @property
    def can_import(self) -> bool:
        """A clean check can be followed by the import itself, of the same file."""
        return self.check_only and self.status == self.Status.DONE


class ColumnChoice(models.Model):
    """A column an organisation's editor said how to read on the web, remembered so that the
    next file of the same layout needs nothing: a heading (as columns.header_key makes it) and
    the field it holds, or "ignore"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="column_choices"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    heading = models.CharField(max_length=255)
    field = models.CharField(max_length=100)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "heading"], name="one_choice_per_heading"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.heading} → {self.field}"
