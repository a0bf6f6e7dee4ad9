"""Forms of a KPI's pages: its values, its definition, its targets, retiring it."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.indicators import periods
from plantracker.indicators.status import DIRECTION_TEXT, Direction
from plantracker.strategy.models import Measure, StrategyObjective

from .fields import DayField, NumberField, RecordsField, VersionField
from .text import NOTE_MAX, LongTextField


class ObservationForm(forms.Form):
    period = forms.CharField(
        label="Period",
        max_length=50,
        help_text="A financial year (2023-24), a quarter (2023-24 Q1), a month (March 2024) or "
        "a year (2024). A period already recorded is corrected.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    value = forms.CharField(
        label="Value",
        max_length=50,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
        ),
    )
    estimated = forms.BooleanField(
        label="This value is an estimate", required=False, widget=forms.CheckboxInput()
    )
    note = LongTextField(
        label="Note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )
    source = forms.CharField(
        label="Source",
        required=False,
        max_length=300,
        help_text="Where the figure comes from, for example the annual greenhouse gas report.",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )


TEXT = {"class": "govuk-input"}
WIDTH_10 = {"class": "govuk-input govuk-input--width-10"}
TEXTAREA = {"rows": 3, "class": "govuk-textarea"}
PERIOD_HINT = "A financial year (2023-24), a quarter (2023-24 Q1), a month (March 2024) or a year."
TARGET_HINT = (
    "As the council writes it: a value (80%, < 5%, 45 or more), a change against the baseline "
    "(64% reduction), a band (between 2 and 4), 'year on year reduction' or 'maintain'. Words "
    "no rule reads (TBC) are kept and shown, and the status says the target is not measurable."
)
NO_PLAN = "None: the organisation's own KPI"


def _period(value: str) -> str:
    """The period as the pages keep it, or the error saying which forms are understood."""
    text = value.strip()
    if not text:
        return ""
    try:
        return periods.label(periods.parse(text))
    except periods.PeriodError as exc:
        raise forms.ValidationError(f"{exc}.") from None


class KpiForm(forms.Form):
    """A KPI's definition; on a new KPI also its reference and first target."""

    title = forms.CharField(label="Title", max_length=300, widget=forms.TextInput(attrs=TEXT))
    slug = forms.SlugField(
        label="Reference", required=False, max_length=120,
        help_text="Used in the KPI's web address and in files, for example homes-retrofitted. "
        "Leave empty to make one from the title.",
        widget=forms.TextInput(attrs=TEXT),
    )  # fmt: skip
    plan = forms.ChoiceField(
        label="Plan", required=False, choices=[],
        help_text="A plan's KPIs are reported in its snapshots and committee reports.",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )  # fmt: skip
    unit = forms.CharField(label="Unit", required=False, max_length=50,
                           help_text="For example %, tCO2e, homes.",
                           widget=forms.TextInput(attrs=WIDTH_10))  # fmt: skip
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=[(d.value, DIRECTION_TEXT[d].capitalize()) for d in Direction],
        initial=Direction.HIGHER.value, widget=forms.RadioSelect,
    )  # fmt: skip
    measures_change = forms.BooleanField(
        label="Each value is the change on the period before (for example −3.85%)",
        required=False,
    )
    baseline_value = NumberField(
        label="Baseline value", required=False, max_digits=20, decimal_places=6,
        help_text="The value the KPI started from. A target written as a change (64% "
        "reduction) needs it, and so does the path to a target's date.",
        widget=forms.TextInput(attrs={**WIDTH_10, "inputmode": "decimal"}),
    )  # fmt: skip
    baseline_period = forms.CharField(
        label="Baseline period", required=False, max_length=50, help_text=PERIOD_HINT,
        widget=forms.TextInput(attrs=WIDTH_10),
    )  # fmt: skip
    target = forms.CharField(label="Target", required=False, max_length=500,
                             help_text=TARGET_HINT, widget=forms.TextInput(attrs=TEXT))  # fmt: skip
    target_due = forms.CharField(
        label="Target date", required=False, max_length=50,
        help_text="When the target is due: " + PERIOD_HINT[0].lower() + PERIOD_HINT[1:]
        + " Leave empty for a standing target.",
        widget=forms.TextInput(attrs=WIDTH_10),
    )  # fmt: skip
    objectives = RecordsField(
        label="Objectives it serves", required=False, queryset=StrategyObjective.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    measures = RecordsField(
        label="Strategy measures it monitors", required=False, queryset=Measure.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    description = LongTextField(
        label="Definition", required=False, max_length=NOTE_MAX,
        help_text="What is counted and how.", widget=forms.Textarea(attrs=TEXTAREA),
    )  # fmt: skip
    source = forms.CharField(
        label="Source", required=False, max_length=300,
        help_text="Where the figures come from.", widget=forms.TextInput(attrs=TEXT),
    )  # fmt: skip
    version = VersionField(min_value=0, required=False)

    def __init__(
        self, *args: Any, organisation: Any, plans: list[Any], org_wide: bool,
        indicator: Any = None, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.plans = {p.slug: p for p in plans}
        choices = [(p.slug, p.title) for p in plans]
        if indicator is not None and indicator.plan_id and indicator.plan.slug not in self.plans:
            choices.insert(0, (indicator.plan.slug, indicator.plan.title))  # kept as it is
            self.plans[indicator.plan.slug] = indicator.plan
        if org_wide or (indicator is not None and not indicator.plan_id):
            choices.insert(0, ("", NO_PLAN))
        else:
            self.fields["plan"].required = True
        self.fields["plan"].choices = choices
        strategies = organisation.strategies.all()
        self.fields["objectives"].queryset = (
            StrategyObjective.objects.filter(aim__strategy__in=strategies)
            .select_related("aim__strategy")
            .order_by("aim__strategy__title", "aim__position", "code")
        )
        self.fields["measures"].queryset = Measure.objects.filter(
            outcome__strategy__in=strategies
        ).order_by("outcome__strategy__title", "outcome__position", "position")
        self.fields["objectives"].label_from_instance = lambda o: f"{o.code} {o.text}"[:200]
        self.fields["measures"].label_from_instance = lambda m: m.text[:200]
        if indicator is not None:
            for name in ("slug", "target", "target_due"):
                del self.fields[name]

    def clean_baseline_period(self) -> str:
        return _period(self.cleaned_data["baseline_period"])

    def clean_target_due(self) -> str:
        return _period(self.cleaned_data["target_due"])

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("target_due") and not (d.get("target") or "").strip():
            self.add_error("target", "Write the target that is due by then, or clear the date.")
        return d

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"], "plan": self.plans.get(d["plan"]) if d["plan"] else None,
            "unit": d["unit"], "direction": d["direction"],
            "measures_change": d["measures_change"], "baseline_value": d["baseline_value"],
            "baseline_period": d["baseline_period"], "description": d["description"],
            "source": d["source"],
        }  # fmt: skip

    @staticmethod
    def initial_for(indicator: Any) -> dict[str, Any]:
        base = indicator.baseline_value
        return {
            "title": indicator.title, "plan": indicator.plan.slug if indicator.plan_id else "",
            "unit": indicator.unit, "direction": indicator.direction,
            "measures_change": indicator.measures_change,
            "baseline_value": None if base is None else f"{base.normalize():f}",
            "baseline_period": indicator.baseline_period,
            "objectives": list(indicator.objectives.all()),
            "measures": list(indicator.measures.all()),
            "description": indicator.description, "source": indicator.source,
            "version": indicator.version,
        }  # fmt: skip


class TargetForm(forms.Form):
    text = forms.CharField(label="Target", max_length=500, help_text=TARGET_HINT,
                           widget=forms.TextInput(attrs=TEXT))  # fmt: skip
    due = forms.CharField(
        label="Due", required=False, max_length=50,
        help_text=PERIOD_HINT + " Leave empty for a standing target.",
        widget=forms.TextInput(attrs=WIDTH_10),
    )  # fmt: skip

    def clean_due(self) -> str:
        return _period(self.cleaned_data["due"])


class RetireForm(forms.Form):
    reason = forms.CharField(
        label="Why is the KPI being retired?", max_length=NOTE_MAX,
        help_text="Shown with the KPI on its page and in its files.",
        widget=forms.Textarea(attrs=TEXTAREA),
    )  # fmt: skip
    on = DayField(
        label="Retired on", help_text="For example 2026-11-30.",
        widget=forms.DateInput(attrs={"type": "date", **WIDTH_10}),
    )  # fmt: skip
    version = VersionField(min_value=0)
