"""The forms of a strategy's own pages: the strategy, and its aims, objectives, outcomes and
measures (ModelForms, limited to the strategy's own records)."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.plans.models import Plan
from plantracker.strategy.models import Aim, Measure, Outcome, Strategy, StrategyObjective

from .fields import SHORT, RecordField, RecordsField, govuk_widgets


class StrategyForm(forms.ModelForm):  # type: ignore[type-arg]
    plans = RecordsField(
        label="Plans that deliver it", required=False, queryset=Plan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Their actions' objectives are then checked against this strategy's.",
    )  # fmt: skip

    class Meta:
        model = Strategy
        fields = ["title", "kind", "period", "description"]

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_widgets(self)
        self.fields["title"].widget = forms.TextInput(attrs={"class": "govuk-input"})
        self.fields["period"].widget.attrs.update(SHORT)
        self.fields["kind"].label = "What the strategy is made of"
        self.fields["plans"].queryset = organisation.plans.all()
        if self.instance.pk:
            del self.fields["kind"]  # its records are of one kind or the other
            self.fields["plans"].initial = list(self.instance.plans.all())


class _Ordered(forms.ModelForm):  # type: ignore[type-arg]
    """A record with a position: left empty, it goes after its siblings."""

    def clean_position(self) -> int:
        given = self.cleaned_data.get("position")
        if given is not None:
            return int(given)
        if self.instance.pk:
            return int(self.instance.position)
        return len(self.siblings()) + 1

    def siblings(self) -> list[Any]:
        d, model = self.cleaned_data, self._meta.model
        if model is Aim:
            return list(self.strategy.aims.all())  # type: ignore[attr-defined]
        if model is StrategyObjective and d.get("aim"):
            return list(d["aim"].objectives.all())
        if model is Outcome:
            return list(self.strategy.outcomes.filter(parent=d.get("parent")))  # type: ignore[attr-defined]
        if model is Measure and d.get("outcome"):
            return list(d["outcome"].measures.all())
        return []


class AimForm(_Ordered):
    class Meta:
        model = Aim
        fields = ["code", "title", "theme", "position"]
        labels = {"title": "Aim", "position": "Order"}
        help_texts = {"code": "For example A or 3.", "theme": "Aims are grouped by theme."}

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        govuk_widgets(self)


class ObjectiveForm(_Ordered):
    class Meta:
        model = StrategyObjective
        fields = ["aim", "code", "text", "kind", "position"]
        field_classes = {"aim": RecordField}
        labels = {"text": "Objective", "kind": "Type", "position": "Order"}
        help_texts = {"code": "For example A1. Plans' actions refer to objectives by code."}

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        govuk_widgets(self)
        self.fields["aim"].queryset = strategy.aims.all()  # type: ignore[attr-defined]


class OutcomeForm(_Ordered):
    class Meta:
        model = Outcome
        fields = ["parent", "title", "description", "position"]
        field_classes = {"parent": RecordField}
        labels = {"parent": "Supports the strategic outcome", "title": "Outcome",
                  "position": "Order"}  # fmt: skip
        help_texts = {"parent": "Leave empty for a strategic outcome."}

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        govuk_widgets(self)
        tops = strategy.outcomes.filter(parent__isnull=True)  # type: ignore[attr-defined]
        if self.instance.pk:
            tops = tops.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = tops


class MeasureForm(_Ordered):
    class Meta:
        model = Measure
        fields = ["outcome", "text", "position"]
        field_classes = {"outcome": RecordField}
        labels = {"outcome": "Outcome it monitors", "text": "Measure", "position": "Order"}

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        govuk_widgets(self)
        self.fields["outcome"].queryset = strategy.outcomes.all()  # type: ignore[attr-defined]
