"""The plan page's findings for editors: each links to the form field that fixes it; an
editor dismisses one with a reason, sees it listed as dismissed, and can raise it again."""

from __future__ import annotations

from django.test import Client

from plantracker.plans.models import Finding
from tests.conftest import People

PLAN = "/plans/net-zero-communities"


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_each_finding_links_to_the_field_that_fixes_it(people: People) -> None:
    page = signed_in(people.editor).get(f"{PLAN}/").content.decode()
    c6 = people.plan.findings.get(ref="C6", kind=Finding.Kind.SCORE_MISMATCH)
    assert f'href="{PLAN}/actions/C6/edit/#id_recorded_score"' in page
    assert f'href="{PLAN}/findings/{c6.pk}/dismiss/"' in page
    # the anchor is a field of the edit page
    edit = signed_in(people.editor).get(f"{PLAN}/actions/C6/edit/").content.decode()
    assert 'id="id_recorded_score"' in edit
    # every finding of an action in the plan, or of the plan itself, has a Fix link
    in_plan = set(people.plan.actions.values_list("ref", flat=True))
    fixable = [f for f in people.plan.findings.all() if f.ref in in_plan or not f.ref]
    assert page.count(">Fix<span") == len(fixable) > 0
    assert page.count(">Dismiss<span") == people.plan.findings.count()


def test_an_editor_dismisses_a_finding_and_it_stays_listed(people: People) -> None:
    editor = signed_in(people.editor)
    c6 = people.plan.findings.get(ref="C6", kind=Finding.Kind.SCORE_MISMATCH)
    url = f"{PLAN}/findings/{c6.pk}/dismiss/"
    form = editor.get(url)
    assert form.status_code == 200 and c6.message in form.content.decode()

    refused = editor.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "Say why nothing needs changing" in refused.content.decode()

    done = editor.post(url, {"reason": "The committee agreed 7.5."}, follow=True)
    page = done.content.decode()
    assert "Dismissed findings" in page and "The committee agreed 7.5." in page
    assert "1 finding" not in page or "to look at" in page
    c6.refresh_from_db()
    assert c6.dismissed and c6.dismissed_by == people.editor

    # the action's page says it was dismissed
    action = editor.get(f"{PLAN}/actions/C6/").content.decode()
    assert "Dismissed" in action and "The committee agreed 7.5." in action

    # raise it again
    editor.post(f"{PLAN}/findings/{c6.pk}/restore/")
    c6.refresh_from_db()
    assert not c6.dismissed


def test_counts_leave_out_dismissed_findings(people: People) -> None:
    editor = signed_in(people.editor)
    before = people.plan.findings.count()
    c6 = people.plan.findings.get(ref="C6", kind=Finding.Kind.SCORE_MISMATCH)
    editor.post(f"{PLAN}/findings/{c6.pk}/dismiss/", {"reason": "Agreed"})
    page = editor.get(f"{PLAN}/").content.decode()
    assert f"{before - 1} finding" in page


def test_a_finding_of_another_plan_is_not_found(people: People) -> None:
    other = people.other_plan.findings.create(
        ref="X1", field="start", kind="missing_start", message="m", origin="check"
    )
    editor = signed_in(people.editor)
    assert editor.get(f"{PLAN}/findings/{other.pk}/dismiss/").status_code == 404
    assert editor.post(f"{PLAN}/findings/{other.pk}/restore/").status_code == 404
