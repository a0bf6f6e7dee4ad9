"""The forms of a plan's own pages: its settings, its themes and its scoring scheme."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from plantracker.plans.findings import REASON_MAX
from plantracker.plans.models import Objective, Plan
from plantracker.plans.structure import BANDS

from .fields import SHORT, NumberField, govuk_widgets

TEXT = {"class": "govuk-input"}


class PlanForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300, widget=forms.TextInput(attrs=TEXT))
    period = forms.CharField(
        label="Period it covers", required=False, max_length=50,
        help_text="For example 2024–2030.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )  # fmt: skip
    reporting_cadence = forms.CharField(
        label="How often progress is reported", required=False, max_length=50,
        help_text="For example Quarterly.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )  # fmt: skip
    description = forms.CharField(
        label="Description", required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "govuk-textarea"}),
    )  # fmt: skip
    status = forms.ChoiceField(
        label="Who can see the plan", choices=[
            (Plan.Status.DRAFT, "Draft: only people with a role on the plan"),
            (Plan.Status.PUBLISHED, "Published: everyone, including the public"),
        ], widget=forms.RadioSelect,
    )  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {k: v.strip() if isinstance(v, str) else v for k, v in self.cleaned_data.items()}


class NewPlanForm(PlanForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["status"]  # a new plan is a draft until its team publishes it


class ThemeForm(forms.Form):
    name = forms.CharField(label="Name of the new theme", max_length=200,
                           widget=forms.TextInput(attrs=TEXT))  # fmt: skip


class ScoringForm(forms.Form):
    """Nine weights: timescale S, M, L; cost L, M, H; carbon saving L, M, H."""

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scheme = plan.scoring_scheme
        current = {"timescale": scheme.timescale_weights, "cost": scheme.cost_weights,
                   "carbon": scheme.carbon_weights}  # fmt: skip
        words = {"S": "Short", "M": "Medium", "L": "Long"}
        for factor, bands in BANDS.items():
            for band in bands:
                label = words[band] if factor == "timescale" else {"L": "Low", "M": "Medium",
                                                                   "H": "High"}[band]  # fmt: skip
                self.fields[f"{factor}_{band}"] = NumberField(
                    label=f"{label} ({band})", min_value=Decimal(0), max_digits=8,
                    decimal_places=2, initial=current[factor].get(band),
                    widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4",
                                                  "inputmode": "decimal"}),
                )  # fmt: skip

    def groups(self) -> list[tuple[str, list[Any]]]:
        names = {"timescale": "Timescale", "cost": "Cost to the council",
                 "carbon": "Carbon saving"}  # fmt: skip
        return [(names[f], [self[f"{f}_{b}"] for b in bands]) for f, bands in BANDS.items()]

    def weights(self) -> dict[str, dict[str, Decimal]]:
        return {f: {b: self.cleaned_data[f"{f}_{b}"] for b in bands} for f, bands in BANDS.items()}


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Why does nothing need changing?", max_length=REASON_MAX,
        help_text="For example: the recorded score is the committee's agreed figure. Shown "
        "with the finding to every editor.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        error_messages={"required": "Say why nothing needs changing, so the next editor knows."},
    )  # fmt: skip


class ObjectiveForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Objective
        fields = ["code", "text", "defined"]
        labels = {"code": "Code", "text": "What the objective is",
                  "defined": "Part of the strategy's framework"}  # fmt: skip
        help_texts = {
            "code": "As the plan's actions give it, for example A1 or 3.",
            "defined": "When a plan has objectives ticked here, an action's code that is "
            "not one of them is listed as a finding.",
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        govuk_widgets(self)
        self.fields["code"].widget.attrs.update(SHORT)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        clash = self.instance.plan.objectives.filter(code__iexact=code)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The plan already has an objective {code}.")
        return code
