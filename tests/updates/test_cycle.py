"""A reporting cycle end to end through the services: the issue's must-show scenario."""

import pytest

from plantracker.updates import services
from plantracker.updates.changes import compare
from plantracker.updates.models import ProgressUpdate, UpdateEvent
from plantracker.updates.snapshots import build, snapshot_data
from plantracker.updates.workflow import Status
from tests.conftest import People
from tests.cycle import NEW_TEXT, REASON, c13_update, march, publish, seed_row


@pytest.mark.django_db
def test_imported_december_2023_is_published_and_frozen(people: People) -> None:
    dec = people.plan.periods.get()
    assert (dec.label, dec.status) == ("December 2023", "published")
    c13 = next(a for a in snapshot_data(dec)["actions"] if a["ref"] == "C13")
    assert c13["narrative"] == seed_row("C13")["December 2023 Update"]
    assert c13["rag"] is None


@pytest.mark.django_db
def test_march_2024_change_report_shows_c13_and_nothing_else(people: People) -> None:
    period = march(people)
    update = c13_update(people, period)
    services.update_review(
        update=update, user=people.approver, approve=True, version=update.version
    )
    publish(people, period)

    dec = people.plan.periods.get(label="December 2023")
    report = compare(snapshot_data(dec), snapshot_data(period))
    assert [c.ref for c in report.changed] == ["C13"]
    assert not report.added and not report.removed
    assert report.unchanged == people.plan.actions.count() - 1
    c13 = report.changed[0]
    rag = next(f for f in c13.fields if f.field == "rag")
    assert (rag.old_text, rag.new_text, rag.direction) == ("Not known", "Red", "worse")
    old = seed_row("C13")["December 2023 Update"]
    deleted = "".join(t for op, t in c13.narrative_diff if op == "delete")
    inserted = "".join(t for op, t in c13.narrative_diff if op == "insert")
    assert "will conclude" in deleted and "concluded" in inserted
    assert "No further rounds will be run." in inserted
    assert "".join(t for op, t in c13.narrative_diff if op != "insert") == old
    assert c13.rag_reason == REASON
    # Publishing moved the action itself.
    assert people.plan.actions.get(ref="C13").rag == "Red"


@pytest.mark.django_db
def test_snapshot_survives_later_edits(people: People) -> None:
    period = march(people)
    update = c13_update(people, period)
    services.update_review(
        update=update, user=people.approver, approve=True, version=update.version
    )
    publish(people, period)
    frozen = snapshot_data(period)
    action = people.plan.actions.get(ref="C13")
    action.title = "Renamed later"
    action.rag = "Green"
    action.save()
    ProgressUpdate.objects.filter(pk=update.pk).update(narrative="Rewritten later")
    assert snapshot_data(period) == frozen
    c13 = next(a for a in frozen["actions"] if a["ref"] == "C13")
    assert (c13["title"], c13["rag"], c13["narrative"]) != ("Renamed later", "Green", "")
    assert build(people.plan)["actions"] != frozen["actions"]


@pytest.mark.django_db
def test_worse_rag_without_reason_is_refused(people: People) -> None:
    period = march(people)
    with pytest.raises(services.Invalid) as e:
        services.update_write(
            action=people.plan.actions.get(ref="C13"),
            period=period,
            user=people.contributor,
            data=services.UpdateInput(narrative="x", rag="Red"),
            version=0,
            submit=True,
        )
    assert "Say why the RAG is now Red (it was not known)" in e.value.errors["rag_reason"]
    assert not ProgressUpdate.objects.filter(period=period).exists()


@pytest.mark.django_db
def test_return_keeps_the_comment_and_the_contributor_resubmits(people: People) -> None:
    period = march(people)
    update = c13_update(people, period)
    with pytest.raises(services.Invalid):
        services.update_review(
            update=update, user=people.approver, approve=False, version=update.version
        )
    update = services.update_review(
        update=update,
        user=people.approver,
        approve=False,
        comment="Add the date",
        version=update.version,
    )
    assert update.status == Status.RETURNED
    update = services.update_write(
        action=update.action,
        period=period,
        user=people.contributor,
        data=services.UpdateInput(
            narrative=NEW_TEXT + " Ends 31 March.", rag="Red", rag_reason=REASON
        ),
        version=update.version,
        submit=True,
    )
    services.update_review(
        update=update, user=people.approver, approve=True, version=update.version
    )
    events = list(UpdateEvent.objects.filter(update=update).values_list("event", "comment"))
    assert events == [
        ("submit", ""),
        ("return", "Add the date"),
        ("submit", ""),
        ("approve", ""),
    ]


@pytest.mark.django_db
def test_stale_version_is_a_conflict_showing_the_other_change(people: People) -> None:
    period = march(people)
    action = people.plan.actions.get(ref="C13")
    first = c13_update(people, period, submit=False)  # version 1
    services.update_write(
        action=action,
        period=period,
        user=people.editor,
        data=services.UpdateInput(narrative="Edited by the editor"),
        version=first.version,
    )
    with pytest.raises(services.Conflict) as e:
        services.update_write(
            action=action,
            period=period,
            user=people.contributor,
            data=services.UpdateInput(narrative="My second tab"),
            version=first.version,
        )
    assert "edith changed this update" in str(e.value)
    theirs = {c.field: (c.old, c.new) for c in e.value.theirs}
    assert theirs["narrative"] == (NEW_TEXT, "Edited by the editor")
    assert ProgressUpdate.objects.get(pk=first.pk).narrative == "Edited by the editor"


@pytest.mark.django_db
def test_two_first_saves_the_second_is_a_conflict(people: People) -> None:
    period = march(people)
    c13_update(people, period, submit=False)
    with pytest.raises(services.Conflict):
        c13_update(people, period, submit=False)  # this tab also started from "no update"


@pytest.mark.django_db
def test_publishing_waits_for_submitted_updates(people: People) -> None:
    period = march(people)
    c13_update(people, period)
    services.period_close(period=period, user=people.approver)
    with pytest.raises(services.NotAllowed, match=r"waiting for approval \(C13\)"):
        services.period_publish(period=period, user=people.approver)
    period.refresh_from_db()
    assert period.status == "closed"


@pytest.mark.django_db
def test_closed_period_refuses_updates_and_publish_needs_closing_first(people: People) -> None:
    period = march(people)
    with pytest.raises(services.NotAllowed, match="close the period before publishing"):
        services.period_publish(period=period, user=people.approver)
    services.period_close(period=period, user=people.approver)
    with pytest.raises(services.NotAllowed, match="only be written while the period is open"):
        c13_update(people, period)


@pytest.mark.django_db
def test_people_without_the_role_are_refused(people: People) -> None:
    period = march(people)
    with pytest.raises(services.NotAllowed):
        services.update_write(
            action=people.plan.actions.get(ref="C13"),
            period=period,
            user=people.other_contributor,
            data=services.UpdateInput(narrative="Not mine"),
            version=0,
        )
    update = c13_update(people, period)
    for user in (people.contributor, people.editor, people.outsider):
        with pytest.raises(services.NotAllowed):
            services.update_review(update=update, user=user, approve=True, version=update.version)
    with pytest.raises(services.NotAllowed):
        services.period_close(period=period, user=people.editor)
    with pytest.raises(services.NotAllowed):
        services.period_create(plan=people.plan, user=people.contributor, label="June 2024")
