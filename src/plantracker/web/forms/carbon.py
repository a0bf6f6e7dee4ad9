"""Forms of the carbon pages."""

from __future__ import annotations

from django import forms


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label="Name this what-if",
        max_length=200,
        help_text="For example ‘No complex improvements’. Saving under a name already used "
        "replaces that scenario.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
    )
