"""Forms of the reporting cycle: a progress update, its review, a period, who is asked."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.plans.vocab import RAG, Stage
from plantracker.updates import bulk

from .fields import DayField, MonthField, VersionField
from .text import NARRATIVE_MAX, NOTE_MAX, LongTextField, with_blank


class UpdateForm(forms.Form):
    narrative = LongTextField(
        label="Update",
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "class": "govuk-textarea"}),
        help_text="What has happened since the last report. You can use formatting: "
        "**bold**, *italics*, lists (lines starting with - or 1.) and links written "
        "[words](https://address).",
    )
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=with_blank(Stage.choices, "Not known"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=with_blank(RAG.choices, "Not known"),
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


class BulkAssignForm(forms.Form):
    """Assign or unassign people on many actions at once (updates/bulk.py)."""

    people = forms.TypedMultipleChoiceField(
        label="People",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only people with a role on this plan can be chosen.",
        error_messages={
            "required": bulk.NO_PEOPLE,
            "invalid_choice": bulk.ASSIGN_UNKNOWN,
        },
    )
    do = forms.ChoiceField(
        label="What to do",
        choices=[("assign", "Assign them to the actions"), ("unassign", "Unassign them")],
        widget=forms.RadioSelect,
        initial="assign",
        error_messages={"required": "Choose whether to assign or unassign them."},
    )
    actions = forms.TypedMultipleChoiceField(
        label="Actions",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": bulk.NO_ACTIONS,
            "invalid_choice": "An action you ticked is no longer in the plan: choose again.",
        },
    )

    def __init__(
        self,
        *args: Any,
        people: list[tuple[str, str]],
        actions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people
        self.fields["actions"].choices = actions
