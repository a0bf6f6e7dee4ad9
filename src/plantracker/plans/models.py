from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from plantracker.core.models import Organisation

from . import scoring
from .vocab import RAG, Rating, Role, Scope, Stage, Timescale


def default_timescale_weights() -> dict[str, int]:
    return dict(scoring.DEFAULT_TIMESCALE)


def default_cost_weights() -> dict[str, int]:
    return dict(scoring.DEFAULT_COST)


def default_carbon_weights() -> dict[str, int]:
    return dict(scoring.DEFAULT_CARBON)


class ScoringScheme(models.Model):
    """Weights for the deliverability score; data, so a council can change them."""

    name = models.CharField(max_length=200, default="Deliverability (timescale × cost × carbon)")
    timescale_weights = models.JSONField(default=default_timescale_weights)
    cost_weights = models.JSONField(default=default_cost_weights)
    carbon_weights = models.JSONField(default=default_carbon_weights)

    def __str__(self) -> str:
        return self.name

    def weights(self) -> scoring.Weights:
        return scoring.Weights.from_mappings(
            self.timescale_weights, self.cost_weights, self.carbon_weights
        )


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    period = models.CharField(max_length=50, blank=True, help_text="For example 2020–2024.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    scoring_scheme = models.ForeignKey(ScoringScheme, on_delete=models.PROTECT)
    reporting_cadence = models.CharField(max_length=50, blank=True, default="Quarterly")
    strategy = models.CharField(max_length=300, blank=True, help_text="The strategy it delivers.")
    framework = models.ForeignKey(
        "strategy.Strategy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The strategy whose objectives its actions support.",
    )
    description = models.TextField(blank=True)
    # The committee report's own text where a period says nothing (updates/report_text.py).
    report_defaults = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["organisation__name", "title"]

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="theme_unique_name_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Objective(models.Model):
    """A strategy objective (A1…O2), a bare numbered one ("1"…"5"), or "All"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=20)
    text = models.TextField(blank=True)
    defined = models.BooleanField(
        default=False,
        help_text="Part of the strategy's framework. When a plan has defined objectives, "
        "codes outside them are reported as unknown.",
    )

    class Meta:
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="objective_unique_code_in_plan")
        ]

    def __str__(self) -> str:
        return self.code


class Partner(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="partner_unique_name_in_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField("reference", max_length=30)
    position = models.PositiveIntegerField(default=0, help_text="Order in the plan.")
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.TextField()
    role = models.CharField(
        "council's role", max_length=20, choices=Role.choices, null=True, blank=True
    )
    scope = models.CharField(max_length=20, choices=Scope.choices, null=True, blank=True)
    lead = models.CharField(max_length=300, blank=True, help_text="Lead service or team.")
    partners = models.ManyToManyField(Partner, blank=True, related_name="actions")
    timescale = models.CharField(max_length=5, choices=Timescale.choices, null=True, blank=True)
    start = models.DateField(null=True, blank=True, help_text="First day of the start month.")
    end = models.DateField(null=True, blank=True, help_text="First day of the end month.")
    cost = models.CharField(max_length=1, choices=Rating.choices, null=True, blank=True)
    carbon = models.CharField(
        "carbon saving", max_length=1, choices=Rating.choices, null=True, blank=True
    )
    score = models.DecimalField(
        "deliverability score",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="Computed from timescale, cost and carbon saving.",
    )
    recorded_score = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The score written in the imported sheet, kept beside the computed one.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, null=True, blank=True)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, null=True, blank=True)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="actions")
    owner = models.CharField(max_length=200, blank=True)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_actions",
        help_text="Contributors who write this action's updates.",
    )
    revised_end = models.DateField(
        null=True, blank=True, help_text="End month as revised by an update; end is the original."
    )
    estimated_tco2e = models.DecimalField(
        "estimated tCO2e saved", max_digits=12, decimal_places=2, null=True, blank=True
    )
    success_measure = models.TextField(
        "measure of success", blank=True, help_text="How the council will know it is done."
    )
    withdrawn_on = models.DateField(
        null=True, blank=True, help_text="Withdrawn from the plan on this day; kept, not counted."
    )
    withdrawn_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="Goes up with every change made on its page: a stale form is refused."
    )
    history = HistoricalRecords(m2m_fields=[partners, objectives, assignees])

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "ref"], name="action_unique_ref_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title[:60]}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def score_differs(self) -> bool:
        return scoring.scores_disagree(
            None if self.recorded_score is None else Decimal(self.recorded_score),
            None if self.score is None else Decimal(self.score),
        )


class Finding(models.Model):
    """A data-quality finding. Stored and listed; never 'fixed' into the data."""

    class Kind(models.TextChoices):
        SCORE_MISMATCH = "score_mismatch", "Recorded score disagrees with the rule"
        UNKNOWN_OBJECTIVE = "unknown_objective", "Unknown objective code"
        DUPLICATE_OBJECTIVE = "duplicate_objective", "Duplicate objective code"
        MISSING_START = "missing_start", "Missing start date"
        MISSING_END = "missing_end", "Missing end date"
        END_BEFORE_START = "end_before_start", "End before start"
        NORMALISED = "normalised", "Value normalised on import"
        SHIFTED = "shifted", "Column shifted in the sheet"
        NOT_A_HEADING = "not_a_heading", "Row not taken as a theme"
        THEME_REF_PREFIX = "theme_ref_prefix", "Reference unlike its theme's others"
        NOT_IMPORTED = "not_imported", "Value in the file not imported"

    class Origin(models.TextChoices):
        IMPORT = "import", "Import"
        CHECK = "check", "Check"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="findings")
    ref = models.CharField(max_length=30, blank=True)
    field = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    message = models.TextField()
    original = models.TextField(blank=True, help_text="The value as the file gave it.")
    origin = models.CharField(max_length=10, choices=Origin.choices)
    source = models.CharField(max_length=300, blank=True, help_text="File, row and column.")
    created = models.DateTimeField(auto_now_add=True)
    # An editor looked and decided nothing needs changing: kept, listed as dismissed, and not
    # raised again by a re-check unless the data it was about changes (plans/findings.py).
    dismissed_reason = models.TextField(blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "ref", "field", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.ref} {self.field}: {self.message}"

    @property
    def dismissed(self) -> bool:
        return self.dismissed_at is not None
