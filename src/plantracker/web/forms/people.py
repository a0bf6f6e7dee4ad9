"""Forms of people and sign-in: roles, invitations, passwords."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from plantracker.core.models import Membership


class _RoleForm(forms.Form):
    """A role in the organisation, on one plan or every plan: the end of the forms that add
    or invite someone."""

    role = forms.ChoiceField(
        label="Role",
        choices=Membership.Role.choices,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    plan = forms.ChoiceField(
        label="Plan", required=False, widget=forms.Select(attrs={"class": "govuk-select"})
    )

    def __init__(self, *args: Any, plans: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", "Every plan of the organisation"), *plans]


class MembershipForm(_RoleForm):
    field_order = ["username", "full_name", "email", "password", "role", "plan"]

    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Someone already in the organisation, or a new person's username.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    full_name = forms.CharField(
        label="Full name (new people only)",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="New people only. Reminders are sent here.",
        widget=forms.EmailInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    password = forms.CharField(
        label="Temporary password (new people only)",
        required=False,
        widget=forms.PasswordInput(attrs={"class": "govuk-input govuk-input--width-20"}),
        help_text="At least 12 characters. Give it to them in person or by phone.",
    )


class InviteForm(_RoleForm):
    field_order = ["full_name", "email", "role", "plan"]

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds",
                                      "autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip
    email = forms.EmailField(
        label="Email address",
        max_length=150,  # it becomes their username, which holds 150
        help_text="Their work address. The invitation is sent here, and they sign in with it.",
        widget=forms.EmailInput(attrs={"class": "govuk-input govuk-!-width-two-thirds",
                                       "autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip


class ChoosePasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's set-password form (the invitation's link), styled like the other pages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, second.label = "Choose a password", "Type the password again"
        first.help_text = "At least 8 characters, and not a common password."
        for field in (first, second):
            field.widget.attrs["class"] = "govuk-input govuk-input--width-20"
