"""What each person may read (plantracker.core.visibility), and finding 3 of issue 15: a draft
plan's KPI on a public strategy and a draft plan's action on a public roadmap reached the
public by title and reference, on the page, in every download and in the API."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from openpyxl import load_workbook

from plantracker.core import visibility
from plantracker.plans.models import Plan
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from plantracker.updates.workflow import Status
from tests.conftest import People
from tests.web.leaky import DRAFT_REF, LCC, OUTCOMES, SECRETS, Leaky, leaky_world
from tests.web.test_permissions import world  # noqa: F401  (a fixture)

KPI = SECRETS["draft plan's KPI"]
ACTION = SECRETS["draft plan's action"]
ORG = f"/organisations/{LCC}"


def test_the_rules_use_the_models_own_published_status() -> None:
    assert visibility.PUBLISHED == Plan.Status.PUBLISHED == ReportingPeriod.Status.PUBLISHED
    assert visibility.PUBLISHED == Status.PUBLISHED


@pytest.fixture
def leaky(world: People) -> Leaky:  # noqa: F811
    return leaky_world(world)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/vnd.openxml"):
        wb = load_workbook(io.BytesIO(response.content))
        return "\n".join(
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    return response.content.decode("utf-8-sig")


def _reads(client: Client, urls: list[str]) -> dict[str, bool]:
    return {url: KPI in (t := _text(client.get(url))) or DRAFT_REF in t for url in urls}


STRATEGY_URLS = [
    f"{ORG}/strategies/{slug}/{suffix}"
    for slug in ("es", OUTCOMES)
    for suffix in ("", "coverage.csv", "coverage.json", "coverage.xlsx")
]
ROADMAP_URLS = [
    f"{ORG}/roadmaps/t1/",
    f"{ORG}/roadmaps/t1.csv",
    f"{ORG}/roadmaps/t1.json",
    f"{ORG}/roadmaps/t1.xlsx",
    f"/api/v1{ORG}/roadmaps/t1",
]


def test_a_draft_plans_kpi_is_not_on_the_public_strategy(leaky: Leaky) -> None:
    assert _reads(Client(), STRATEGY_URLS) == dict.fromkeys(STRATEGY_URLS, False)
    team = Client()
    team.force_login(leaky.people.admin)
    assert _reads(team, STRATEGY_URLS) == dict.fromkeys(STRATEGY_URLS, True)


def test_an_objective_with_only_a_draft_kpi_has_no_kpi_for_the_public(leaky: Leaky) -> None:
    row = json.loads(Client().get(f"{ORG}/strategies/es/coverage.json").content)
    assert row == [{"Objective": "A1", "Aim": "A", "Type": "Internal", "Text": "One", "KPIs": ""}]
    assert "1 objective with no KPI" in Client().get(f"{ORG}/strategies/es/").content.decode()
    team = Client()
    team.force_login(leaky.people.admin)
    assert "0 objectives with no KPI" in team.get(f"{ORG}/strategies/es/").content.decode()
    page = Client().get(f"{ORG}/strategies/{OUTCOMES}/").content.decode()
    assert "1 measures; 1 have no KPI yet." in page


def test_a_draft_plans_action_is_not_on_the_public_roadmap(leaky: Leaky) -> None:
    assert _reads(Client(), ROADMAP_URLS) == dict.fromkeys(ROADMAP_URLS, False)
    page = Client().get(f"{ORG}/roadmaps/t1/").content.decode()
    assert ACTION not in page
    rows = list(csv.reader(io.StringIO(_text(Client().get(f"{ORG}/roadmaps/t1.csv")))))
    assert DRAFT_REF not in str(rows)
    api = json.loads(Client().get(f"/api/v1{ORG}/roadmaps/t1").content)
    assert api["workstreams"][0]["actions"] == []
    team = Client()
    team.force_login(leaky.people.editor)  # an editor of another plan of the council
    assert _reads(team, ROADMAP_URLS) == dict.fromkeys(ROADMAP_URLS, False)
    team.force_login(leaky.people.admin)
    assert _reads(team, ROADMAP_URLS) == dict.fromkeys(ROADMAP_URLS, True)
    assert ACTION in team.get(f"{ORG}/roadmaps/t1/").content.decode()


def test_the_rules_by_person(leaky: Leaky) -> None:
    people = leaky.people
    anonymous, outsider, editor = AnonymousUser(), people.outsider, people.editor
    drafts = Plan.objects.filter(slug__in=["lcc-draft", "rutland-climate"])
    assert not drafts.filter(visibility.plans(anonymous)).exists()
    assert list(drafts.filter(visibility.plans(outsider)).values_list("slug", flat=True)) == [
        "rutland-climate"
    ]
    assert not drafts.filter(visibility.plans(editor)).exists()  # a role on another plan
    assert drafts.filter(visibility.plans(people.admin)).count() == 1  # the council's own
    march = ProgressUpdate.objects.filter(period=leaky.period)
    assert not march.filter(visibility.updates(anonymous)).exists()
    assert not march.filter(visibility.updates(outsider)).exists()
    assert march.filter(visibility.updates(people.contributor)).count() == march.count()
    people.outsider.is_superuser = True
    assert march.filter(visibility.updates(outsider)).count() == march.count()
