"""The forms of a risk register's pages: the register and its matrix, a risk, close and reopen.
They turn what was typed into values; risks.services decides what is saved."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from plantracker.core.models import Organisation
from plantracker.risks import services
from plantracker.risks.matrix import METHOD_TEXT, Band, Matrix, Method
from plantracker.risks.models import Risk, RiskRegister

from .fields import DayField, RecordField, RecordsField, VersionField

TEXT = {"class": "govuk-input"}
WIDTH_10 = {"class": "govuk-input govuk-input--width-10"}
AREA = {"rows": 3, "class": "govuk-textarea"}
_BAND = re.compile(r"^(?P<name>.*?)[\s:]+(?P<low>[0-9]+)\s*(?:-|–|—|to)\s*(?P<high>[0-9]+)$")


def parse_bands(text: str) -> tuple[list[Band], list[str]]:
    """'Low 1-4' on each line → bands, and the lines that could not be read."""
    bands, bad = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        m = _BAND.match(line)
        if m is None or not m["name"].strip(" :-–"):
            bad.append(line)
            continue
        bands.append(Band(m["name"].strip(" :-–"), int(m["low"]), int(m["high"])))
    return bands, bad


def bands_text(bands: list[dict[str, Any]]) -> str:
    return "\n".join(f"{b['name']} {b['low']}-{b['high']}" for b in bands)


class RegisterForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300, widget=forms.TextInput(attrs=TEXT))
    plan = RecordField(
        label="Plan", required=False, queryset=None, empty_label="None: the organisation's own",
        help_text="A register kept for one plan is private while the plan is a draft.",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )  # fmt: skip
    scale = forms.TypedChoiceField(
        label="Scale", coerce=int, choices=[(s, f"1 to {s}") for s in services.SCALES],
        help_text="Impact and likelihood are each scored on this scale.",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )  # fmt: skip
    method = forms.ChoiceField(
        label="How the score is worked out",
        choices=[(m.value, METHOD_TEXT[m].capitalize()) for m in Method],
        widget=forms.RadioSelect,
    )  # fmt: skip
    highest = forms.ChoiceField(
        label="Which end of the scale is the highest risk",
        choices=[("top", "The highest number (for example 5)"), ("one", "1")],
        widget=forms.RadioSelect,
    )  # fmt: skip
    bands = forms.CharField(
        label="Bands", max_length=2000,
        help_text="One band on each line: its name, then its lowest and highest score, for "
        "example “Low 1-4”. The heat map colours bands from the lowest to the highest.",
        widget=forms.Textarea(attrs={"rows": 5, "class": "govuk-textarea"}),
    )  # fmt: skip
    version = VersionField(min_value=0, required=False)

    def __init__(
        self, *args: Any, organisation: Organisation, register: RiskRegister | None = None,
        **kw: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kw)
        self.register = register
        self.fields["plan"].queryset = organisation.plans.order_by("title")  # type: ignore[attr-defined]
        if register is not None:
            del self.fields["plan"]

    @staticmethod
    def initial_for(register: RiskRegister | None) -> dict[str, Any]:
        if register is None:
            return {"scale": 5, "method": Method.PRODUCT.value, "highest": "top",
                    "bands": "Low 1-4\nMedium 5-12\nHigh 15-25"}  # fmt: skip
        return {
            "title": register.title, "scale": register.scale, "method": register.method,
            "highest": "one" if register.one_is_highest else "top",
            "bands": bands_text(register.bands), "version": register.version,
        }  # fmt: skip

    def clean_bands(self) -> list[Band]:
        bands, bad = parse_bands(self.cleaned_data["bands"])
        if bad:
            raise forms.ValidationError(
                "Write each band as its name, then its lowest and highest score, for example "
                f"“Low 1-4”. Could not read: {'; '.join(bad)[:300]}"
            )
        return bands

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if "scale" in d and "method" in d and "bands" in d:
            for problem in services.check_bands(d["scale"], d["method"], d["bands"]):
                self.add_error("bands", problem)
        return d

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"title": d["title"], "scale": d["scale"], "method": d["method"],
                "one_is_highest": d["highest"] == "one", "bands": d["bands"]}  # fmt: skip

    def matrix(self) -> Matrix:
        v = self.values()
        return Matrix(v["scale"], Method(v["method"]), v["one_is_highest"], tuple(v["bands"]))


def _score(label: str, scale: int) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, required=False, coerce=int, empty_value=None,
        choices=[("", "Not assessed"), *((n, str(n)) for n in range(1, scale + 1))],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )  # fmt: skip


class RiskForm(forms.Form):
    ref = forms.CharField(
        label="Reference", max_length=30,
        help_text="How the register refers to the risk, for example R12.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )  # fmt: skip
    title = forms.CharField(label="Risk", max_length=5000,
                            help_text="What might happen, in a sentence or two.",
                            widget=forms.Textarea(attrs=AREA))  # fmt: skip
    owner = forms.CharField(label="Owner", required=False, max_length=200,
                            widget=forms.TextInput(attrs=TEXT))  # fmt: skip
    causes = forms.CharField(label="Causes", required=False, max_length=10000,
                             widget=forms.Textarea(attrs=AREA))  # fmt: skip
    consequences = forms.CharField(label="Consequences", required=False, max_length=10000,
                                   widget=forms.Textarea(attrs=AREA))  # fmt: skip
    impact = _score("Inherent impact", 5)
    likelihood = _score("Inherent likelihood", 5)
    controls = forms.CharField(label="Controls", required=False, max_length=10000,
                               help_text="What is in place now to reduce the risk.",
                               widget=forms.Textarea(attrs=AREA))  # fmt: skip
    residual_impact = _score("Residual impact", 5)
    residual_likelihood = _score("Residual likelihood", 5)
    further_actions = forms.CharField(label="Further actions", required=False, max_length=10000,
                                      widget=forms.Textarea(attrs=AREA))  # fmt: skip
    review_date = DayField(
        label="Review date", required=False, help_text="For example 2027-03-31.",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", **WIDTH_10}),
    )  # fmt: skip
    actions = RecordsField(
        label="Linked actions", required=False, queryset=None,
        help_text="Actions of the organisation's plans that reduce this risk.",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    version = VersionField(min_value=0, required=False)

    def __init__(self, *args: Any, register: RiskRegister, risk: Risk | None = None,
                 **kw: Any) -> None:  # fmt: skip
        super().__init__(*args, **kw)
        self.register, self.risk = register, risk
        for name in ("impact", "likelihood", "residual_impact", "residual_likelihood"):
            self.fields[name] = _score(self.fields[name].label or name, register.scale)
        actions = self.fields["actions"]
        actions.queryset = services.linkable_actions(register)  # type: ignore[attr-defined]
        actions.label_from_instance = lambda a: f"{a.ref} {a.title[:90]} ({a.plan.title})"  # type: ignore[attr-defined]
        if risk is not None:
            del self.fields["ref"]

    def clean_ref(self) -> str:
        ref = self.cleaned_data["ref"].strip()
        if ref.lower() in services.RESERVED_REFS or "/" in ref:
            raise forms.ValidationError(f"“{ref}” cannot be a risk's reference. Choose another, "
                                        "for example R12.")  # fmt: skip
        if self.register.risks.filter(ref=ref).exists():  # type: ignore[attr-defined]
            raise forms.ValidationError(f"{ref} is already a risk of this register. Choose "
                                        "another reference.")  # fmt: skip
        return ref

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        for a, b in (("impact", "likelihood"), ("residual_impact", "residual_likelihood")):
            if a in d and b in d and (d[a] is None) != (d[b] is None):
                missing = b if d[b] is None else a
                self.add_error(missing, f"Choose the {services.LABELS[missing].lower()} too, "
                                        "or neither.")  # fmt: skip
        return d

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {name: d[name] for name in services.LABELS}

    def chosen_actions(self) -> list[Any]:
        return list(self.cleaned_data["actions"])

    @staticmethod
    def initial_for(risk: Risk) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(risk, name) for name in services.LABELS}
        out["actions"] = [a.pk for a in risk.actions.all()]
        out["version"] = risk.version
        return out


class RiskStatusForm(forms.Form):
    """Close or reopen a risk: the version the page showed."""

    version = VersionField(min_value=0)
