"""The council's greenhouse-gas inventory, the government's conversion factors, area-wide
emissions, carbon targets and the carbon reduction roadmap."""

from django.db import models
from simple_history.models import HistoricalRecords

from plantracker.core.models import Organisation
from plantracker.plans.models import Action

from .trajectory import AREA_LABELS, CATEGORY_LABELS, Phasing


class ConversionFactor(models.Model):
    """One row of the government's flat-format conversion factor workbook."""

    year = models.PositiveSmallIntegerField()
    factor_id = models.CharField("ID", max_length=40)
    scope = models.CharField(max_length=40)
    level_1 = models.CharField(max_length=200)
    level_2 = models.CharField(max_length=200, blank=True)
    level_3 = models.CharField(max_length=200, blank=True)
    level_4 = models.CharField(max_length=200, blank=True)
    column_text = models.CharField(max_length=200, blank=True)
    unit = models.CharField("UOM", max_length=100)
    ghg = models.CharField("GHG/Unit", max_length=100)
    value = models.DecimalField(max_digits=24, decimal_places=12)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["year", "factor_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "factor_id"], name="factor_unique_id")
        ]
        indexes = [models.Index(fields=["year", "level_1", "level_2", "level_3"])]

    def __str__(self) -> str:
        path = " › ".join(
            p
            for p in (self.level_1, self.level_2, self.level_3, self.level_4, self.column_text)
            if p
        )
        return f"{path} ({self.unit}, {self.ghg}) {self.year}"


class EmissionSource(models.Model):
    class Scope(models.TextChoices):
        ONE = "1", "Scope 1"
        TWO = "2", "Scope 2"
        THREE = "3", "Scope 3"
        OUTSIDE = "outside", "Outside of scopes"

    class Category(models.TextChoices):
        BUILDINGS = "buildings", "Buildings"
        FLEET = "fleet", "Operational fleet"
        TRAVEL = "business_travel", "Business travel"
        LIGHTING = "street_lighting", "Street lighting and signals"
        FUGITIVE = "fugitive", "Fugitive gases"
        TRANSMISSION = "transmission", "Transmission and distribution"
        EXPORTS = "renewable_exports", "Renewable energy exports"
        OFFSETS = "offsets", "Offsets"
        WASTE = "waste", "Operational waste"
        WATER = "water", "Water"
        PROCUREMENT = "procurement", "Procurement"
        LAND = "land_use", "Farming / land use"
        INVESTMENTS = "investments", "Investments / pensions"
        OTHER = "other", "Other"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="emission_sources"
    )
    name = models.CharField(max_length=200)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    category = models.CharField(max_length=30, choices=Category.choices)
    category_as_written = models.CharField(
        max_length=200,
        blank=True,
        help_text="The category an imported file gave that Plan Tracker did not know (the "
        "source is then under Other).",
    )
    measured = models.BooleanField(
        default=True, help_text="Untick for sources not yet measured (estimated or unknown)."
    )
    owner = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="source_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class EmissionRecord(models.Model):
    """A source's emissions for one financial year. Recalculating (new factors) keeps the old
    figure in the history."""

    class Quality(models.TextChoices):
        ACTUAL = "actual", "Actual"
        ESTIMATED = "estimated", "Estimated"

    source = models.ForeignKey(EmissionSource, on_delete=models.CASCADE, related_name="records")
    period = models.CharField(max_length=20, help_text="A financial year, written 2018-19.")
    year = models.PositiveSmallIntegerField(help_text="The year the period ends in.")
    tco2e = models.DecimalField("tCO2e", max_digits=16, decimal_places=4)
    quality = models.CharField(max_length=10, choices=Quality.choices, default=Quality.ACTUAL)
    method = models.CharField(max_length=300, blank=True)
    factor_set = models.CharField(max_length=100, blank=True, help_text="e.g. UK government 2024")
    quantity = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    unit = models.CharField(max_length=50, blank=True)
    factor = models.ForeignKey(
        ConversionFactor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    factor_ref = models.CharField(
        "factor ID", max_length=40, blank=True, help_text="Kept if the factor is deleted."
    )
    factor_year = models.PositiveSmallIntegerField(null=True, blank=True)
    factor_value = models.DecimalField(max_digits=24, decimal_places=12, null=True, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "year"]
        constraints = [
            models.UniqueConstraint(fields=["source", "period"], name="record_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.period} = {self.tco2e} tCO2e"


class AreaEmission(models.Model):
    """The government's local authority emissions, one figure per area, year and sector item
    (long form of the wide data set)."""

    code = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    sector = models.CharField(max_length=100)
    item = models.CharField(max_length=100)
    unit = models.CharField(max_length=30)
    value = models.DecimalField(max_digits=28, decimal_places=14)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code", "year", "sector", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "year", "sector", "item"], name="area_emission_unique"
            )
        ]
        indexes = [models.Index(fields=["code", "year"])]

    def __str__(self) -> str:
        return f"{self.code} {self.year} {self.sector} {self.item}: {self.value} {self.unit}"


class Roadmap(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="roadmaps"
    )
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=300)
    baseline_period = models.CharField(max_length=20, help_text="e.g. 2018-19")
    baseline_year = models.PositiveSmallIntegerField()
    baseline_tco2e = models.DecimalField(max_digits=16, decimal_places=4)
    baseline_note = models.CharField(max_length=300, blank=True)
    first_year = models.PositiveSmallIntegerField(help_text="First year shown on the charts.")
    target_year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="roadmap_unique_slug")
        ]

    def __str__(self) -> str:
        return self.title


class Workstream(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="workstreams")
    name = models.CharField(max_length=300)
    category = models.CharField(
        max_length=20, choices=[(k.value, v) for k, v in CATEGORY_LABELS.items()]
    )
    area = models.CharField(
        max_length=20, blank=True, choices=[(k.value, v) for k, v in AREA_LABELS.items()]
    )
    saving = models.DecimalField(
        "tCO2e saved a year by the target year", max_digits=16, decimal_places=4
    )
    start_year = models.PositiveSmallIntegerField()
    phasing = models.CharField(
        max_length=10, choices=[(p.value, p.value) for p in Phasing], default=Phasing.LINEAR
    )
    shares = models.JSONField(default=dict, blank=True, help_text="Custom phasing: year → share.")
    status = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="workstreams")
    position = models.PositiveIntegerField(default=0)
    included = models.BooleanField(
        "In the roadmap", default=True,
        help_text="Switched off: kept and listed, but its saving is left out of the roadmap.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["roadmap", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "name"], name="workstream_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CarbonTarget(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="carbon_targets"
    )
    name = models.CharField(max_length=200)
    reduction = models.DecimalField("% reduction", max_digits=6, decimal_places=2)
    year = models.PositiveSmallIntegerField()
    baseline_period = models.CharField(max_length=20)
    net = models.BooleanField(default=False, help_text="Judged net of offsets.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "year", "name"]

    def __str__(self) -> str:
        return self.name


class Scenario(models.Model):
    """A saved what-if: categories and workstreams switched off."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=200)
    off = models.JSONField(default=list)

    class Meta:
        ordering = ["roadmap", "name"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "name"], name="scenario_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CarbonProfile(models.Model):
    """An organisation's carbon settings: its inventory's baseline year and where it sits in
    the government's area-wide emissions data."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="carbon_profile"
    )
    baseline_period = models.CharField(
        max_length=20, blank=True, help_text="The inventory's baseline year, e.g. 2018-19."
    )
    area_code = models.CharField(
        max_length=10,
        blank=True,
        help_text="The area's code in the local authority emissions data, e.g. LEC.",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.organisation}: baseline {self.baseline_period or 'not set'}"


class QuotedFigure(models.Model):
    """A figure a council document quotes from the area-wide data, kept so the page can show
    it beside what the data set says now."""

    code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    sector = models.CharField(max_length=100, blank=True)
    item = models.CharField(max_length=100, blank=True, help_text="Empty: not in the data set.")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    unit = models.CharField(max_length=30)
    quote = models.TextField()
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["code", "year", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.value} {self.unit} ({self.source})"
