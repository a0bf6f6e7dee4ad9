"""Importing the plan's own Excel export again is safe (issue 16, item 7): a blank update
cell never creates an update, the unchanged export changes nothing, an old export never
silently clears or reverts a value changed after it was made, and a cell the exporter cut
to fit Excel never replaces the whole text."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps

from plantracker.imports import messages
from plantracker.imports.services import plan_import
from plantracker.reports.exporters import export_json, export_xlsx
from plantracker.updates.models import ProgressUpdate
from tests.conftest import People
from tests.cycle import march_published

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
