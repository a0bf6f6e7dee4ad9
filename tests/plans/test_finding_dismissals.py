"""Dismissing a data-quality finding: it stays listed as dismissed; a re-check and a re-import
do not raise it again unless the data it was about changes; the exports carry the dismissal
and an exported file brings it back."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pytest

from plantracker.imports.services import plan_import
from plantracker.plans import findings
from plantracker.plans.models import Finding, Plan
from plantracker.plans.services import plan_check
from plantracker.reports.exporters import export_json, export_xlsx
from tests.conftest import ORG, People


def score_finding(plan: Plan, ref: str) -> Finding:
    return plan.findings.get(ref=ref, kind=Finding.Kind.SCORE_MISMATCH)


def test_a_recheck_keeps_the_dismissal_while_the_data_is_the_same(people: People) -> None:
    plan = people.plan
    c6 = score_finding(plan, "C6")
    findings.finding_dismiss(finding=c6, reason="The committee agreed 7.5.", user=people.editor)
    plan_check(plan=plan)
    again = score_finding(plan, "C6")
    assert again.pk != c6.pk  # the check made it afresh
    assert again.dismissed and again.dismissed_reason == "The committee agreed 7.5."
    assert again.dismissed_by == people.editor
    assert not score_finding(plan, "C15").dismissed  # only the one dismissed


def test_changing_the_data_raises_it_again(people: People) -> None:
    plan = people.plan
    findings.finding_dismiss(finding=score_finding(plan, "C6"), reason="Agreed", user=people.editor)
    c6 = plan.actions.get(ref="C6")
    recorded = Decimal(c6.recorded_score)
    c6.recorded_score = recorded + 1  # still disagrees, with a different figure
    c6.save()
    plan_check(plan=plan)
    fresh = score_finding(plan, "C6")
    assert str(recorded + 1).rstrip("0").rstrip(".") in fresh.message
    assert not fresh.dismissed


def test_a_reason_is_needed_and_restoring_raises_it(people: People) -> None:
    c6 = score_finding(people.plan, "C6")
    with pytest.raises(findings.NotDismissable, match="Say why"):
        findings.finding_dismiss(finding=c6, reason="   ", user=people.editor)
    with pytest.raises(findings.NotDismissable, match="2,000"):
        findings.finding_dismiss(finding=c6, reason="x" * 2001, user=people.editor)
    findings.finding_dismiss(finding=c6, reason="Agreed", user=people.editor)
    findings.finding_restore(finding=c6)
    c6.refresh_from_db()
    assert not c6.dismissed and c6.dismissed_reason == "" and c6.dismissed_by is None


def test_a_reimport_of_the_same_file_keeps_an_import_findings_dismissal(
    people: People, tmp_path
) -> None:
    from tests.conftest import COMMUNITIES

    plan = people.plan
    imported = plan.findings.filter(origin=Finding.Origin.IMPORT).exclude(ref="").first()
    assert imported is not None, "the seed gives import findings"
    findings.finding_dismiss(finding=imported, reason="As the council wrote it", user=people.editor)
    report = plan_import(path=COMMUNITIES, plan_slug=plan.slug, organisation=ORG)
    assert report.ok, report.problems
    same = plan.findings.get(
        origin=Finding.Origin.IMPORT, ref=imported.ref, field=imported.field,
        kind=imported.kind, message=imported.message,
    )  # fmt: skip
    assert same.dismissed_reason == "As the council wrote it"


def test_the_exports_carry_the_dismissal_and_an_export_brings_it_back(
    people: People, tmp_path
) -> None:
    plan = people.plan
    imported = plan.findings.filter(origin=Finding.Origin.IMPORT).exclude(ref="").first()
    assert imported is not None
    findings.finding_dismiss(finding=imported, reason="Kept as written", user=people.editor)
    data = json.loads(export_json(plan))
    by_key = {(f["ref"], f["field"], f["kind"], f["message"]): f for f in data["findings"]}
    key = (imported.ref, imported.field, imported.kind, imported.message)
    assert by_key[key]["dismissed"]["reason"] == "Kept as written"
    c6 = score_finding(plan, "C6")
    assert by_key[("C6", c6.field, c6.kind, c6.message)]["dismissed"] is None
    assert sum(bool(f["dismissed"]) for f in data["findings"]) == 1

    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(plan)))
    rows = list(book["Findings"].iter_rows(values_only=True))
    head = list(rows[0])
    assert head[-1] == "Dismissed"
    cells = [r[head.index("Dismissed")] for r in rows[1:] if r[head.index("Dismissed")]]
    assert len(cells) == 1 and cells[0].endswith(": Kept as written")

    path = tmp_path / "export.xlsx"
    path.write_bytes(export_xlsx(plan))
    report = plan_import(path=path, plan_slug="copy", organisation=ORG)
    assert report.ok, report.problems
    copy = Plan.objects.get(slug="copy")
    brought = copy.findings.filter(dismissed_at__isnull=False)
    assert [(f.ref, f.field, f.kind, f.message, f.dismissed_reason) for f in brought] == [
        (*key, "Kept as written")
    ]
