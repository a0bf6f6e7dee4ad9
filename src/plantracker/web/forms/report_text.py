"""The committee report's own text, for a period or as a plan's defaults."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.reports.council_text import HEADINGS
from plantracker.updates.report_text import CONTACT_FIELDS, MAX_CONTACTS, SECTION_KEYS

from .fields import DayField
from .text import NOTE_MAX, LongTextField

HINTS = {
    "purpose": "Why the report comes to the committee.",
    "recommendations": "One recommendation per line; they are numbered for you.",
    "background": "What members need to know first: the plan, how progress is reported.",
    "resources": "Financial and staffing implications.",
    "legal": "",
    "equality": "Whether an equality impact assessment was needed, and what it found.",
    "environmental": "",
    "risk": "",
    "consultation": "Who has been consulted, for example another committee.",
    "background_papers": "Documents the report relies on, with links.",
    "appendices": "One appendix per line, for example Appendix A – Action plan tracker.",
}
CONTACT_LABELS = {"name": "Name", "role": "Job title", "phone": "Telephone", "email": "Email"}
PERIOD_FIELDS = ["agenda_item", "meeting", "meeting_date", "report_of"]


def _quote(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


PHONE = r"^[0-9+()\s.-]{6,30}(\s*(ext\.?|extension|x)\s*[0-9]{1,6})?$"


def _contact_field(name: str) -> forms.Field:
    attrs = {"class": "govuk-input", "autocomplete": "off"}
    if name == "email":
        return forms.EmailField(label=CONTACT_LABELS[name], required=False, max_length=200,
                                widget=forms.EmailInput(attrs=attrs))  # fmt: skip
    if name == "phone":
        return forms.RegexField(
            regex=PHONE, label=CONTACT_LABELS[name], required=False, max_length=40,
            error_messages={"invalid": "Enter a telephone number, like 0116 305 7000 or "
                            "0116 305 7000 ext 1234"},
            widget=forms.TextInput(attrs={**attrs, "type": "tel"}),
        )  # fmt: skip
    return forms.CharField(label=CONTACT_LABELS[name], required=False, max_length=200,
                           widget=forms.TextInput(attrs=attrs))  # fmt: skip


class ReportTextForm(forms.Form):
    """Every section of the report as a text box, then up to MAX_CONTACTS officers. For a
    period, also its agenda item and meeting; each hint says what an empty box falls back to."""

    def __init__(
        self,
        *args: Any,
        period: bool,
        fallback: dict[str, str],
        contacts: int = 1,
        committees: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        self.frozen = False
        self.committees = committees or []
        if period:
            self.fields["agenda_item"] = forms.CharField(
                label="Agenda item", required=False, max_length=200,
                help_text="As on the agenda, for example Item 7.",
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
            )  # fmt: skip
            self.fields["meeting"] = forms.CharField(
                label="Committee meeting", required=False, max_length=300,
                help_text="The committee that receives the report.",
                widget=forms.TextInput(attrs={"class": "govuk-input", "list": "committees"}),
            )  # fmt: skip
            self.fields["meeting_date"] = DayField(
                label="Meeting date", required=False,
                widget=forms.DateInput(
                    format="%Y-%m-%d",  # what a date box reads, so a saved date shows again
                    attrs={"type": "date", "class": "govuk-input govuk-input--width-10"},
                ),
            )  # fmt: skip
            self.fields["report_of"] = forms.CharField(
                label="Report of", required=False, max_length=300,
                help_text="Who presents the report, for example the Director of Environment.",
                widget=forms.TextInput(attrs={"class": "govuk-input"}),
            )  # fmt: skip
        for key in SECTION_KEYS:
            said = fallback.get(key, "")
            if said:
                empty = f"Leave empty and the report says {_quote(said)}"
            else:
                empty = "Leave empty to leave this section out."
            hint = " ".join(h for h in (HINTS[key], empty) if h)
            self.fields[key] = LongTextField(
                label=HEADINGS[key], required=False, max_length=NOTE_MAX, help_text=hint,
                widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
            )  # fmt: skip
        self.rows = max(1, min(contacts + 1, MAX_CONTACTS))
        for n in range(self.rows):
            for f in CONTACT_FIELDS:
                self.fields[f"contact_{n}_{f}"] = _contact_field(f)

    def freeze(self) -> None:
        """Shown as published: nothing to change, no hints about empty boxes, no empty
        officer rows."""
        self.frozen = True
        for key, field in self.fields.items():
            field.disabled = True
            if key in SECTION_KEYS:
                field.help_text = ""
        self.rows = max(1, self.rows - 1)

    def section_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in SECTION_KEYS]

    def period_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in PERIOD_FIELDS] if self.period else []

    def contact_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (n + 1, [self[f"contact_{n}_{f}"] for f in CONTACT_FIELDS]) for n in range(self.rows)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(self.rows):
            row = {f: data.get(f"contact_{n}_{f}") or "" for f in CONTACT_FIELDS}
            if any(row.values()) and not row["name"].strip():
                self.add_error(f"contact_{n}_name", "Enter the officer's name, or clear the row.")
        return data

    def text(self) -> dict[str, Any]:
        """The values as updates.report_text keeps them."""
        data = self.cleaned_data
        out: dict[str, Any] = {k: data.get(k, "") for k in SECTION_KEYS}
        if self.period:
            out["agenda_item"] = data.get("agenda_item", "")
        out["contacts"] = [
            {f: data.get(f"contact_{n}_{f}", "") for f in CONTACT_FIELDS} for n in range(self.rows)
        ]
        return out

    @staticmethod
    def initial_for(text: dict[str, Any]) -> dict[str, Any]:
        initial = {k: v for k, v in text.items() if k != "contacts"}
        for n, c in enumerate(text.get("contacts") or []):
            for f in CONTACT_FIELDS:
                initial[f"contact_{n}_{f}"] = c.get(f, "")
        return initial
