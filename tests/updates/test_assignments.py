"""Choosing who writes an action's updates (issue 15, finding 10): two editors working from
pages of different ages each change only the people they ticked or unticked, so neither
assignment silently disappears."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.html import escape

from plantracker.core.models import Membership
from plantracker.updates import assignments, services
from plantracker.updates.selectors import my_tasks
from tests.conftest import People
from tests.cycle import march
from tests.web.test_permissions import C13, LCC


def assigned(people: People, ref: str = "C13") -> set[str]:
    action = people.plan.actions.get(ref=ref)
    return set(action.assignees.values_list("username", flat=True))


def shown_on(page: str) -> str:
    found = re.search(r'name="shown" value="([0-9,]*)"', page)
    assert found, "the contributors form says who it showed"
    return found.group(1)


def ids(*users: object) -> list[int]:
    return [u.pk for u in users]  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_two_editors_from_the_same_page_both_keep_their_changes(people: People) -> None:
    action = people.plan.actions.get(ref="C13")
    shown = ids(people.contributor)  # both pages were drawn showing Carol
    first = assignments.action_assign(
        action=action, user=people.editor, shown=shown,
        chosen=ids(people.contributor, people.other_contributor),
    )  # fmt: skip
    assert not first.others_changed and first.added == ids(people.other_contributor)
    second = assignments.action_assign(
        action=action, user=people.admin, shown=shown, chosen=ids(people.contributor, people.admin)
    )
    assert assigned(people) == {"carol", "oscar", "adam"}  # Oscar was not dropped
    assert second.others_changed
    assert second.message.endswith(assignments.ASSIGNED_MEANWHILE)
    # An even older page unticks Carol: only Carol goes.
    assignments.action_assign(action=action, user=people.editor, shown=shown, chosen=[])
    assert assigned(people) == {"oscar", "adam"}


@pytest.mark.django_db
def test_only_people_with_a_role_and_only_editors(people: People) -> None:
    action = people.plan.actions.get(ref="C13")
    with pytest.raises(services.Invalid) as refused:
        assignments.action_assign(
            action=action, user=people.editor, shown=[], chosen=ids(people.outsider)
        )
    assert refused.value.errors == {"assignees": assignments.ASSIGN_UNKNOWN}
    with pytest.raises(services.NotAllowed, match=assignments.ASSIGN_NOT_ALLOWED):
        assignments.action_assign(
            action=action, user=people.contributor, shown=[], chosen=ids(people.contributor)
        )
    assert assigned(people) == {"carol"}


@pytest.mark.django_db
def test_two_editors_on_the_web_from_pages_of_different_ages(people: People) -> None:
    editor, admin = Client(), Client()
    editor.force_login(people.editor)
    admin.force_login(people.admin)
    page = editor.get(f"{C13}/").content.decode()
    assert shown_on(page) == str(people.contributor.pk)
    admin.get(f"{C13}/")  # the administrator's page is drawn at the same time

    both = [people.contributor.pk, people.other_contributor.pk]
    response = editor.post(
        f"{C13}/assign/", {"shown": str(people.contributor.pk), "assignees": both}, follow=True
    )
    assert "C13 is now assigned to Carol, Oscar." in response.content.decode()
    response = admin.post(
        f"{C13}/assign/",
        {
            "shown": str(people.contributor.pk),
            "assignees": [people.contributor.pk, people.admin.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "C13 is now assigned to Adam, Carol, Oscar." in page
    assert escape(assignments.ASSIGNED_MEANWHILE) in page
    assert assigned(people) == {"carol", "oscar", "adam"}
    # The page now shows all three, so unticking Oscar removes Oscar only.
    shown = shown_on(admin.get(f"{C13}/").content.decode())
    assert sorted(int(pk) for pk in shown.split(",")) == sorted(
        ids(people.contributor, people.other_contributor, people.admin)
    )
    keep = [people.contributor.pk, people.admin.pk]
    admin.post(f"{C13}/assign/", {"shown": shown, "assignees": keep})
    assert assigned(people) == {"carol", "adam"}


@pytest.mark.django_db
def test_a_tampered_form_changes_nothing(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    for data in (
        {"shown": "1 OR 1=1", "assignees": [people.other_contributor.pk]},
        {"shown": "", "assignees": [people.outsider.pk]},
    ):
        page = editor.post(f"{C13}/assign/", data, follow=True).content.decode()
        assert escape(assignments.ASSIGN_UNKNOWN) in page
    assert assigned(people) == {"carol"}


# Removing a role (issue 15, finding 5): the person's assignments on the plans the role
# covered go with it, and the administrator is told which.


def carols_role(people: People) -> Membership:
    return Membership.objects.get(user=people.contributor, plan=people.plan)


@pytest.mark.django_db
def test_removing_a_role_releases_its_assignments(people: People) -> None:
    period = march(people)
    assert [t.action.ref for g in my_tasks(people.contributor) for t in g.tasks] == ["C13"]
    released = assignments.membership_remove(membership=carols_role(people), user=people.admin)
    assert [a.ref for a in released] == ["C13"]
    assert assigned(people) == set()
    assert my_tasks(people.contributor) == [] and my_tasks(people.contributor, period=period) == []
    assert people.plan.actions.get(ref="C13").history.first().assignees.count() == 0


@pytest.mark.django_db
def test_assignments_stay_while_another_role_covers_the_plan(people: People) -> None:
    Membership.objects.create(
        user=people.contributor, organisation=people.plan.organisation, role="approver"
    )  # every plan of the organisation
    assert assignments.membership_remove(membership=carols_role(people), user=people.admin) == []
    assert assigned(people) == {"carol"}
    with pytest.raises(services.NotAllowed, match=assignments.REMOVE_NOT_ALLOWED):
        assignments.membership_remove(
            membership=Membership.objects.get(user=people.other_contributor), user=people.editor
        )
    own = Membership.objects.get(user=people.admin)
    with pytest.raises(services.NotAllowed, match=assignments.REMOVE_OWN_ADMIN):
        assignments.membership_remove(membership=own, user=people.admin)


@pytest.mark.django_db
def test_my_updates_no_longer_lists_the_action_after_the_role_is_removed(people: People) -> None:
    march(people)
    carol = Client()
    carol.force_login(people.contributor)
    title = people.plan.actions.get(ref="C13").title
    assert "C13" in carol.get("/my-work/").content.decode()
    admin = Client()
    admin.force_login(people.admin)
    pk = carols_role(people).pk
    page = admin.post(f"/organisations/{LCC}/people/{pk}/remove/", follow=True).content.decode()
    told = assignments.UNASSIGNED.format(person="Carol", actions=f"C13 ({people.plan.title})")
    assert escape(told) in page
    mine = carol.get("/my-work/").content.decode()
    assert "C13" not in mine and escape(title[:40]) not in mine
    assert carol.get(f"{C13}/updates/march-2024/").status_code in (403, 404)


@pytest.mark.django_db
def test_an_assignment_left_from_before_is_not_listed(people: People) -> None:
    """A role removed before this fix left its assignment behind: My work ignores it."""
    march(people)
    carols_role(people).delete()  # as the old People page did
    assert assigned(people) == {"carol"}
    assert my_tasks(people.contributor) == []
    assert [t.action.ref for g in my_tasks(people.other_contributor) for t in g.tasks] == ["C1"]


@pytest.mark.django_db
def test_an_assignment_left_from_before_cannot_write_the_update(people: People) -> None:
    """…nor does it let its person open or save the update by its address."""
    march(people)
    carols_role(people).delete()
    carol = Client()
    carol.force_login(people.contributor)
    assert carol.get(f"{C13}/updates/march-2024/").status_code in (403, 404)
    action = people.plan.actions.get(ref="C13")
    with pytest.raises(services.NotAllowed):
        services.update_write(
            action=action,
            period=people.plan.periods.get(slug="march-2024"),
            user=people.contributor,
            data=services.UpdateInput(narrative="Still here"),
            version=0,
        )
