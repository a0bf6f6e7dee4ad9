"""The organisation settings form: how the council appears on its reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from plantracker.core import uploads
from plantracker.core.organisation_settings import SettingsInput, Upload
from plantracker.reports.brand import Brand

COMMITTEES_MAX = 50  # lines
COMMITTEE_MAX_CHARS = 200
BOTH = "Either upload a new {what} or remove the one you have, not both."
CHECKBOX = {"class": "govuk-checkboxes__input"}


class OrganisationSettingsForm(forms.Form):
    report_name = forms.CharField(
        label="Name on reports",
        max_length=200,
        required=False,
        help_text="As it should appear on reports, for example Hinckley & Bosworth Borough "
        "Council. Leave it empty to use the organisation's name.",
        widget=forms.TextInput(attrs={"class": "govuk-input", "autocomplete": "organization"}),
    )
    logo = forms.FileField(
        label="Logo",
        required=False,
        help_text="A PNG or SVG file of 512 KB or less, shown at the top of every report. "
        "An SVG must not contain scripts or links.",
        widget=forms.FileInput(
            attrs={"class": "govuk-file-upload", "accept": ".png,.svg,image/png,image/svg+xml"}
        ),
    )
    remove_logo = forms.BooleanField(
        label="Remove the logo", required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )
    committees = forms.CharField(
        label="Committees",
        required=False,
        max_length=5000,
        help_text="The committees reports go to, one on each line.",
        widget=forms.Textarea(attrs={"rows": 4, "class": "govuk-textarea"}),
    )
    word_template = forms.FileField(
        label="Word template",
        required=False,
        help_text="A Word document (.docx) or template (.dotx) of 5 MB or less whose styles "
        "(fonts, headings, colours) Word reports use.",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ".docx,.dotx"}),
    )
    remove_template = forms.BooleanField(
        label="Remove the Word template",
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def _file(self, field: str, what: str, limit: int, advice: str) -> Upload | None:
        """The uploaded file, read once its size is known to be within the limit."""
        file = self.cleaned_data.get(field)
        if not isinstance(file, UploadedFile):
            return None
        try:
            uploads.check_size(what, file.size or 0, limit, advice)
        except uploads.Refused as exc:
            raise forms.ValidationError(str(exc)) from None
        file.seek(0)
        return Upload(file.name or "", file.read(limit + 1))

    def _checked(self, upload: Upload | None, check: Any) -> Upload | None:
        if upload is not None:
            try:
                check(upload.name, upload.data)
            except uploads.Refused as exc:
                raise forms.ValidationError(str(exc)) from None
        return upload

    def clean_logo(self) -> Upload | None:
        upload = self._file("logo", "The logo", uploads.LOGO_MAX_BYTES, uploads.LOGO_TOO_BIG)
        upload = self._checked(upload, uploads.check_logo)
        if upload is not None and upload.name.lower().endswith(".svg"):
            try:  # Word and Excel draw an SVG logo as a picture: it must draw
                Brand("", upload.data, True).logo_png  # noqa: B018
            except Exception:  # vl_convert's own errors
                raise forms.ValidationError(uploads.LOGO_BAD_SVG) from None
        return upload

    def clean_word_template(self) -> Upload | None:
        upload = self._file("word_template", "The Word template", uploads.TEMPLATE_MAX_BYTES,
                            uploads.TEMPLATE_TOO_BIG)  # fmt: skip
        return self._checked(upload, uploads.check_word_template)

    def clean_committees(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["committees"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > COMMITTEES_MAX:
            raise forms.ValidationError(f"List up to {COMMITTEES_MAX} committees.")
        long = next((line for line in lines if len(line) > COMMITTEE_MAX_CHARS), None)
        if long is not None:
            raise forms.ValidationError(
                f"Keep each committee name to {COMMITTEE_MAX_CHARS} characters or fewer "
                f"(one has {len(long)})."
            )
        return "\n".join(lines)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for upload, remove, what in (
            ("logo", "remove_logo", "logo"),
            ("word_template", "remove_template", "Word template"),
        ):
            if data.get(upload) is not None and data.get(remove):
                self.add_error(upload, BOTH.format(what=what))
        return data

    def values(self) -> SettingsInput:
        d = self.cleaned_data
        return SettingsInput(
            report_name=d["report_name"],
            committees=d["committees"],
            logo=d["logo"],
            remove_logo=d["remove_logo"],
            word_template=d["word_template"],
            remove_template=d["remove_template"],
        )
