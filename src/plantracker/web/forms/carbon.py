"""Forms of the carbon pages."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.carbon.editing import year_of
from plantracker.carbon.models import (
    AreaEmission,
    CarbonProfile,
    CarbonTarget,
    EmissionRecord,
    EmissionSource,
    Roadmap,
    Workstream,
)
from plantracker.plans.models import Action

from .fields import SHORT, FinancialYearField, NumberField, RecordsField, govuk_widgets


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label="Name this what-if",
        max_length=200,
        help_text="For example ‘No complex improvements’. Saving under a name already used "
        "replaces that scenario.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
    )


YEAR = {"min_value": 1990, "max_value": 2100}
WIDE = {"class": "govuk-input"}


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    baseline_period = FinancialYearField(
        label="Baseline year of the inventory", required=False,
        help_text="The financial year the council measures its reductions from, for example "
        "2018-19. Leave empty if it has none yet.",
    )  # fmt: skip

    class Meta:
        model = CarbonProfile
        fields = ["baseline_period", "area_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)
        area = self.fields["area_code"]
        area.label = "Area code in the local authority emissions data"
        area.widget.attrs.update(SHORT)

    def clean_area_code(self) -> str:
        code = self.cleaned_data["area_code"].strip().upper()
        if code and not AreaEmission.objects.filter(code=code).exists():
            raise forms.ValidationError(
                f"No area-wide emissions are loaded for ‘{code}’. Check the code on the "
                "area-wide emissions page, or load the data first (see the carbon guide)."
            )
        return code


class TargetForm(forms.ModelForm):  # type: ignore[type-arg]
    baseline_period = FinancialYearField(label="Measured against the financial year")
    reduction = NumberField(
        label="Reduction, per cent", min_value=0, max_value=100, max_digits=6, decimal_places=2,
        help_text="For example 50 for halving emissions from the baseline; 100 for net zero.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5",
                                      "inputmode": "decimal"}),
    )  # fmt: skip
    year = forms.IntegerField(label="By the year", **YEAR)

    class Meta:
        model = CarbonTarget
        fields = ["name", "reduction", "year", "baseline_period", "net"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)
        self.fields["name"].help_text = "For example Net zero council operations by 2030."
        self.fields["net"].label = "Judged net of offsets"


class SourceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EmissionSource
        fields = ["name", "scope", "category", "measured", "owner", "position"]

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        govuk_widgets(self)
        self.fields["measured"].label = "Measured in the annual greenhouse gas report"
        if self.instance.category_as_written:
            self.fields[
                "category"
            ].help_text = f"The imported file said ‘{self.instance.category_as_written}’."

    def clean_position(self) -> int:
        value = self.cleaned_data.get("position")
        if value is None:
            last = self.instance.organisation.emission_sources.order_by("-position").first()
            return (last.position + 1) if last else 0
        return int(value)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = self.instance.organisation.emission_sources.filter(name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"There is already a source called ‘{name}’.")
        return name


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    period = FinancialYearField(label="Financial year")
    tco2e = NumberField(
        label="Emissions, tonnes CO2e", min_value=-10**11, max_digits=16, decimal_places=4,
        help_text="Negative for exports or offsets that reduce the total.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10",
                                      "inputmode": "decimal"}),
    )  # fmt: skip
    reason = forms.CharField(
        label="Why is the figure changing? (corrections only)", required=False,
        max_length=2000,
        help_text="For example: recalculated with the 2024 conversion factors. The earlier "
        "figure is kept in the history with this reason.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )  # fmt: skip

    class Meta:
        model = EmissionRecord
        fields = ["period", "tco2e", "quality", "method", "factor_set", "note"]

    def __init__(self, *args: Any, source: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.source = source
        govuk_widgets(self)
        if self.instance.pk:
            del self.fields["period"]  # a figure belongs to its year; add another year instead
        else:
            del self.fields["reason"]

    def clean_period(self) -> str:
        period = self.cleaned_data["period"]
        if self.instance.source.records.filter(period=period).exists():
            raise forms.ValidationError(
                f"{period} already has a figure for this source: correct that one instead."
            )
        return period


class RoadmapForm(forms.ModelForm):  # type: ignore[type-arg]
    baseline_period = FinancialYearField(label="Baseline year")
    baseline_tco2e = NumberField(
        label="Baseline emissions, tonnes CO2e", min_value=0, max_digits=16, decimal_places=4,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10",
                                      "inputmode": "decimal"}),
    )  # fmt: skip
    first_year = forms.IntegerField(label="First year shown on the charts", **YEAR)
    target_year = forms.IntegerField(label="Target year", **YEAR)

    class Meta:
        model = Roadmap
        fields = ["title", "baseline_period", "baseline_tco2e", "baseline_note", "first_year",
                  "target_year", "source"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)
        self.fields["baseline_note"].label = "Note on the baseline (optional)"
        self.fields["source"].label = "Source (optional)"
        self.fields[
            "source"
        ].help_text = "For example the council's carbon reduction roadmap, 2023."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, target = data.get("first_year"), data.get("target_year")
        if data.get("baseline_period"):
            self.instance.baseline_year = year_of(data["baseline_period"])
            if target is not None and target <= self.instance.baseline_year:
                self.add_error("target_year", "The target year must come after the baseline year.")
        if first is not None and target is not None and first > target:
            self.add_error("first_year", "The charts cannot start after the target year.")
        return data


class WorkstreamForm(forms.ModelForm):  # type: ignore[type-arg]
    saving = NumberField(
        label="tCO2e saved a year by the target year", min_value=-10**11, max_digits=16,
        decimal_places=4, help_text="Negative for a workstream that adds emissions.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10",
                                      "inputmode": "decimal"}),
    )  # fmt: skip
    start_year = forms.IntegerField(label="Saving starts in", **YEAR)
    actions = RecordsField(
        label="Actions that deliver it", required=False, queryset=Action.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Workstream
        fields = ["name", "category", "area", "saving", "start_year", "phasing", "status",
                  "note", "included", "actions", "position"]  # fmt: skip

    def __init__(self, *args: Any, roadmap: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.roadmap = roadmap
        govuk_widgets(self)
        self.fields["actions"].queryset = (
            Action.objects.filter(plan__organisation_id=roadmap.organisation_id)
            .select_related("plan").order_by("plan__title", "position")
        )  # fmt: skip
        self.fields["actions"].label_from_instance = lambda a: f"{a.plan.title}: {a.ref} {a.title}"
        if self.instance.phasing == "custom":
            self.fields[
                "phasing"
            ].help_text = "Custom phasing keeps the shares by year the imported roadmap gave."

    def clean_position(self) -> int:
        value = self.cleaned_data.get("position")
        if value is None:
            last = self.instance.roadmap.workstreams.order_by("-position").first()
            return (last.position + 1) if last else 0
        return int(value)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = self.instance.roadmap.workstreams.filter(name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The roadmap already has a workstream called ‘{name}’.")
        return name
