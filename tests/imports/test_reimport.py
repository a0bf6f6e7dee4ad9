"""Importing the plan's own Excel export again is safe (issue 16, item 7): a blank update
cell never creates an update, the unchanged export changes nothing, an old export never
silently clears or reverts a value changed after it was made, and a cell the exporter cut
to fit Excel never replaces the whole text."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from openpyxl import load_workbook

from plantracker.imports import messages
from plantracker.imports.models import ImportJob
from plantracker.imports.report_text import report_lines
from plantracker.imports.services import plan_import
from plantracker.reports.exporters import export_json, export_xlsx
from plantracker.updates.models import ProgressUpdate
from tests.conftest import People, run_worker
from tests.cycle import march_published
from tests.web.test_permissions import PLAN

SLUG = "net-zero-communities"
MULTI_LINE = "Grants closed.\r\n\r\n- No further rounds;\r\n- see _x0041_ of the minutes."


def history_rows() -> dict[str, int]:
    """Rows in every django-simple-history table (actions, their links, updates, periods)."""
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m.__name__.startswith("Historical")
    }


def exported(people: People, tmp_path: Path) -> Path:
    path = tmp_path / "export.xlsx"
    path.write_bytes(export_xlsx(people.plan))
    return path


def test_a_blank_update_cell_never_creates_an_update(people: People, tmp_path: Path) -> None:
    """The bug: every action with a RAG but no March update got an empty published one."""
    people.plan.actions.update(rag="Green")
    march = march_published(people)
    path = exported(people, tmp_path)
    before = ProgressUpdate.objects.filter(period=march).count()
    report = plan_import(path=path, plan_slug=SLUG)
    assert report.ok, report.problems
    assert report.updates_created == 0
    assert ProgressUpdate.objects.filter(period=march).count() == before == 1


def test_the_unchanged_export_imported_again_changes_nothing(
    people: People, tmp_path: Path
) -> None:
    people.plan.actions.update(rag="Amber")
    march = march_published(people)
    # As a browser sends a textarea (CR LF), with a literal "_x0041_" Excel must escape.
    ProgressUpdate.objects.filter(period=march).update(narrative=MULTI_LINE)
    path = exported(people, tmp_path)
    json_before = export_json(people.plan)
    updates, history = ProgressUpdate.objects.count(), history_rows()

    report = plan_import(path=path, plan_slug=SLUG)

    assert report.ok, report.problems
    assert not report.changes_anything, report.actions
    assert not report.updates_kept  # no conflict either: the file says what the plan says
    assert ProgressUpdate.objects.count() == updates
    assert history_rows() == history
    assert json.loads(export_json(people.plan)) == json.loads(json_before)
    assert export_json(people.plan) == json_before


def test_a_period_stage_without_update_text_is_a_finding_not_an_update(
    people: People, tmp_path: Path
) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Action ID,Action,June 2024 Update,June 2024 RAG\n"
        "C1,Develop a Leicestershire climate network,,Amber\n",
        encoding="utf-8",
    )
    report = plan_import(path=path, plan_slug=SLUG, dry_run=True)
    assert report.ok, report.problems
    assert report.updates_created == 0
    [finding] = [f for f in report.findings if f.kind == "not_imported"]
    assert (finding.ref, finding.field, finding.original) == ("C1", "rag:June 2024", "Amber")
    assert finding.message == messages.UPDATE_NO_TEXT.format(
        period="June 2024", what="RAG", value="Amber"
    )
    assert finding.source == "tracker.csv, row 2"


def _backdate_history(minutes: int = 5) -> None:
    """Everything so far happened a while before the export is made."""
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_date"):
            model.objects.update(history_date=F("history_date") - timedelta(minutes=minutes))


def _edit(path: Path, changes: dict[tuple[str, str], object]) -> None:
    """Change cells of the Actions sheet, found by action reference and column heading, as
    an editor does in Excel."""
    wb = load_workbook(path)
    ws = wb["Actions"]
    heads = [c.value for c in ws[4]]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=5)}
    for (ref, heading), value in changes.items():
        rows[ref][heads.index(heading)].value = value
    wb.save(path)


def _change_in_plan_tracker(people: People, ref: str, **values: object) -> None:
    action = people.plan.actions.get(ref=ref)
    for name, value in values.items():
        setattr(action, name, value)
    action._change_reason = "Edited after the export"  # type: ignore[attr-defined]
    action.save()


def _when(report_warnings: list[str], ref: str, field: str) -> list[str]:
    return [w for w in report_warnings if w.startswith(f"{ref} {field}:")]


def test_an_old_export_keeps_values_changed_since_unless_asked_to_overwrite(
    people: People, tmp_path: Path
) -> None:
    """End to end: the old export blanks C2's lead and carries C2's old RAG, both changed in
    Plan Tracker after the export; C5's title was edited in the file only."""
    _change_in_plan_tracker(people, "C2", rag="Amber")
    march_published(people)
    _backdate_history()
    path = exported(people, tmp_path)
    _change_in_plan_tracker(people, "C2", lead="Climate team", rag="Red")
    _edit(path, {("C5", "Action"): "C5 as renamed in the file"})

    check = plan_import(path=path, plan_slug=SLUG, dry_run=True)

    assert check.ok, check.problems
    [lead] = _when(check.warnings, "C2", "lead")
    [rag] = _when(check.warnings, "C2", "rag")
    assert "the file would clear it ('Climate team' → (empty))" in lead
    assert "the file would revert it ('Red' → 'Amber')" in rag
    assert lead.endswith("(--overwrite-newer on the command line).")
    assert check.newer_values == 2
    assert [(c.ref, c.changes) for c in check.actions if c.kind == "change"] == [
        ("C5", [("title", people.plan.actions.get(ref="C5").title, "C5 as renamed in the file")])
    ]
    lines = report_lines(check)
    assert "Warnings (2), values in Plan Tracker the file would change:" in lines
    assert f"  ! {lead}" in lines

    kept = plan_import(path=path, plan_slug=SLUG)
    assert kept.committed and kept.warnings == check.warnings
    c2 = people.plan.actions.get(ref="C2")
    assert (c2.lead, c2.rag) == ("Climate team", "Red")
    assert people.plan.actions.get(ref="C5").title == "C5 as renamed in the file"

    replaced = plan_import(path=path, plan_slug=SLUG, overwrite_newer=True)
    assert replaced.committed
    assert _when(replaced.warnings, "C2", "lead")[0].endswith(
        "the file's value replaces it, as asked ('Climate team' → (empty))."
    )
    c2.refresh_from_db()
    assert (c2.lead, c2.rag) == ("", "Amber")


def test_without_the_export_time_a_file_is_imported_as_it_says(
    people: People, tmp_path: Path
) -> None:
    """A council's own sheet (no About sheet) has no export time: nothing to compare."""
    path = tmp_path / "tracker.csv"
    path.write_text("Action ID,Action,Lead\nC2,Develop an engagement plan,\n", encoding="utf-8")
    _change_in_plan_tracker(people, "C2", lead="Climate team")
    report = plan_import(path=path, plan_slug=SLUG)
    assert report.committed and not report.warnings
    assert people.plan.actions.get(ref="C2").lead == ""


def test_a_text_the_excel_export_cut_never_replaces_the_whole_text(
    people: People, tmp_path: Path
) -> None:
    long_title = "A very long action title. " * 2_000  # 52,000 characters
    long_update = "A very long update. " * 2_000
    _change_in_plan_tracker(people, "C5", title=long_title.strip())
    march = march_published(people)
    ProgressUpdate.objects.filter(period=march).update(narrative=long_update.strip())
    path = exported(people, tmp_path)
    history = history_rows()

    report = plan_import(path=path, plan_slug=SLUG)

    assert report.committed and not report.updates_kept
    assert report.warnings == [
        messages.CUT_TEXT_KEPT.format(ref="C5", field="title"),
        messages.CUT_TEXT_KEPT.format(ref="C13", field="March 2024 Update"),
    ]
    assert people.plan.actions.get(ref="C5").title == long_title.strip()
    assert ProgressUpdate.objects.get(period=march).narrative == long_update.strip()
    assert history_rows() == history


def _old_export_with_c2_changed_since(people: People, tmp_path: Path) -> Path:
    """An export of the plan, then C2's lead set in Plan Tracker: the file would clear it."""
    march_published(people)
    _backdate_history()
    path = exported(people, tmp_path)
    _change_in_plan_tracker(people, "C2", lead="Climate team")
    return path


def test_the_command_keeps_newer_values_unless_told_to_overwrite_them(
    people: People, tmp_path: Path
) -> None:
    path = _old_export_with_c2_changed_since(people, tmp_path)
    out = StringIO()
    call_command("import", str(path), "--plan", SLUG, "--dry-run", stdout=out)
    assert "Warnings (1), values in Plan Tracker the file would change:" in out.getvalue()
    assert "C2 lead: kept as it is." in out.getvalue()
    call_command("import", str(path), "--plan", SLUG, stdout=StringIO())
    assert people.plan.actions.get(ref="C2").lead == "Climate team"
    out = StringIO()
    call_command("import", str(path), "--plan", SLUG, "--overwrite-newer", stdout=out)
    assert "the file's value replaces it, as asked ('Climate team' → (empty))" in out.getvalue()
    assert people.plan.actions.get(ref="C2").lead == ""


@pytest.mark.django_db(transaction=True)
def test_the_check_page_warns_and_offers_to_overwrite(people: People, tmp_path: Path) -> None:
    path = _old_export_with_c2_changed_since(people, tmp_path)
    editor = Client()
    editor.force_login(people.editor)
    upload = SimpleUploadedFile("old-export.xlsx", path.read_bytes())
    editor.post(f"{PLAN}/import/", {"file": upload, "check_only": "on"})
    run_worker()
    check = ImportJob.objects.get()
    page = editor.get(f"{PLAN}/imports/{check.pk}/").content.decode()
    assert "C2 lead: kept as it is." in page
    assert "Overwrite values changed since the export" in page

    editor.post(f"{PLAN}/imports/{check.pk}/")  # the box left unticked
    run_worker()
    assert people.plan.actions.get(ref="C2").lead == "Climate team"

    editor.post(f"{PLAN}/imports/{check.pk}/", {"overwrite_newer": "yes"})
    run_worker()
    assert people.plan.actions.get(ref="C2").lead == ""
    done = ImportJob.objects.filter(check_only=False).order_by("id")
    assert [j.options.get("overwrite_newer", False) for j in done] == [False, True]
    assert all(j.status == "done" for j in done)


@pytest.mark.django_db(transaction=True)
def test_the_check_page_offers_no_overwrite_when_nothing_is_newer(
    people: People, tmp_path: Path
) -> None:
    march_published(people)
    path = exported(people, tmp_path)
    editor = Client()
    editor.force_login(people.editor)
    upload = SimpleUploadedFile("export.xlsx", path.read_bytes())
    editor.post(f"{PLAN}/import/", {"file": upload, "check_only": "on"})
    run_worker()
    page = editor.get(f"{PLAN}/imports/{ImportJob.objects.get().pk}/").content.decode()
    assert "Import this file" in page and "Warnings (" not in page
    assert "Overwrite values changed since the export" not in page


def test_a_draft_update_changed_since_the_export_is_kept(people: People, tmp_path: Path) -> None:
    """A draft in a published period (returned after publishing, say) is one an import may
    change; one written after the export is kept unless the editor asks to overwrite it."""
    march = march_published(people)
    _backdate_history()
    path = exported(people, tmp_path)
    c13 = ProgressUpdate.objects.get(period=march)
    c13.status, c13.narrative = "draft", "Rewritten after the export."
    c13.save()

    kept = plan_import(path=path, plan_slug=SLUG)
    assert kept.committed and not kept.updates_changed
    [line] = _when(kept.warnings, "C13", "March 2024 Update")
    assert "the file would revert it ('Rewritten after the export.' → " in line
    assert ProgressUpdate.objects.get(pk=c13.pk).narrative == "Rewritten after the export."

    replaced = plan_import(path=path, plan_slug=SLUG, overwrite_newer=True)
    assert replaced.updates_changed == ["C13 (March 2024)"]
    assert ProgressUpdate.objects.get(pk=c13.pk).narrative.startswith("The SHIRE environment")
