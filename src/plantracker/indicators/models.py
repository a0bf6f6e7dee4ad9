"""KPIs: an indicator, its targets and its observations."""

from django.db import models
from simple_history.models import HistoricalRecords

from plantracker.core.models import Organisation
from plantracker.plans.models import Action, Plan
from plantracker.strategy.models import Measure, Strategy, StrategyObjective

from .status import Direction


class Indicator(models.Model):
    class Derived(models.TextChoices):
        NONE = "", "Not derived: observations are entered or imported"
        HIGH_RISKS = "high_risks", "Number of risks scoring at or above a threshold"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="indicators"
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="Reported with this plan: in its snapshots and committee reports.",
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=50, blank=True, help_text="%, tCO2e, rate, number…")
    direction = models.CharField(
        max_length=10,
        choices=[(d.value, d.value) for d in Direction],
        default=Direction.HIGHER,
    )
    measures_change = models.BooleanField(
        default=False, help_text="Each value is the change on the previous period (−3.85%)."
    )
    baseline_value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    baseline_period = models.CharField(max_length=50, blank=True)
    source = models.CharField(max_length=300, blank=True)
    objectives = models.ManyToManyField(StrategyObjective, blank=True, related_name="indicators")
    measures = models.ManyToManyField(Measure, blank=True, related_name="indicators")
    actions = models.ManyToManyField(Action, blank=True, related_name="indicators")
    derived = models.CharField(max_length=20, choices=Derived.choices, blank=True, default="")
    register = models.ForeignKey(
        "risks.RiskRegister",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    threshold = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a derived count: the score at or above which."
    )
    position = models.PositiveIntegerField(default=0)
    retired_on = models.DateField(
        null=True, blank=True, help_text="Kept, labelled Retired and left out of counts."
    )
    retired_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="Bumped on every change on its page: a stale form is refused."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="indicator_unique_slug")
        ]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    text = models.TextField(
        help_text="As written, always kept: '< 5%', '64% reduction', '45 or more', 'TBC' (a "
        "target in words no rule reads is shown as 'target not measurable')."
    )
    due = models.CharField(max_length=50, blank=True, help_text="A period: 2025, 2023-24.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "id"]

    def __str__(self) -> str:
        return f"{self.text} by {self.due}" if self.due else self.text


class Observation(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(max_length=50, help_text="Written the one way: 2018-19.")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=6)
    note = models.TextField(blank=True)
    estimated = models.BooleanField(default=False)
    source = models.CharField(max_length=300, blank=True)
    derived = models.BooleanField(default=False, help_text="Computed from snapshots.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="observation_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period} = {self.value}"
