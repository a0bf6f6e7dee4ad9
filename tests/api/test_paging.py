"""The API's action list in pages: limit, offset, the Link header to the next page, the most a
page holds, and bad values refused with a sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from plantracker.api.paging import LIMIT_INVALID, MAX_LIMIT, OFFSET_INVALID
from plantracker.core.models import Organisation
from plantracker.plans import selectors
from plantracker.plans.models import Action, Plan, ScoringScheme
from plantracker.reports.plan_data import action_data

ES = "/api/v1/plans/environment-strategy-action-plan-2020-2024/actions"
BIG = "/api/v1/plans/big/actions"
ROOT = Path(__file__).resolve().parents[2]


def next_page(response) -> str | None:  # type: ignore[no-untyped-def]
    link = response.headers.get("Link")
    if link is None:
        return None
    found = re.fullmatch(r'<http://testserver(/[^>]+)>; rel="next"', link)
    assert found, link
    return found[1]


@pytest.fixture
def published(communities: Plan, action_plan: Plan) -> None:
    Plan.objects.update(status=Plan.Status.PUBLISHED)


@pytest.fixture
def big(db: None) -> Plan:
    """A published plan one action bigger than a page."""
    org = Organisation.objects.create(name="Big Council", slug="big-council")
    plan = Plan.objects.create(organisation=org, slug="big", title="Big", status="published",
                               scoring_scheme=ScoringScheme.objects.create())  # fmt: skip
    Action.objects.bulk_create(
        Action(plan=plan, ref=f"B{i}", position=i, title=f"Action {i}")
        for i in range(MAX_LIMIT + 1)
    )
    return plan


@pytest.mark.usefixtures("published")
def test_a_plan_within_a_page_comes_back_as_before(client: Client) -> None:
    plan = Plan.objects.get(slug="environment-strategy-action-plan-2020-2024")
    response = client.get(ES)
    assert response.json() == [
        action_data(a, with_updates=False) for a in selectors.action_list(plan=plan)
    ]
    assert "Link" not in response.headers


@pytest.mark.usefixtures("published")
def test_pages_follow_one_another_with_the_filters_kept(client: Client) -> None:
    everything = [r["ref"] for r in client.get(f"{ES}?objective=M1&sort=score").json()]
    assert len(everything) == 7
    url: str | None = f"{ES}?objective=M1&sort=score&limit=2"
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append([r["ref"] for r in response.json()])
        url = next_page(response)
        if url:
            assert "objective=M1" in url and "sort=score" in url and "limit=2" in url
    assert [len(p) for p in pages] == [2, 2, 2, 1]
    assert [ref for p in pages for ref in p] == everything
    assert client.get(f"{ES}?offset=1").json()[0]["ref"] == client.get(ES).json()[1]["ref"]
    past_the_end = client.get(f"{ES}?offset=5000")
    assert past_the_end.json() == [] and "Link" not in past_the_end.headers


def test_a_plan_bigger_than_a_page_gives_the_first_page_and_a_link(
    client: Client, big: Plan, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(6):
        first = client.get(BIG)
    assert [r["ref"] for r in first.json()] == [f"B{i}" for i in range(MAX_LIMIT)]
    assert next_page(first) == f"{BIG}?limit={MAX_LIMIT}&offset={MAX_LIMIT}"
    with django_assert_max_num_queries(6):
        second = client.get(next_page(first))
    assert [r["ref"] for r in second.json()] == [f"B{MAX_LIMIT}"]
    assert next_page(second) is None


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=0", LIMIT_INVALID),
        (f"limit={MAX_LIMIT + 1}", LIMIT_INVALID),
        ("limit=ten", LIMIT_INVALID),
        ("limit=%C2%B2", LIMIT_INVALID),  # a superscript two
        ("limit=1.5", LIMIT_INVALID),
        ("limit=99999999999999999999999", LIMIT_INVALID),
        ("offset=-1", OFFSET_INVALID),
        ("offset=first", OFFSET_INVALID),
        ("limit=5&offset=", OFFSET_INVALID),
    ],
)
def test_bad_paging_is_refused_with_a_sentence(client: Client, query: str, message: str) -> None:
    response = client.get(f"{ES}?{query}")
    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_the_openapi_document_gives_the_paging(client: Client) -> None:
    get = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/plans/{slug}/actions"]["get"]
    params = {p["name"]: p["schema"] for p in get["parameters"]}
    assert params["limit"]["maximum"] == MAX_LIMIT and params["limit"]["default"] == MAX_LIMIT
    assert params["offset"]["minimum"] == 0
    assert 'rel="next"' in get["responses"]["200"]["headers"]["Link"]["description"]


def test_the_paging_is_documented() -> None:
    text = " ".join((ROOT / "docs" / "data-formats.md").read_text(encoding="utf-8").split())
    assert f"pages of at most **{MAX_LIMIT:,}** actions" in text
    assert 'rel="next"' in text and LIMIT_INVALID in text
