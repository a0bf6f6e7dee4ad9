from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from plantracker.plans.models import Action, Plan
from plantracker.plans.vocab import RAG, Stage


class ReportingPeriod(models.Model):
    """A reporting cycle, such as "December 2023"."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        PUBLISHED = "published", "Published"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="period_unique_label_in_plan")
        ]

    def __str__(self) -> str:
        return self.label


class ProgressUpdate(models.Model):
    """An action's update for one period: narrative, stage and RAG."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    narrative = models.TextField(blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, null=True, blank=True)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, null=True, blank=True)
    revised_end = models.DateField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period__position", "action__position"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="update_unique_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.action.ref} — {self.period.label}"
