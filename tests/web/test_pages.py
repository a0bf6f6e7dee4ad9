"""Pages through Django's test client: content, filters, visibility and query budgets."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from plantracker.core.models import Membership
from plantracker.plans.models import Plan
from plantracker.reports.exporters import EXPORTERS
from tests.conftest import DATA, Importer


@pytest.fixture
def published(communities: Plan, action_plan: Plan) -> tuple[Plan, Plan]:
    Plan.objects.update(status=Plan.Status.PUBLISHED)
    return communities, action_plan


def test_home_lists_published_plans(client: Client, published: tuple[Plan, Plan]) -> None:
    html = client.get("/").content.decode()
    assert "Leicestershire County Council" in html
    assert "Net Zero Action Plan" not in html or "Communities" in html
    assert published[1].title in html


def test_drafts_hidden_from_the_public(client: Client, communities: Plan) -> None:
    assert client.get("/plans/net-zero-communities/").status_code == 404
    assert client.get("/api/v1/plans/net-zero-communities").status_code == 404
    editor = User.objects.create_user("editor", password="x-very-long-pass")
    Membership.objects.create(
        user=editor, organisation=communities.organisation, role=Membership.Role.EDITOR
    )
    client.force_login(editor)
    assert client.get("/plans/net-zero-communities/").status_code == 200


def test_plan_page_counts_chart_and_downloads(
    client: Client, published: tuple[Plan, Plan], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(12):
        response = client.get("/plans/net-zero-communities/")
    html = response.content.decode()
    assert 'id="chart-stage-by-theme-spec"' in html
    assert "Actions by theme and stage (the chart's data)" in html
    assert "/plans/net-zero-communities/export.xlsx" in html
    assert "Data-quality findings" not in html  # editors only


def test_findings_shown_to_editors(client: Client, published: tuple[Plan, Plan]) -> None:
    editor = User.objects.create_user("e", password="x-very-long-pass")
    Membership.objects.create(
        user=editor, organisation=published[0].organisation, role=Membership.Role.EDITOR
    )
    client.force_login(editor)
    html = client.get("/plans/net-zero-communities/").content.decode()
    assert "Data-quality findings" in html and "recorded score 4 disagrees" in html
    assert "<code>СЗ</code>" in html


@pytest.mark.parametrize(
    ("query", "refs"),
    [
        ("stage=Design", ["C2", "C3"]),
        ("role=Influence", ["C12", "C18", "C20"]),
        ("timescale=S/M", ["C11", "C14", "C19"]),
        ("objective=3", ["C3", "C4"]),
        ("theme=Enabling+Action&stage=Discovery", ["C14", "C15", "C18", "C21"]),
        ("q=toolkit", ["C11", "C12", "C16", "C17"]),
        ("q=pathfinder+community", ["C2", "C4", "C14", "C15"]),
        ("partner=universities", ["C2", "C3", "C5", "C6", "C11"]),
        ("rag=unknown&role=Ask", ["C6", "C11", "C16", "C19", "C21"]),
        ("rag=Green", []),
    ],
)
def test_action_list_filters(
    client: Client, published: tuple[Plan, Plan], query: str, refs: list[str]
) -> None:
    response = client.get(f"/plans/net-zero-communities/actions/?{query}")
    assert [a.ref for a in response.context["actions"]] == refs


def test_action_list_sort_and_partial(client: Client, published: tuple[Plan, Plan]) -> None:
    by_score = client.get("/plans/net-zero-communities/actions/?sort=score").context["actions"]
    assert by_score[0].ref == "C2" and by_score[-1].ref == "C21"
    partial = client.get(
        "/plans/net-zero-communities/actions/?stage=Design", HTTP_HX_REQUEST="true"
    )
    html = partial.content.decode()
    assert "<html" not in html and "2 actions match these filters" in html


def test_action_list_query_count_does_not_grow(
    client: Client, published: tuple[Plan, Plan], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(10):
        client.get("/plans/net-zero-communities/actions/")
    with django_assert_max_num_queries(10):
        client.get("/plans/environment-strategy-action-plan-2020-2024/actions/")


def test_action_page_explains_score(
    client: Client, published: tuple[Plan, Plan], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(10):
        html = client.get("/plans/net-zero-communities/actions/C11/").content.decode()
    assert "S/M is a range: mean of S (3) and M (2) = 2.5" in html
    assert "2.5 × 3 × 1 = 7.5" in html
    assert "December 2023" in html and "Net Zero toolkit" in html
    c6 = client.get("/plans/net-zero-communities/actions/C6/").content.decode()
    assert "The plan records a score of 4, but the rule gives 6" in c6
    assert client.get("/plans/net-zero-communities/actions/C99/").status_code == 404


def test_rag_never_colour_alone(client: Client, published: tuple[Plan, Plan]) -> None:
    html = client.get("/plans/net-zero-communities/actions/").content.decode()
    assert (
        'class="govuk-tag govuk-tag--grey" title="No RAG rating has been given.">Not known<' in html
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_downloads(client: Client, published: tuple[Plan, Plan], fmt: str) -> None:
    response = client.get(f"/plans/environment-strategy-action-plan-2020-2024/export.{fmt}")
    assert response.status_code == 200
    assert (
        f'filename="environment-strategy-action-plan-2020-2024.{fmt}"'
        in response["Content-Disposition"]
    )
    # csv and json are sent as they are written; the pieces make the whole file
    assert response.streaming == (fmt != "xlsx")
    if response.streaming:
        plan = Plan.objects.get(slug="environment-strategy-action-plan-2020-2024")
        assert response.getvalue() == EXPORTERS[fmt](plan)
    assert (
        client.get("/plans/environment-strategy-action-plan-2020-2024/export.pdf").status_code
        == 404
    )


def test_action_page_shows_the_measure_of_success(client: Client, do_import: Importer) -> None:
    assert do_import(DATA / "layouts" / "actions-district-net-zero-plan.xlsx", "district").ok
    plan = Plan.objects.get(slug="district")
    editor = User.objects.create_user("e", password="x-very-long-pass")
    Membership.objects.create(
        user=editor, organisation=plan.organisation, role=Membership.Role.EDITOR
    )
    client.force_login(editor)  # staff see the draft plan
    html = client.get("/plans/district/actions/BE1/").content.decode()
    assert "Measure of success" in html
    assert "12 plans completed and costed<br>Funding bids made for the top 3" in html
    client.logout()
    Plan.objects.update(status=Plan.Status.PUBLISHED)
    public = client.get("/plans/district/actions/AR2/").content.decode()
    assert "Measure of success" in public and "Four spaces improved" in public
