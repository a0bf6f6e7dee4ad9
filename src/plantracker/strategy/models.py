"""A strategy's framework: aims and their objectives, or outcomes, supporting outcomes and
the measures that monitor them."""

from django.db import models

from plantracker.core.models import Organisation


class Strategy(models.Model):
    class Kind(models.TextChoices):
        AIMS = "aims", "Aims and objectives"
        OUTCOMES = "outcomes", "Outcomes and measures"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="strategies"
    )
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period = models.CharField(max_length=50, blank=True, help_text="For example 2018–2030.")
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="The file it came from.")

    class Meta:
        ordering = ["organisation__name", "title"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title


class Aim(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="aims")
    code = models.CharField(max_length=20)
    title = models.TextField()
    theme = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["strategy", "code"], name="aim_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title[:60]}"


class StrategyObjective(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", "Internal"
        EXTERNAL = "external", "External"

    aim = models.ForeignKey(Aim, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=20)
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["aim__position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["aim", "code"], name="strategy_objective_unique_code")
        ]

    def __str__(self) -> str:
        return self.code


class Outcome(models.Model):
    """A strategic outcome (no parent) or a supporting outcome (under a strategic one)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="outcomes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.TextField()
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "position"]

    def __str__(self) -> str:
        return self.title[:80]


class Measure(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["outcome__position", "position"]

    def __str__(self) -> str:
        return self.text[:80]
