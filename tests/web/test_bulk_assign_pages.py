"""The bulk assign page (/plans/<slug>/assign/): the actions of the action list's filters,
all ticked; a check page listing what will change; the confirmation; refusals."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.html import escape

from plantracker.updates import bulk
from tests.conftest import People
from tests.web.test_permissions import PLAN

ASSIGN = f"{PLAN}/assign/"


def signed_in(people: People, who: str) -> Client:
    client = Client()
    client.force_login(getattr(people, who))
    return client


def ticked(page: str) -> list[str]:
    return re.findall(r'name="actions" type="checkbox" value="(\d+)" checked', page)


def refs(people: People, pks: list[str]) -> list[str]:
    found = people.plan.actions.filter(pk__in=[int(p) for p in pks])
    return sorted(found.values_list("ref", flat=True))


@pytest.fixture
def rated(people: People) -> People:
    people.plan.actions.filter(ref__in=["C1", "C2", "C13"]).update(rag="Red")
    people.plan.actions.filter(ref__in=["C3"]).update(rag="Amber")
    people.plan.actions.filter(ref__in=["C4"]).update(rag="Green")
    return people


@pytest.mark.django_db
def test_editor_assigns_the_filtered_actions_after_checking(rated: People) -> None:
    editor = signed_in(rated, "editor")
    query = "?rag=red&rag=amber"
    listed = editor.get(f"{PLAN}/actions/{query}").content.decode()
    assert "4 actions match these filters" in listed
    assert f'href="{ASSIGN}?rag=Red&amp;rag=Amber"' in listed  # the link keeps the filters
    page = editor.get(f"{ASSIGN}{query}").content.decode()
    assert "4 actions match the filters from the action list: RAG: Red or Amber." in page
    chosen = ticked(page)
    assert refs(rated, chosen) == ["C1", "C13", "C2", "C3"]
    data = {"people": [rated.contributor.pk], "do": "assign", "actions": chosen}
    check = editor.post(f"{ASSIGN}{query}", data).content.decode()
    assert "Assign Carol to 3 actions?" in check
    assert "1 of the actions you ticked already had them and stays as it is: C13." in check
    assert not rated.plan.actions.get(ref="C1").assignees.filter(username="carol").exists()
    done = editor.post(f"{ASSIGN}{query}", {**data, "confirm": "1"}, follow=True)
    assert done.redirect_chain[-1][0] == f"{PLAN}/actions/?rag=Red&rag=Amber"
    assert escape("Assigned Carol to 3 actions; 1 already had them.") in done.content.decode()
    for ref in ("C1", "C2", "C3", "C13"):
        assert rated.plan.actions.get(ref=ref).assignees.filter(username="carol").exists()
    assert not rated.plan.actions.get(ref="C4").assignees.exists()


@pytest.mark.django_db
def test_unticked_actions_are_left_out_and_unassigning(rated: People) -> None:
    editor = signed_in(rated, "admin")
    c1, c2 = (str(rated.plan.actions.get(ref=r).pk) for r in ("C1", "C2"))
    data = {"people": [rated.other_contributor.pk], "do": "unassign", "actions": [c1, c2]}
    check = editor.post(ASSIGN, data).content.decode()
    assert "Unassign Oscar from 1 action?" in check
    assert "1 of the actions you ticked did not have them and stays as it is: " in check
    done = editor.post(ASSIGN, {**data, "confirm": "1"}, follow=True).content.decode()
    assert escape("Unassigned Oscar from 1 action; 1 did not have them.") in done
    assert not rated.plan.actions.get(ref="C1").assignees.filter(username="oscar").exists()


@pytest.mark.django_db
def test_one_action_matching_is_said_in_the_singular(rated: People) -> None:
    page = signed_in(rated, "editor").get(f"{ASSIGN}?rag=green").content.decode()
    assert "1 action matches the filters from the action list: RAG: Green." in page
    assert "It is ticked: untick it to leave it out." in page and "All 1 " not in page
    data = {"people": [rated.contributor.pk], "do": "assign", "actions": ticked(page)}
    data["actions"] += [str(rated.plan.actions.get(ref=r).pk) for r in ("C1", "C13")]
    check = signed_in(rated, "editor").post(ASSIGN, data).content.decode()
    assert "Assign Carol to 2 actions?" in check
    assert "1 of the actions you ticked already had them and stays as it is: C13." in check


@pytest.mark.django_db
def test_by_theme_and_every_action(people: People) -> None:
    editor = signed_in(people, "editor")
    everything = editor.get(ASSIGN).content.decode()
    assert "Every action of the plan is listed" in everything
    assert len(ticked(everything)) == people.plan.actions.count()
    assert f'href="{ASSIGN}?theme=Engagement"' in everything
    assert f"All {people.plan.actions.count()} are ticked: untick any" in everything
    themed = editor.get(f"{ASSIGN}?theme=Engagement").content.decode()
    engagement = people.plan.actions.filter(theme__name="Engagement")
    assert refs(people, ticked(themed)) == sorted(engagement.values_list("ref", flat=True))


@pytest.mark.django_db
def test_nothing_chosen_is_refused_on_the_page(people: People) -> None:
    editor = signed_in(people, "editor")
    response = editor.post(ASSIGN, {"do": "assign"})
    page = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#id_people_0">{bulk.NO_PEOPLE}</a>' in page
    assert f'<a href="#id_actions_0">{bulk.NO_ACTIONS}</a>' in page
    assert 'id="id_people_0"' in page and 'id="id_actions_0"' in page
    assert page.count(" checked") == 1  # "Assign" stays chosen; nothing else was ticked
    outsider = editor.post(
        ASSIGN, {"do": "assign", "people": [people.outsider.pk], "actions": ticked(
            editor.get(ASSIGN).content.decode())[:1]}
    )  # fmt: skip
    assert escape(bulk.ASSIGN_UNKNOWN) in outsider.content.decode()


@pytest.mark.django_db
def test_an_action_withdrawn_between_check_and_confirm(people: People) -> None:
    editor = signed_in(people, "editor")
    c2, c3 = (people.plan.actions.get(ref=r) for r in ("C2", "C3"))
    data = {"people": [people.contributor.pk], "do": "assign", "actions": [c2.pk, c3.pk]}
    assert "Assign Carol to 2 actions?" in editor.post(ASSIGN, data).content.decode()
    people.plan.actions.filter(pk=c3.pk).update(withdrawn_on="2026-11-30")
    done = editor.post(ASSIGN, {**data, "confirm": "1"}, follow=True).content.decode()
    assert "Assigned Carol to 1 action. 1 action left alone" in done
    assert not c3.assignees.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["contributor", "other_contributor", "approver", "outsider"])
def test_refused_to_everyone_but_editors(people: People, who: str) -> None:
    client = signed_in(people, who)
    c2 = people.plan.actions.get(ref="C2").pk
    data = {"people": [people.contributor.pk], "do": "assign", "actions": [c2], "confirm": "1"}
    assert client.get(ASSIGN).status_code in (403, 404)
    assert client.post(ASSIGN, data).status_code in (403, 404)
    assert Client().post(ASSIGN, data).status_code in (302, 403, 404)
    assert not people.plan.actions.get(ref="C2").assignees.exists()
    listed = client.get(f"{PLAN}/actions/").content.decode()
    assert ASSIGN not in listed  # no link to it either


@pytest.mark.django_db
def test_every_filter_of_the_action_list_is_described(people: People) -> None:
    """Each filter the action list takes (past_end came with the overview) is said in words
    on the bulk page, not refused with an error."""
    from plantracker.plans.selectors import ActionFilters
    from plantracker.web.views.bulk import LABELS

    names = {f for f in ActionFilters.__dataclass_fields__ if f != "sort"}
    assert names <= set(LABELS), names - set(LABELS)
    page = signed_in(people, "editor").get(f"{ASSIGN}?past_end=yes&rag=Red")
    assert page.status_code == 200
    assert "past their end date: yes" in page.content.decode()
