"""An action's own pages: an editor adds an action, edits it, withdraws and restores it; a
page older than the last save is refused with what changed; only an action never published
can be deleted, by the organisation's administrator. Every change is in the history."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from plantracker.plans import editing, selectors
from plantracker.plans.models import Action
from plantracker.updates.models import ReportingPeriod
from tests.conftest import People

PLAN = "/plans/net-zero-communities"


def published(people: People) -> None:
    from plantracker.plans.models import Plan

    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


def form_of(client: Client, url: str) -> dict[str, object]:
    """The edit form as the page fills it in."""
    form = client.get(url).context["form"]
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    return data


@pytest.mark.django_db
def test_an_editor_adds_an_action(people: People) -> None:
    editor = signed_in(people.editor)
    page = editor.get(f"{PLAN}/add-action/")
    assert page.status_code == 200
    suggested = page.context["form"].initial["ref"]
    assert not people.plan.actions.filter(ref=suggested).exists()
    assert f'href="{PLAN}/add-action/"' in editor.get(f"{PLAN}/").content.decode()

    taken = editor.post(f"{PLAN}/add-action/", {"ref": "C13", "title": "Again"})
    assert taken.status_code == 400
    assert "C13 is already an action of this plan" in taken.content.decode()

    theme = people.plan.themes.first()
    response = editor.post(f"{PLAN}/add-action/", {
        "ref": "C99", "title": "Insulate the depot", "theme": theme.name, "lead": "Estates",
        "partners": "Parish council\nParish council\nSchools", "timescale": "S", "cost": "L",
        "carbon": "H", "start": "2026-04", "end": "2027-03",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"{PLAN}/actions/C99/"
    action = Action.objects.get(plan=people.plan, ref="C99")
    assert (action.title, action.theme, action.lead) == ("Insulate the depot", theme, "Estates")
    assert sorted(action.partners.values_list("name", flat=True)) == ["Parish council", "Schools"]
    assert action.start == date(2026, 4, 1) and action.score is not None
    record = action.history.earliest("history_date")
    assert (record.history_user, record.history_change_reason) == (
        people.editor, "Added on its page"
    )  # fmt: skip


@pytest.mark.django_db
def test_an_editor_changes_the_lead_and_end_date(people: People) -> None:
    editor = signed_in(people.editor)
    url = f"{PLAN}/actions/C13/edit/"
    data = form_of(editor, url) | {"lead": "Sustainability team", "end": "2028-03"}
    response = editor.post(url, data)
    assert response.status_code == 302
    action = Action.objects.get(plan=people.plan, ref="C13")
    assert (action.lead, action.end, action.version) == (
        "Sustainability team", date(2028, 3, 1), 1
    )  # fmt: skip
    latest = action.history.latest("history_date")
    assert latest.history_user == people.editor
    assert latest.history_change_reason == "Changed on its page: Lead, End"
    published(people)
    page = Client().get(f"{PLAN}/actions/C13/").content.decode()  # the public sees it
    assert "Sustainability team" in page and "Mar 2028" in page

    unchanged = editor.post(url, form_of(editor, url))
    assert unchanged.status_code == 302
    assert Action.objects.get(pk=action.pk).version == 1  # nothing to save, nothing written


@pytest.mark.django_db
def test_a_page_older_than_the_last_save_is_refused_with_what_changed(people: People) -> None:
    url = f"{PLAN}/actions/C13/edit/"
    mine = signed_in(people.editor)
    theirs = signed_in(people.admin)
    stale = form_of(mine, url)
    assert theirs.post(url, form_of(theirs, url) | {"lead": "Highways"}).status_code == 302

    refused = mine.post(url, stale | {"title": "My new title"})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Someone else changed this action" in page
    assert "adam changed this action while you were editing it" in page
    assert "Highways" in page  # what they changed, shown
    action = Action.objects.get(plan=people.plan, ref="C13")
    assert action.lead == "Highways" and action.title != "My new title"
    assert refused.context["form"]["version"].value() == str(action.version)


@pytest.mark.django_db
def test_withdraw_keeps_the_action_out_of_counts_and_restore_brings_it_back(
    people: People,
) -> None:
    editor = signed_in(people.editor)
    before = selectors.plan_summary(plan=people.plan).total
    refused = editor.post(f"{PLAN}/actions/C13/withdraw/", {"version": "0", "on": "2026-11-30"})
    assert refused.status_code == 400 and "Why is the action being withdrawn" in (
        refused.content.decode()
    )  # fmt: skip
    editor.post(f"{PLAN}/actions/C13/withdraw/",
                {"reason": "Merged into C1", "on": "2026-11-30", "version": "0"})  # fmt: skip
    action = Action.objects.get(plan=people.plan, ref="C13")
    assert action.withdrawn and action.withdrawn_reason == "Merged into C1"
    summary = selectors.plan_summary(plan=people.plan)
    assert (summary.total, summary.withdrawn) == (before - 1, 1)
    published(people)
    public = Client().get(f"{PLAN}/actions/C13/").content.decode()
    assert "Withdrawn" in public and "Merged into C1" in public
    listed = Client().get(f"{PLAN}/actions/?q=C13").content.decode()
    assert "Withdrawn" in listed

    editor.post(f"{PLAN}/actions/C13/restore/", {"version": str(action.version)})
    action.refresh_from_db()
    assert not action.withdrawn and action.withdrawn_reason == ""
    assert selectors.plan_summary(plan=people.plan).total == before
    reasons = list(action.history.values_list("history_change_reason", flat=True))
    assert "Withdrawn" in reasons and "Restored" in reasons


@pytest.mark.django_db
def test_only_an_action_never_published_can_be_deleted(people: People) -> None:
    admin = signed_in(people.admin)
    admin.post(f"{PLAN}/add-action/", {"ref": "C98", "title": "A mistake"})
    assert "delete it instead" in admin.get(f"{PLAN}/actions/C98/withdraw/").content.decode()
    assert signed_in(people.editor).post(f"{PLAN}/actions/C98/delete/").status_code == 403
    admin.post(f"{PLAN}/actions/C98/delete/")
    assert not Action.objects.filter(plan=people.plan, ref="C98").exists()

    ReportingPeriod.objects.create(
        plan=people.plan, label="March 2099", slug="march-2099",
        status=ReportingPeriod.Status.PUBLISHED, published_at="2099-03-31T12:00Z",
    )  # fmt: skip
    admin.post(f"{PLAN}/actions/C13/delete/")
    assert Action.objects.filter(plan=people.plan, ref="C13").exists()  # published: kept


@pytest.mark.django_db
def test_the_change_report_and_committee_report_list_a_withdrawn_action(people: People) -> None:
    from plantracker.reports.committee import change_table, committee_report
    from tests.cycle import march

    action = Action.objects.get(plan=people.plan, ref="C2")
    editing.action_withdraw(action=action, reason="Merged into C1", on=date(2026, 11, 30),
                            version=action.version, user=people.editor)  # fmt: skip
    editor = signed_in(people.editor)
    page = editor.get(f"{PLAN}/changes/?from=december-2023&to=now").content.decode()
    assert "Withdrawn</h2>" in page and "withdrawn on 2026-11-30 — Merged into C1" in page

    report = committee_report(people.plan, march(people))
    assert sum(n for _, n in report.stage_totals) == people.plan.actions.count() - 1
    lines = {c.ref: c.rows for c in change_table(report.changes)}
    assert lines["C2"] == [("Withdrawn", "", "30 November 2026: Merged into C1", "")]
