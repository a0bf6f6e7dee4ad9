"""Imports respect the workflow (issue 15, finding 2): an import never changes an update that
is submitted, approved or published. It lists each one as a conflict in the check — dry run,
command line and the web job's page — and leaves it. An update it may change (a draft) gets a
new version and a history row, so a form drawn before the import is refused as a conflict."""

from __future__ import annotations

import csv
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from plantracker.imports import messages
from plantracker.imports.models import ImportJob
from plantracker.imports.report_text import report_lines
from plantracker.imports.services import plan_import
from plantracker.updates import services
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from tests.conftest import People, run_worker
from tests.cycle import c13_update, march, seed_row
from tests.web.test_permissions import PLAN

SLUG = "net-zero-communities"
FILE = "tracker-march.csv"


def imported(ref: str) -> str:
    return f"Text for {ref} from the council's spreadsheet."


def tracker_csv() -> bytes:
    """C1, C2 and C13 with a March 2024 update each; C13's December update rewritten."""
    out = io.StringIO()
    rows = csv.writer(out)
    rows.writerow(["Action ID", "Action", "December 2023 Update", "March 2024 Update"])
    for ref in ("C1", "C2", "C13"):
        seed = seed_row(ref)
        december = seed["December 2023 Update"]
        if ref == "C13":
            december = "December's published text, swapped in afterwards."
        rows.writerow([ref, seed["Action"], december, imported(ref)])
    return out.getvalue().encode("utf-8")


def kept(ref: str, period: str, status: str) -> str:
    return messages.UPDATE_KEPT.format(ref=ref, period=period, status=status)


CONFLICTS = [
    kept("C1", "March 2024", "approved"),
    kept("C13", "December 2023", "published"),
    kept("C13", "March 2024", "submitted"),
]


def open_cycle(people: People) -> ReportingPeriod:
    """March 2024 open: C13 submitted, C1 approved, C2 a draft written by the editor."""
    period = march(people)
    c13_update(people, period)
    c1 = services.update_write(
        action=people.plan.actions.get(ref="C1"),
        period=period,
        user=people.other_contributor,
        data=services.UpdateInput(narrative="C1 as approved."),
        version=0,
        submit=True,
    )
    services.update_review(update=c1, user=people.approver, approve=True, version=c1.version)
    services.update_write(
        action=people.plan.actions.get(ref="C2"),
        period=period,
        user=people.editor,
        data=services.UpdateInput(narrative="C2 draft."),
        version=0,
    )
    return period


def state() -> dict[tuple[str, str], tuple[str, str, int]]:
    rows = ProgressUpdate.objects.filter(action__ref__in=["C1", "C2", "C13"])
    return {
        (u.action.ref, u.period.label): (u.narrative, u.status, u.version)
        for u in rows.select_related("action", "period")
    }


def assert_imported_only_the_draft(before: dict, importer: str) -> None:
    after = state()
    assert after[("C2", "March 2024")] == (imported("C2"), "draft", 2)
    assert {k: v for k, v in after.items() if k != ("C2", "March 2024")} == {
        k: v for k, v in before.items() if k != ("C2", "March 2024")
    }
    c2 = ProgressUpdate.objects.get(action__ref="C2", period__label="March 2024")
    record = c2.history.order_by("-history_date").first()
    assert record is not None and (record.narrative, record.version) == (imported("C2"), 2)
    assert record.history_change_reason == f"Imported from {importer}"


def assert_stale_save_is_a_conflict(people: People, period: ReportingPeriod) -> None:
    """The editor's form was drawn before the import (version 1): the save is refused."""
    c2 = people.plan.actions.get(ref="C2")
    with pytest.raises(services.Conflict) as refused:
        services.update_write(
            action=c2,
            period=period,
            user=people.editor,
            data=services.UpdateInput(narrative="From a tab opened before the import."),
            version=1,
        )
    assert ("narrative", "C2 draft.", imported("C2")) in [
        (c.field, c.old, c.new) for c in refused.value.theirs
    ]
    editor = Client()
    editor.force_login(people.editor)
    page = editor.post(
        f"{PLAN}/actions/C2/updates/{period.slug}/",
        {"narrative": "From a tab opened before the import.", "version": "1"},
    ).content.decode()
    assert "Someone else changed this update" in page
    assert state()[("C2", "March 2024")] == (imported("C2"), "draft", 2)


@pytest.mark.django_db
def test_service_import_keeps_submitted_approved_and_published_updates(
    people: People, tmp_path: Path
) -> None:
    period = open_cycle(people)
    before = state()
    path = tmp_path / FILE
    path.write_bytes(tracker_csv())

    check = plan_import(path=path, plan_slug=SLUG, dry_run=True)
    assert check.ok, check.problems
    assert check.updates_changed == ["C2 (March 2024)"]
    assert sorted(check.updates_kept) == CONFLICTS
    assert state() == before

    done = plan_import(path=path, plan_slug=SLUG)
    assert done.committed and sorted(done.updates_kept) == CONFLICTS
    assert_imported_only_the_draft(before, FILE)
    assert_stale_save_is_a_conflict(people, period)

    again = plan_import(path=path, plan_slug=SLUG)  # the same file again: C2 is now the same
    assert again.updates_changed == [] and sorted(again.updates_kept) == CONFLICTS
    assert report_lines(again)[-1] == "Nothing changed: the conflicts above were left as they are."
    assert state()[("C2", "March 2024")] == (imported("C2"), "draft", 2)


@pytest.mark.django_db
def test_an_update_saved_while_importing_is_kept(people: People, tmp_path: Path) -> None:
    period = open_cycle(people)
    path = tmp_path / FILE
    path.write_bytes(tracker_csv())
    c2 = people.plan.actions.get(ref="C2")

    def save_meanwhile(done: int, total: int) -> None:  # after the check, before the write
        if done == 1:
            services.update_write(
                action=c2,
                period=period,
                user=people.editor,
                data=services.UpdateInput(narrative="Saved during the import."),
                version=1,
            )

    report = plan_import(path=path, plan_slug=SLUG, progress=save_meanwhile)
    assert report.committed and report.updates_changed == []
    assert messages.UPDATE_SAVED_MEANWHILE.format(ref="C2", period="March 2024") in (
        report.updates_kept
    )
    assert state()[("C2", "March 2024")] == ("Saved during the import.", "draft", 2)


@pytest.mark.django_db
def test_command_line_import_lists_the_conflicts(people: People, tmp_path: Path) -> None:
    period = open_cycle(people)
    before = state()
    path = tmp_path / FILE
    path.write_bytes(tracker_csv())

    out = StringIO()
    call_command("import", str(path), "--plan", SLUG, "--dry-run", stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    assert "Updates: 0 new, 1 changed, 3 left as they are" in lines
    assert "  ~ C2 (March 2024)" in lines
    assert "Conflicts (3), updates not imported:" in lines
    assert all(f"  ≠ {c}" in lines for c in CONFLICTS)
    assert state() == before

    out = StringIO()
    call_command("import", str(path), "--plan", SLUG, stdout=out, stderr=StringIO())
    assert all(f"  ≠ {c}" in out.getvalue().splitlines() for c in CONFLICTS)
    assert_imported_only_the_draft(before, FILE)
    assert_stale_save_is_a_conflict(people, period)


@pytest.mark.django_db(transaction=True)
def test_web_import_job_lists_the_conflicts(people: People) -> None:
    period = open_cycle(people)
    before = state()
    editor = Client()
    editor.force_login(people.editor)
    upload = SimpleUploadedFile(FILE, tracker_csv(), content_type="text/csv")
    editor.post(f"{PLAN}/import/", {"file": upload, "check_only": "on"})
    run_worker()
    check = ImportJob.objects.get()
    assert check.status == "done" and state() == before
    page = editor.get(f"{PLAN}/imports/{check.pk}/").content.decode()
    assert "Conflicts (3), updates not imported:" in page
    for conflict in CONFLICTS:
        assert f"  ≠ {conflict}" in check.lines
        assert conflict.replace("'", "&#x27;") in page

    editor.post(f"{PLAN}/imports/{check.pk}/")
    run_worker()
    done = ImportJob.objects.exclude(pk=check.pk).get()
    assert done.status == "done"
    assert all(f"  ≠ {c}" in done.lines for c in CONFLICTS)
    assert_imported_only_the_draft(before, FILE)
    assert_stale_save_is_a_conflict(people, period)
