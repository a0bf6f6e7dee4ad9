"""Forms of signing in, passwords and two-factor: django-allauth's, styled like the other pages
(settings.ACCOUNT_FORMS and MFA_FORMS name them)."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa
from allauth.mfa.totp import forms as totp
from django import forms
from django.core.validators import MaxLengthValidator

INPUT = "govuk-input govuk-input--width-20"


def _style(form: forms.Form, labels: dict[str, str], hints: dict[str, str] | None = None) -> None:
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs["class"] = INPUT
        if name in labels:
            field.label = labels[name]
        field.help_text = (hints or {}).get(name, "")


class SignInForm(account.LoginForm):  # type: ignore[misc]
    """allauth's sign-in form with the username posted as `username`, as django-axes (the
    sign-in throttle) reads it, and its length checked before anyone is asked: axes records
    every failed username in a column of 255 characters, which PostgreSQL enforces."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields.pop("login")
        login.validators.append(MaxLengthValidator(150))
        self.fields = {"username": login, **self.fields}
        _style(self, {"username": "Username", "password": "Password"})
        login.widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})

    def clean(self) -> dict[str, Any]:
        if "username" in self.cleaned_data:
            self.cleaned_data["login"] = self.cleaned_data["username"].strip()
        elif not self._errors:
            self.add_error("username", "Enter your username")
        return super().clean()  # type: ignore[no-any-return]


class ResetPasswordForm(account.ResetPasswordForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].max_length = 254
        self.fields["email"].validators.append(MaxLengthValidator(254))
        _style(self, {"email": "Email address"},
               {"email": "The address your council gave Plan Tracker for you."})  # fmt: skip
        self.fields["email"].widget.attrs["class"] = "govuk-input govuk-!-width-two-thirds"


_NEW = {"password1": "New password", "password2": "Type the new password again"}
_HINT = {"password1": "At least 8 characters, and not a common password."}


class ResetPasswordKeyForm(account.ResetPasswordKeyForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self, _NEW, _HINT)


class ChangePasswordForm(account.ChangePasswordForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self, {"oldpassword": "Current password", **_NEW}, _HINT)


class SetPasswordForm(account.SetPasswordForm):  # type: ignore[misc]
    """A password for someone who has none (they sign in with their council's account)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self, {"password1": "Choose a password", "password2": "Type the password again"},
               _HINT)  # fmt: skip


class ConfirmPasswordForm(account.ReauthenticateForm):  # type: ignore[misc]
    """Your password again, before a change to how you sign in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self, {"password": "Your password"})


_CODE = {"code": "Code from your authenticator app"}
_CODE_HINT = {"code": "The 6 digits the app shows now, for example 123456."}


def _code(form: forms.Form) -> None:
    _style(form, _CODE, _CODE_HINT)
    form.fields["code"].widget.attrs.update(
        {"class": "govuk-input govuk-input--width-10", "autocomplete": "one-time-code",
         "inputmode": "numeric", "spellcheck": "false"}
    )  # fmt: skip


class TwoFactorForm(mfa.AuthenticateForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(self)


class TwoFactorReauthenticateForm(mfa.ReauthenticateForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(self)


class ActivateTwoFactorForm(totp.ActivateTOTPForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(self)


class DeactivateTwoFactorForm(totp.DeactivateTOTPForm):  # type: ignore[misc]
    pass
