"""Forms for the pages people write through. Validation that is a domain rule lives in
the services; these only turn posted text into typed values with clear messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.validators import MaxLengthValidator

from plantracker.core.models import Membership
from plantracker.imports.models import Kind
from plantracker.plans.vocab import RAG, Stage

from .fields import DayField, MonthField, VersionField


def _choices(choices: list[tuple[str, str]], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *choices]


# Long enough for any real update (the seeds' longest is under 2,000 characters); a paste
# of a whole document is refused with the count, not stored.
NARRATIVE_MAX = 20_000
NOTE_MAX = 5_000


class LongTextField(forms.CharField):
    """Free text with a limit checked on the server only: no maxlength attribute, because a
    browser silently cuts a long paste at it and the officer would lose the end unseen."""

    default_error_messages = {
        "max_length": "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d). "
        "Put longer material in a document and link to it."
    }

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class UpdateForm(forms.Form):
    narrative = LongTextField(
        label="Update",
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "class": "govuk-textarea"}),
        help_text="What has happened since the last report. You can use Markdown: "
        "**bold**, lists starting with -, and links.",
    )
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=_choices(Stage.choices, "Not known"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=_choices(RAG.choices, "Not known"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    rag_reason = LongTextField(
        label="Reason for the RAG rating",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        help_text="Needed when the rating gets worse (for example Green to Amber, or to Red).",
    )
    revised_end = MonthField(
        label="Revised end date",
        required=False,
        help_text="Only if the end date has moved. The original date is kept.",
    )
    version = VersionField(min_value=0)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("return", "Return")])
    comment = LongTextField(
        label="Comment for the contributor",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        help_text="Needed when you return an update: say what to change.",
    )
    version = VersionField(min_value=0)


class PeriodForm(forms.Form):
    label = forms.CharField(
        label="Name",
        max_length=100,
        help_text="For example March 2024.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    due = DayField(
        label="Updates due by",
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )
    meeting = forms.CharField(
        label="Committee meeting",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    meeting_date = DayField(
        label="Meeting date",
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )
    report_of = forms.CharField(
        label="Report of",
        required=False,
        max_length=300,
        help_text="Who presents the report, for example the Director of Environment and Transport.",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )


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


class AssignForm(forms.Form):
    assignees = forms.TypedMultipleChoiceField(
        label="Contributors", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    # Who the page showed as assigned, so only what this editor changed is changed.
    shown = forms.RegexField(
        regex=r"^\d+(,\d+)*$", required=False, max_length=10_000, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignees"].choices = people

    def clean_shown(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["shown"].split(",") if pk]


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


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label="Name this what-if",
        max_length=200,
        help_text="For example ‘No complex improvements’. Saving under a name already used "
        "replaces that scenario.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
    )


class SignInForm(AuthenticationForm):
    """Django's sign-in form with the username's length checked before anyone is asked:
    Django sets it on the widget only, and the sign-in throttle (django-axes) records every
    failed username in a column of 255 characters, which PostgreSQL enforces with an error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))  # type: ignore[attr-defined]


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
