"""The forms of an action's own pages: add or edit, withdraw, restore. They turn what was
typed into values; plans.editing decides what is saved."""

from __future__ import annotations

from typing import Any

from django import forms

from plantracker.plans.models import Action, Plan
from plantracker.plans.vocab import Rating, Role, Scope, Stage, Timescale

from .fields import DayField, MonthField, NumberField, VersionField

TEXT = {"class": "govuk-input"}
SELECT = {"class": "govuk-select"}
WIDTH_10 = {"class": "govuk-input govuk-input--width-10"}


def _select(label: str, choices: list[tuple[str, str]], blank: str = "Not given") -> Any:
    return forms.ChoiceField(
        label=label, required=False, choices=[("", blank), *choices],
        widget=forms.Select(attrs=SELECT),
    )  # fmt: skip


class ActionForm(forms.Form):
    ref = forms.CharField(
        label="Reference", max_length=30,
        help_text="How the plan and its reports refer to the action, for example C24.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )  # fmt: skip
    title = forms.CharField(
        label="Action", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )  # fmt: skip
    theme = _select("Theme", [], blank="No theme")
    role = _select("Council's role", list(Role.choices))
    scope = _select("Scope", list(Scope.choices))
    lead = forms.CharField(label="Lead", required=False, max_length=300,
                           help_text="The lead service or team.",
                           widget=forms.TextInput(attrs=TEXT))  # fmt: skip
    owner = forms.CharField(label="Owner", required=False, max_length=200,
                            widget=forms.TextInput(attrs=TEXT))  # fmt: skip
    partners = forms.CharField(
        label="Partners", required=False, max_length=5000,
        help_text="One partner on each line.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )  # fmt: skip
    objectives = forms.MultipleChoiceField(
        label="Objectives supported", required=False, choices=[],
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    success_measure = forms.CharField(
        label="Measure of success", required=False, max_length=5000,
        help_text="How the council will know the action is done.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )  # fmt: skip
    timescale = _select("Timescale", list(Timescale.choices))
    start = MonthField(label="Start", required=False, help_text="For example 2025-04.")
    end = MonthField(label="End", required=False, help_text="For example 2027-03.")
    cost = _select("Cost to the council", list(Rating.choices))
    carbon = _select("Carbon saving", list(Rating.choices))
    stage = _select("Stage", list(Stage.choices), blank="Not known")
    recorded_score = NumberField(
        label="Recorded score", required=False, max_digits=8, decimal_places=2,
        help_text="Only if the plan records its own score; the rule's score is worked out "
        "from timescale, cost and carbon saving.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5",
                                      "inputmode": "decimal"}),
    )  # fmt: skip
    estimated_tco2e = NumberField(
        label="Estimated tCO2e saved", required=False, max_digits=12, decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10",
                                      "inputmode": "decimal"}),
    )  # fmt: skip
    version = VersionField(min_value=0, required=False)

    def __init__(self, *args: Any, plan: Plan, action: Action | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.plan, self.action = plan, action
        self.fields["theme"].choices = [
            ("", "No theme"),
            *((t.name, t.name) for t in plan.themes.all()),  # type: ignore[attr-defined]
        ]
        self.fields["objectives"].choices = [
            (o.code, f"{o.code} {o.text}".strip())
            for o in plan.objectives.all()  # type: ignore[attr-defined]
        ]
        if action is not None:
            del self.fields["ref"]

    def clean_ref(self) -> str:
        ref = self.cleaned_data["ref"].strip()
        if self.plan.actions.filter(ref=ref).exists():  # type: ignore[attr-defined]
            raise forms.ValidationError(f"{ref} is already an action of this plan. Choose "
                                        "another reference.")  # fmt: skip
        return ref

    def values(self) -> dict[str, Any]:
        """The action's own fields, typed (the theme as a Theme, empty choices as None)."""
        d = self.cleaned_data
        theme = self.plan.themes.filter(name=d["theme"]).first() if d["theme"] else None  # type: ignore[attr-defined]
        out = {
            name: d[name] or None
            for name in ("role", "scope", "timescale", "cost", "carbon", "stage")
        }
        out |= {"title": d["title"].strip(), "lead": d["lead"].strip(),
                "owner": d["owner"].strip(), "success_measure": d["success_measure"].strip(),
                "start": d["start"], "end": d["end"],
                "recorded_score": d["recorded_score"], "estimated_tco2e": d["estimated_tco2e"],
                "theme": theme}  # fmt: skip
        return out

    def partner_names(self) -> list[str]:
        return self.cleaned_data["partners"].splitlines()

    def chosen_objectives(self) -> list[Any]:
        codes = self.cleaned_data["objectives"]
        return list(self.plan.objectives.filter(code__in=codes))  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        return {
            "title": action.title, "theme": action.theme.name if action.theme_id else "",  # type: ignore[union-attr]
            "role": action.role or "", "scope": action.scope or "", "lead": action.lead,
            "owner": action.owner, "success_measure": action.success_measure,
            "partners": "\n".join(p.name for p in action.partners.all()),
            "objectives": [o.code for o in action.objectives.all()],
            "timescale": action.timescale or "",
            "start": action.start.strftime("%Y-%m") if action.start else "",
            "end": action.end.strftime("%Y-%m") if action.end else "",
            "cost": action.cost or "", "carbon": action.carbon or "",
            "stage": action.stage or "", "recorded_score": action.recorded_score,
            "estimated_tco2e": action.estimated_tco2e, "version": action.version,
        }  # fmt: skip


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the action being withdrawn?", max_length=5000,
        help_text="Shown with the action on every page and in reports.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
    )  # fmt: skip
    on = DayField(
        label="Withdrawn on", help_text="For example 2026-11-30.",
        widget=forms.DateInput(attrs={"type": "date", **WIDTH_10}),
    )  # fmt: skip
    version = VersionField(min_value=0)


class VersionForm(forms.Form):
    version = VersionField(min_value=0)
