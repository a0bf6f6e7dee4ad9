"""Forms of a KPI's page."""

from __future__ import annotations

from django import forms

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
