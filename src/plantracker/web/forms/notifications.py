"""The forms of notification emails: a person's choice for each plan, and the public's
subscription to a plan's published reports."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.notifications.models import Preference

CHOICES = [
    (Preference.Choice.EACH, "An email each time (default)"),
    (Preference.Choice.DIGEST, "A daily digest: one email a day with everything"),
    (Preference.Choice.NONE, "No emails"),
]


class PreferencesForm(forms.Form):
    """One set of radios per plan the person has a role on, named plan-<id>. A plan left out
    of the post (a plan added since the page was drawn) keeps its choice."""

    def __init__(self, *args: Any, plans: list[Any], current: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.plans = plans
        for plan in plans:
            self.fields[f"plan-{plan.pk}"] = forms.ChoiceField(
                label=f"{plan.title} ({plan.organisation.name})",
                choices=CHOICES,
                required=False,
                initial=current.get(plan.pk, Preference.Choice.EACH),
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": f"Choose which emails you want about {plan.title}",
                },
            )

    def chosen(self) -> list[tuple[Any, str]]:
        """The plans whose choice was posted, with the choice."""
        out = [(p, self.cleaned_data.get(f"plan-{p.pk}")) for p in self.plans]
        return [(p, c) for p, c in out if c]


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will email you a link to confirm. We use your address only to send you "
        "the plan's published reports.",
        widget=forms.EmailInput(
            attrs={"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right form, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )
