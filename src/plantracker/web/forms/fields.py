"""Form fields that read what people type strictly (core.strict): digits 0–9 only, and years
from 1900 to 2100, with a message saying what to write instead."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from plantracker.core import strict
from plantracker.indicators import periods

MONTH_FORMAT = "Enter the month as YYYY-MM, for example 2024-09"


class MonthField(forms.CharField):
    """A month as <input type=month> sends it (2024-09), or 09/2024 typed by hand; digits
    0–9 only and a year from 1900 to 2100 (core.strict)."""

    widget = forms.TextInput(attrs={"type": "month", "class": "govuk-input govuk-input--width-10"})

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = (value or "").strip()
        if not text:
            return None
        for sep, (y, m) in (("-", (0, 1)), ("/", (1, 0))):
            parts = [p.strip() for p in text.split(sep)]
            if len(parts) == 2 and all(strict.is_digits(p) for p in parts):
                try:
                    return strict.first_of_month(parts[y], parts[m])
                except strict.NotValid as exc:
                    raise forms.ValidationError(f"{exc}. {MONTH_FORMAT}.") from None
        raise forms.ValidationError(MONTH_FORMAT)


class DayField(forms.DateField):
    """A date as <input type=date> sends it (2024-03-15), or as Django reads one typed by
    hand; digits 0–9 only (strptime reads any script's) and a year from 1900 to 2100."""

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str) and not value.isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        found = super().to_python(value)
        if found is not None:
            try:
                strict.check_year(found.year)
            except strict.NotValid as exc:
                raise forms.ValidationError(f"{exc}.", code="invalid") from None
        return found


class VersionField(forms.IntegerField):
    """The version an edit started from (a hidden field): digits 0–9 only."""

    widget = forms.HiddenInput

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        try:
            return strict.whole_number(value)
        except strict.NotValid:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class NumberField(forms.DecimalField):
    """A number with digits 0–9 only (Decimal reads any script's), an optional thousands
    comma, as officers type them."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(",", "")
            if not value.isascii():
                raise forms.ValidationError("Enter a number using the digits 0 to 9.")
        return super().to_python(value)


BIGGEST_KEY = 2**63 - 1  # what every database's integer key can hold


def _key_or_none(value: object) -> int | None:
    text = str(value).strip()
    if not strict.is_digits(text) or len(text) > 19 or int(text) > BIGGEST_KEY:
        return None
    return int(text)


class RecordField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A record chosen from a list by its key: a key no database can hold is simply not one
    of the choices (the database is never asked, so never overflows)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if _key_or_none(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class RecordsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Records chosen with checkboxes, keys checked as RecordField's."""

    def _check_values(self, value: Any) -> Any:
        for v in value:
            if _key_or_none(v) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": str(v)[:30]},
                )  # fmt: skip
        return super()._check_values(value)


TEXTAREA = {"rows": 3, "class": "govuk-textarea"}
SHORT = {"class": "govuk-input govuk-input--width-10"}


def govuk_widgets(form: forms.BaseForm) -> None:
    """GOV.UK classes on every widget the ModelForm made; the order may be left empty."""
    if "position" in form.fields:
        form.fields["position"].required = False
        form.fields["position"].help_text = "Leave empty to put it last."
    for field in form.fields.values():
        w = field.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "govuk-checkboxes__input")
        elif isinstance(w, forms.Textarea):
            w.attrs.update(TEXTAREA)
        elif isinstance(w, forms.Select):
            w.attrs.setdefault("class", "govuk-select")
        elif isinstance(w, forms.NumberInput):
            w.attrs.setdefault("class", "govuk-input govuk-input--width-4")
        elif isinstance(w, forms.TextInput):
            w.attrs.setdefault("class", "govuk-input")


class FinancialYearField(forms.CharField):
    """A financial year as the inventory writes it (2018-19); 2018/19 and 2018-2019 are read
    the same way and saved as 2018-19."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", "A financial year, for example 2018-19.")
        kwargs.setdefault("widget", forms.TextInput(attrs=SHORT))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        try:
            period = periods.parse(text)
        except periods.PeriodError:
            period = None
        if period is None or period.kind is not periods.Kind.FINANCIAL_YEAR:
            raise forms.ValidationError(
                f"‘{text[:20]}’ is not a financial year. Write it like 2018-19."
            )
        return period.label
