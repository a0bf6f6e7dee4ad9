"""Saving an organisation's settings: its name on reports, committees, logo and Word
template. Files go to the default storage (the server's disk or S3: settings.STORAGES); a
file replaced or removed is deleted from storage once the change is saved."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from . import uploads
from .models import Organisation


@dataclass(frozen=True)
class Upload:
    """A file as sent, already read (uploads are small: core.uploads limits them)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SettingsInput:
    report_name: str
    committees: str
    logo: Upload | None = None
    remove_logo: bool = False
    word_template: Upload | None = None
    remove_template: bool = False


def _replace(field: FieldFile, upload: Upload | None, remove: bool, name: str) -> str | None:
    """Put the new file in place (or take the old one away); returns the old file's name
    to delete once saved, or None when nothing changed."""
    old = field.name or None
    if upload is not None:
        field.save(name, ContentFile(upload.data), save=False)
        return old or ""
    if remove and old:
        field.name = ""
        return old
    return None


def organisation_settings_save(
    *, organisation: Organisation, user: Any, values: SettingsInput
) -> list[str]:
    """Save the settings; returns what changed, in words ("the logo", …), empty when
    nothing did. The files must have passed core.uploads' checks."""
    if values.logo is not None:
        uploads.check_logo(values.logo.name, values.logo.data)
    if values.word_template is not None:
        uploads.check_word_template(values.word_template.name, values.word_template.data)
    changed = []
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        committees = "\n".join(
            line.strip() for line in values.committees.splitlines() if line.strip()
        )
        for field, value, said in (
            ("report_name", values.report_name.strip(), "the name on reports"),
            ("committees", committees, "the committees"),
        ):
            if getattr(organisation, field) != value:
                setattr(organisation, field, value)
                changed.append(said)
        stem = organisation.slug[:40]
        gone = []
        for field, upload, remove, said in (
            (organisation.logo, values.logo, values.remove_logo, "the logo"),
            (organisation.word_template, values.word_template, values.remove_template,
             "the Word template"),
        ):  # fmt: skip
            ending = upload.name.rsplit(".", 1)[-1].lower() if upload else ""
            old = _replace(field, upload, remove, f"{stem}-{said.split()[-1]}.{ending}")
            if old is not None:
                changed.append(said)
                if old:
                    gone.append((field.storage, old))
        if changed:
            organisation.save()
            transaction.on_commit(lambda: _delete(gone))
    return changed


def _delete(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        with contextlib.suppress(OSError):  # already gone: nothing to tidy
            storage.delete(name)
