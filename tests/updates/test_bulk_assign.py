"""Assigning contributors to many actions at once (issue 18, item 6): one transaction, each
action's history records it, the message counts what changed and what already was so, and
only the plan's editors may, choosing only people with a role on the plan."""

from __future__ import annotations

import pytest

from plantracker.updates import bulk, services
from plantracker.updates.assignments import ASSIGN_NOT_ALLOWED, ASSIGN_UNKNOWN
from tests.conftest import People


def pks(people: People, *refs: str) -> list[int]:
    return list(people.plan.actions.filter(ref__in=refs).values_list("pk", flat=True))


def holders(people: People, ref: str) -> set[str]:
    return set(people.plan.actions.get(ref=ref).assignees.values_list("username", flat=True))


@pytest.mark.django_db
def test_assign_one_person_to_many_actions(people: People) -> None:
    done = bulk.actions_assign(
        plan=people.plan, user=people.editor, actions=pks(people, "C1", "C2", "C3", "C13"),
        people=[people.contributor.pk],
    )  # fmt: skip
    assert [a.ref for a in done.changed] == ["C1", "C2", "C3"]
    assert [a.ref for a in done.unchanged] == ["C13"]  # Carol had it already
    assert done.message == "Assigned Carol to 3 actions; 1 already had them."
    assert all("carol" in holders(people, r) for r in ("C1", "C2", "C3", "C13"))
    assert holders(people, "C1") == {"carol", "oscar"}  # nobody else was touched
    # Each action's history records it, by whom and why, as a single assignment does.
    record = people.plan.actions.get(ref="C2").history.first()
    assert record.history_user == people.editor
    assert record.history_change_reason == bulk.REASON_ASSIGNED
    assert {r.user.username for r in record.assignees.all()} == {"carol"}
    # C13's history has no new row: nothing changed there.
    assert people.plan.actions.get(ref="C13").history.first().history_change_reason is None


@pytest.mark.django_db
def test_several_people_and_unassigning(people: People) -> None:
    both = [people.contributor.pk, people.other_contributor.pk]
    done = bulk.actions_assign(
        plan=people.plan, user=people.admin, actions=pks(people, "C1", "C2"), people=both
    )
    assert done.message == "Assigned Carol and Oscar to 2 actions."
    gone = bulk.actions_assign(
        plan=people.plan, user=people.editor, actions=pks(people, "C1", "C2", "C3"),
        people=[people.other_contributor.pk], remove=True,
    )  # fmt: skip
    assert gone.message == "Unassigned Oscar from 2 actions; 1 did not have them."
    assert holders(people, "C1") == holders(people, "C2") == {"carol"}
    record = people.plan.actions.get(ref="C1").history.first()
    assert record.history_change_reason == bulk.REASON_UNASSIGNED
    again = bulk.actions_assign(
        plan=people.plan, user=people.editor, actions=pks(people, "C1", "C2"),
        people=[people.contributor.pk],
    )  # fmt: skip
    assert again.message == "Every one of the 2 actions already had Carol: nothing was changed."


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["contributor", "other_contributor", "approver", "outsider"])
def test_only_the_plans_editors_and_administrators(people: People, who: str) -> None:
    with pytest.raises(services.NotAllowed, match=ASSIGN_NOT_ALLOWED):
        bulk.actions_assign(
            plan=people.plan, user=getattr(people, who), actions=pks(people, "C2"),
            people=[people.contributor.pk],
        )  # fmt: skip
    assert holders(people, "C2") == set()


@pytest.mark.django_db
def test_only_people_with_a_role_and_something_chosen(people: People) -> None:
    cases = [
        ([people.outsider.pk], pks(people, "C2"), {"people": ASSIGN_UNKNOWN}),
        ([], pks(people, "C2"), {"people": bulk.NO_PEOPLE}),
        ([people.contributor.pk], [], {"actions": bulk.NO_ACTIONS}),
    ]
    for chosen, actions, errors in cases:
        with pytest.raises(services.Invalid) as refused:
            bulk.actions_assign(
                plan=people.plan, user=people.editor, actions=actions, people=chosen
            )
        assert refused.value.errors == errors
    assert holders(people, "C2") == set()


@pytest.mark.django_db
def test_actions_withdrawn_or_elsewhere_are_left_alone_and_counted(people: People) -> None:
    people.plan.actions.filter(ref="C3").update(withdrawn_on="2026-11-30")
    other = people.other_plan.actions.create(ref="R1", title="Elsewhere", position=1)
    done = bulk.actions_assign(
        plan=people.plan, user=people.editor,
        actions=[*pks(people, "C2", "C3"), other.pk, 10**12], people=[people.contributor.pk],
    )  # fmt: skip
    assert [a.ref for a in done.changed] == ["C2"] and done.gone == 3
    assert done.message == (
        "Assigned Carol to 1 action. 3 actions left alone: withdrawn or deleted after the page "
        "was drawn, or not in this plan."
    )
    assert holders(people, "C3") == set() and not other.assignees.exists()


@pytest.mark.django_db
def test_all_or_nothing(people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure part-way (here the third action's history) leaves every action as it was."""
    from simple_history.models import HistoricalRecords

    made = HistoricalRecords.create_historical_record
    calls = []

    def failing(self, instance, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(instance.ref)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return made(self, instance, *args, **kwargs)

    monkeypatch.setattr(HistoricalRecords, "create_historical_record", failing)
    with pytest.raises(RuntimeError):
        bulk.actions_assign(
            plan=people.plan, user=people.editor, actions=pks(people, "C2", "C3", "C4"),
            people=[people.contributor.pk],
        )  # fmt: skip
    monkeypatch.undo()
    assert all(holders(people, r) == set() for r in ("C2", "C3", "C4"))
