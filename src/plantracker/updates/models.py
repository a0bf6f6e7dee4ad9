from django.conf import settings
from django.db import models
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from plantracker.plans.models import Action, Plan
from plantracker.plans.vocab import RAG, Stage

from .workflow import Event, Status


class ReportingPeriod(models.Model):
    """A reporting cycle, such as "December 2023": open → closed → published."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        PUBLISHED = "published", "Published"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, default="")
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    due = models.DateField(null=True, blank=True, help_text="When updates are due.")
    meeting = models.CharField(
        max_length=300, blank=True, help_text="The committee that receives the report."
    )
    meeting_date = models.DateField(null=True, blank=True)
    report_of = models.CharField(max_length=300, blank=True, help_text="For example a director.")
    published_at = models.DateTimeField(null=True, blank=True)
    # The committee report's own text for this period; frozen (with the plan's defaults
    # filled in) at publication (updates/report_text.py).
    report_text = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="period_unique_label_in_plan"),
            models.UniqueConstraint(fields=["plan", "slug"], name="period_unique_slug_in_plan"),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = slugify(self.label)[:100] or "period"
        super().save(*args, **kwargs)  # type: ignore[arg-type]


STATUS_CHOICES = [(s.value, s.label) for s in Status]
EVENT_CHOICES = [(e.value, e.past) for e in Event]


class ProgressUpdate(models.Model):
    """An action's update for one period: narrative, stage, RAG and a revised end date."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.DRAFT.value)
    narrative = models.TextField(blank=True, help_text="Markdown.")
    stage = models.CharField(max_length=20, choices=Stage.choices, null=True, blank=True)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, null=True, blank=True)
    rag_reason = models.TextField("reason for the RAG change", blank=True)
    revised_end = models.DateField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every save; a save from an older version is refused."
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period__position", "action__position"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="update_unique_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.action.ref} — {self.period.label}"


class UpdateEvent(models.Model):
    """One step of an update's workflow, with the approver's comment when returned."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="events")
    event = models.CharField(max_length=20, choices=EVENT_CHOICES)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.update} — {self.get_event_display()}"


class Snapshot(models.Model):
    """Every action and update as they stood when a period was published."""

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.CASCADE, related_name="snapshot"
    )
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    def __str__(self) -> str:
        return f"Snapshot of {self.period}"
