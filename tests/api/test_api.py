import pytest
from django.test import Client

from plantracker.plans.models import Plan
from tests.conftest import ACTION_PLAN, DATA, Importer


@pytest.fixture
def published(communities: Plan, action_plan: Plan) -> None:
    Plan.objects.update(status=Plan.Status.PUBLISHED)


@pytest.mark.usefixtures("published")
def test_organisations_and_plans(client: Client) -> None:
    assert client.get("/api/v1/organisations").json() == [
        {"name": "Leicestershire County Council", "slug": "leicestershire-county-council"}
    ]
    plans = client.get("/api/v1/plans").json()
    assert {p["slug"] for p in plans} == {
        "net-zero-communities",
        "environment-strategy-action-plan-2020-2024",
    }


@pytest.mark.usefixtures("published")
def test_action_list_filters_like_the_page(client: Client, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(6):
        rows = client.get("/api/v1/plans/net-zero-communities/actions?stage=Design").json()
    assert [r["ref"] for r in rows] == ["C2", "C3"]
    assert rows[0]["score"] == 18 and rows[0]["stage"] == "Design" and "updates" not in rows[0]
    es = client.get("/api/v1/plans/environment-strategy-action-plan-2020-2024/actions?objective=M1")
    with_m1 = [
        line
        for line in ACTION_PLAN.read_text(encoding="utf-8").splitlines()
        if "M1" in line.split("\t")[-1].replace(" ", "").split(",")
    ]
    assert len(es.json()) == len(with_m1) == 7


@pytest.mark.usefixtures("published")
def test_one_action_with_updates(client: Client) -> None:
    c11 = client.get("/api/v1/plans/net-zero-communities/actions/C11").json()
    assert c11["score"] == 7.5 and c11["timescale"] == "S/M"
    assert c11["updates"][0]["period"] == "December 2023"
    assert client.get("/api/v1/plans/net-zero-communities/actions/C99").status_code == 404


def test_openapi_document(client: Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/plans/{slug}/actions" in doc["paths"]
    params = {p["name"] for p in doc["paths"]["/api/v1/plans/{slug}/actions"]["get"]["parameters"]}
    assert {"theme", "stage", "rag", "q", "sort"} <= params


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize("query", ["", "stage=Delivery", "q=solar", "theme=Transport&sort=score"])
def test_the_api_lists_fast_path_gives_what_action_data_gives(client: Client, query: str) -> None:
    from plantracker.plans import selectors
    from plantracker.reports.plan_data import action_data

    for slug in ("net-zero-communities", "environment-strategy-action-plan-2020-2024"):
        plan = Plan.objects.get(slug=slug)
        filters = selectors.ActionFilters.from_query(
            dict(p.split("=") for p in query.split("&") if p)
        )
        expected = [action_data(a, with_updates=False)
                    for a in selectors.action_list(plan=plan, filters=filters)]  # fmt: skip
        got = client.get(f"/api/v1/plans/{slug}/actions?{query}").json()
        assert got == expected, (slug, query)
        if not query:
            assert len(got) == plan.actions.count()
            assert any(r["partners"] for r in got) and any(r["objectives"] for r in got)


def test_success_measure_in_the_api_and_its_schema(client: Client, do_import: Importer) -> None:
    assert do_import(DATA / "layouts" / "actions-borough-climate-action-plan.csv", "b").ok
    Plan.objects.update(status=Plan.Status.PUBLISHED)
    tr2 = client.get("/api/v1/plans/b/actions/TR2").json()
    assert tr2["success_measure"] == "40 charge points in use, 75% uptime"
    listed = client.get("/api/v1/plans/b/actions").json()
    assert listed[0]["success_measure"] == "Three arrays installed, 420 MWh a year generated"
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "success_measure" in schemas["ActionOut"]["properties"]
