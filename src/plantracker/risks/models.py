"""Risk registers and their risks; the scoring matrix is configured per register."""

from datetime import date

from django.db import models
from simple_history.models import HistoricalRecords

from plantracker.core.models import Organisation
from plantracker.plans.models import Action, Plan

from .assessment import Status
from .matrix import DEFAULT_BANDS, Matrix, Method


def default_bands() -> list[dict[str, object]]:
    return [{"name": b.name, "low": b.low, "high": b.high} for b in DEFAULT_BANDS]


class RiskRegister(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="risk_registers"
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risk_registers",
        help_text="Empty: the organisation's own register.",
    )
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=300)
    scale = models.PositiveSmallIntegerField(default=5)
    method = models.CharField(
        max_length=10, choices=[(m.value, m.value) for m in Method], default=Method.PRODUCT
    )
    one_is_highest = models.BooleanField(
        default=False, help_text="Tick when 1 is the highest risk on this register's scale."
    )
    bands = models.JSONField(default=default_bands)
    source = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="register_unique_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def matrix(self) -> Matrix:
        return Matrix.from_settings(self.scale, self.method, self.one_is_highest, self.bands)


class Risk(models.Model):
    register = models.ForeignKey(RiskRegister, on_delete=models.CASCADE, related_name="risks")
    ref = models.CharField("reference", max_length=30)
    position = models.PositiveIntegerField(default=0)
    title = models.TextField()
    causes = models.TextField(blank=True)
    consequences = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The inherent score as written in the register."
    )
    controls = models.TextField(blank=True)
    further_actions = models.TextField(blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_recorded_score = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_rating = models.TextField(
        blank=True, help_text="The inherent rating as written in the register (High, Red…)."
    )
    residual_recorded_rating = models.TextField(
        blank=True, help_text="The residual (current) rating as written in the register."
    )
    status = models.CharField(
        max_length=10, choices=[(s.value, s.label) for s in Status], default=Status.OPEN
    )
    status_text = models.TextField(
        blank=True, help_text="The status as written in the register (kept when not known)."
    )
    review_date = models.DateField(null=True, blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="risks")
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        ordering = ["register", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["register", "ref"], name="risk_unique_ref")]

    def __str__(self) -> str:
        return f"{self.ref} {self.title[:60]}"

    def review_due(self, today: date) -> bool:
        return self.review_date is not None and self.review_date <= today

    def review_overdue(self, today: date) -> bool:
        """An open risk whose review date has passed."""
        return (
            self.status == Status.OPEN and self.review_date is not None and self.review_date < today
        )
