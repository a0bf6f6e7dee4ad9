"""Filters that take several values (issue 18, item 6): ?rag=Red&rag=Amber, several themes,
several stages, on the action list, its downloads and the API; old single-value links keep
working; the count says "1 action matches", "2 actions match"."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from plantracker.plans import selectors
from tests.conftest import People
from tests.web.test_permissions import PLAN


@pytest.fixture
def rated(people: People) -> People:
    from plantracker.plans.models import Plan

    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    people.plan.actions.filter(ref__in=["C1", "C2"]).update(rag="Red")
    people.plan.actions.filter(ref="C3").update(rag="Amber")
    people.plan.actions.filter(ref="C4").update(rag="Green")
    return people


def expected(people: People, **filters: object) -> list[str]:
    qs = people.plan.actions.all()
    for key, value in filters.items():
        qs = qs.filter(**{key: value})
    return list(qs.order_by("position").values_list("ref", flat=True))


def listed(page: str) -> list[str]:
    import re

    return re.findall(r'/actions/([A-Z0-9]+)/">\1</a></td>', page)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "lookup"),
    [
        ("rag=Red&rag=Amber", {"rag__in": ["Red", "Amber"]}),
        ("rag=red&rag=amber", {"rag__in": ["Red", "Amber"]}),  # as people type links
        ("rag=Red", {"rag": "Red"}),  # an old single-value link
        ("rag=Green&rag=unknown", {"rag__in": ["Green"]}),  # "Not known" too: below
        ("stage=Delivery&stage=design", {"stage__in": ["Delivery", "Design"]}),
        ("theme=Engagement&theme=Enabling+Action", {}),
        ("theme=Engagement&stage=Discovery", {"theme__name": "Engagement", "stage": "Discovery"}),
        ("rag=Red&rag=nonsense", {"rag": "Red"}),
        ("rag=nonsense", {"pk__in": []}),
    ],
)
def test_several_values_on_the_page_and_in_the_api(rated: People, query: str, lookup: dict) -> None:
    want = expected(rated, **lookup)
    if "unknown" in query:
        want = sorted(
            {*want, *expected(rated, rag__isnull=True)},
            key=lambda r: rated.plan.actions.get(ref=r).position,
        )
    page = Client().get(f"{PLAN}/actions/?{query}").content.decode()
    assert listed(page) == want
    api = Client().get(f"/api/v1/plans/net-zero-communities/actions?{query}").json()
    assert [a["ref"] for a in api] == want


@pytest.mark.django_db
def test_the_count_is_worded_for_one_and_many(rated: People) -> None:
    one = Client().get(f"{PLAN}/actions/?rag=amber").content.decode()
    assert "1 action matches these filters" in one
    two = Client().get(f"{PLAN}/actions/?rag=red").content.decode()
    assert "2 actions match these filters" in two
    none = Client().get(f"{PLAN}/actions/?rag=nonsense").content.decode()
    assert "0 actions match these filters" in none
    every = Client().get(f"{PLAN}/actions/").content.decode()
    assert f"{rated.plan.actions.count()} actions</p>" in every


@pytest.mark.django_db
def test_the_checkboxes_show_what_is_chosen(rated: People) -> None:
    page = Client().get(f"{PLAN}/actions/?rag=red&rag=Amber&theme=Engagement").content.decode()
    assert 'type="checkbox" value="Red" checked' in page
    assert 'type="checkbox" value="Amber" checked' in page
    assert 'type="checkbox" value="Green">' in page
    assert 'type="checkbox" value="Engagement" checked' in page
    # The downloads keep the filters.
    assert f"{PLAN}/export.csv?theme=Engagement&amp;rag=Red&amp;rag=Amber" in page


@pytest.mark.django_db
def test_downloads_of_the_filtered_list(rated: People) -> None:
    query = "rag=Red&rag=Amber"
    want = expected(rated, rag__in=["Red", "Amber"])
    response = Client().get(f"{PLAN}/export.csv?{query}")
    assert 'filename="net-zero-communities-chosen-actions.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [r["Action ID"] for r in csv.DictReader(io.StringIO(text))] == want
    data = json.loads(b"".join(Client().get(f"{PLAN}/export.json?{query}").streaming_content))
    assert [a["ref"] for a in data["actions"]] == want
    book = load_workbook(io.BytesIO(Client().get(f"{PLAN}/export.xlsx?{query}").content))
    sheet = book["Actions"]
    refs = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert refs == want
    # No filter: the whole plan, as before.
    whole = json.loads(b"".join(Client().get(f"{PLAN}/export.json").streaming_content))
    assert len(whole["actions"]) == rated.plan.actions.count()


def test_filters_from_a_query_and_from_the_api() -> None:
    from django.http import QueryDict

    page = selectors.ActionFilters.from_query(QueryDict("rag=red&rag=Amber&rag=red&stage=x&q=a"))
    assert page.rag == ("Red", "Amber") and page.stage == ("x",) and page.q == "a"
    api = selectors.ActionFilters.from_query({"rag": ["Red"], "theme": "Engagement", "q": ""})
    assert api.rag == ("Red",) and api.theme == ("Engagement",)
    assert page.query() == [("stage", "x"), ("rag", "Red"), ("rag", "Amber"), ("q", "a")]
