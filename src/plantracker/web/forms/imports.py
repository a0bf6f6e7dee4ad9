"""Forms of the import pages: the upload and the choice of what each column holds."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.imports.models import Kind


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="Excel (.xlsx), CSV (.csv) or tab-separated (.tsv, .txt), as described in "
        "the importing guide.",
        widget=forms.ClearableFileInput(
            attrs={"class": "govuk-file-upload", "accept": ".xlsx,.csv,.tsv,.txt"}
        ),
        error_messages={"required": "Choose a spreadsheet to upload."},
    )
    period = forms.CharField(
        label="Reporting period (optional)",
        required=False,
        max_length=100,
        help_text="Only needed when the update column is headed just “Update”: for example "
        "March 2024.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    check_only = forms.BooleanField(
        label="Check the file first, without importing it",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )


class TableImportForm(ImportForm):
    """An organisation's KPIs, risk register or emissions inventory, from the web."""

    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[(k.value, k.label) for k in Kind if k != Kind.ACTIONS],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
        error_messages={"required": "Say what the file holds."},
    )
    register = forms.CharField(
        label="Name of the risk register (risk registers only)",
        required=False,
        max_length=200,
        help_text="A register of that name is updated; a new name makes a new register.",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    plan = forms.ChoiceField(
        label="Plan it belongs to (optional)",
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    field_order = ["kind", "file", "register", "plan", "check_only"]

    def __init__(self, *args: Any, plans: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["period"]
        self.fields["plan"].choices = [("", "None: the whole organisation"), *plans]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Kind.RISKS and not (data.get("register") or "").strip():
            self.add_error("register", "Give the risk register a name.")
        return data

    def options(self) -> dict[str, str]:
        d = self.cleaned_data
        out = {"plan": d.get("plan") or ""}
        if d["kind"] == Kind.RISKS:
            out["register"] = d["register"].strip()
        return out


class ColumnsForm(forms.Form):
    """One select per column of a checked file that holds one field or nothing (columns an
    importer took in its own way, such as a KPI table's period columns, are only shown)."""

    def __init__(
        self, *args: Any, columns: list[dict[str, str]], fields: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not used"), *((f, f.replace("_", " ")) for f in fields)]
        self.all_columns = columns
        self.columns = [c for c in columns if c["key"] and (c["field"] or not c["as"])]
        for i, column in enumerate(self.columns):
            self.fields[f"c{i}"] = forms.ChoiceField(
                label=f"Column {column['letter']}: {column['heading']}",
                choices=choices,
                required=False,
                initial=column["field"],
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )

    def rows(self) -> list[tuple[dict[str, str], Any]]:
        """Every column in the file's order, with its select where it has one."""
        selects = {id(c): self[f"c{i}"] for i, c in enumerate(self.columns)}
        return [(c, selects.get(id(c))) for c in self.all_columns]

    def chosen(self) -> dict[str, str]:
        """{heading key: field, or "ignore" for "Not used"} for each column whose choice
        differs from what the check took it as."""
        out = {}
        for i, column in enumerate(self.columns):
            choice = self.cleaned_data.get(f"c{i}") or ""
            if choice != column["field"]:
                out[column["key"]] = choice or "ignore"
        return out
