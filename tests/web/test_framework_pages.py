"""Strategy, coverage, KPI and risk pages and downloads, on the sample data."""

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

LCC = "/organisations/leicestershire-county-council"
PLAN = "/plans/environment-strategy-action-plan-2020-2024"


@pytest.mark.django_db
def test_coverage_page_and_downloads_name_the_uncovered_objectives(
    client: Client, samples: None
) -> None:
    page = client.get(f"{PLAN}/coverage/").content.decode()
    assert "7 objectives with no action" in page
    data = json.loads(client.get(f"{PLAN}/coverage.json").content)
    assert data["objectives_with_no_action"] == ["F1", "F2", "I1", "I2", "L1", "M3", "O1"]
    wb = load_workbook(io.BytesIO(client.get(f"{PLAN}/coverage.xlsx").content))
    rows = list(wb["Objectives"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Objective", "Aim", "Type", "Text", "Actions")
    assert {r[0] for r in rows[1:] if r[4] == 0} == set(data["objectives_with_no_action"])
    assert wb["Actions with no objective"].max_row - 1 == len(data["actions_with_no_objective"])


@pytest.mark.django_db
def test_kpi_page_shows_status_rule_chart_and_table(client: Client, samples: None) -> None:
    page = client.get(f"{LCC}/kpis/custodial-sentences/").content.decode()
    assert "Met when the value is below 5" in page
    assert 'id="chart-kpi-spec"' in page and "the chart&#x27;s data" not in page
    assert page.count('<td class="govuk-table__cell">2018-19</td>') == 1
    rows = list(csv.reader(io.StringIO(client.get(f"{LCC}/kpis.csv").content.decode("utf-8-sig"))))
    custodial = next(r for r in rows if r[0] == "Custodial Sentences")
    assert custodial[3:5] == ["<5%", "met"]
    wb = load_workbook(io.BytesIO(client.get(f"{LCC}/kpis.xlsx").content))
    obs = [
        r for r in wb["Observations"].iter_rows(values_only=True) if r[0] == "Custodial Sentences"
    ]
    assert [r[1] for r in obs] == ["2014-15", "2015-16", "2016-17", "2017-18", "2018-19"]


@pytest.mark.django_db
def test_register_page_shows_findings_heat_maps_and_exports(client: Client, samples: None) -> None:
    url = f"{LCC}/risks/youth-justice-risk-register/"
    page = client.get(url).content.decode()
    assert "3 recorded scores disagree" in page
    assert "1 being the highest risk" in page
    assert page.count('class="govuk-table app-heat"') == 2
    data = json.loads(client.get(url.rstrip("/") + ".json").content)
    assert sum(len(r["findings"]) for r in data["risks"]) == 3
    wb = load_workbook(io.BytesIO(client.get(url.rstrip("/") + ".xlsx").content))
    assert wb["Risks"].max_row == 1 + len(data["risks"])


@pytest.mark.django_db
def test_strategy_pages(client: Client, samples: None) -> None:
    es = client.get(f"{LCC}/strategies/environment-strategy-2018-2030/").content.decode()
    assert "Business mileage claimed" in es and "M3" in es
    sp = client.get(f"{LCC}/strategies/strategic-plan-2018-22/").content.decode()
    assert "Keeping People Safe" in sp and "Reduce the proven rate of re-offending" in sp
    rows = list(csv.reader(io.StringIO(
        client.get(f"{LCC}/strategies/strategic-plan-2018-22/coverage.csv").content.decode("utf-8-sig")
    )))  # fmt: skip
    linked = [r for r in rows[1:] if r[3]]
    assert {r[2] for r in linked} == {
        "Number of first-time entrants to criminal justice system age 10-17",
        "Rate of re-offending by young offenders",
    }


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(
    client: Client, samples: None, django_assert_max_num_queries
) -> None:
    for url, budget in (
        (f"{LCC}/", 12),
        (f"{LCC}/kpis.json", 10),
        (f"{LCC}/risks/climate-risk-register/", 8),
        (f"{LCC}/strategies/environment-strategy-2018-2030/", 10),
        (f"{LCC}/strategies/strategic-plan-2018-22/", 10),
        (f"{PLAN}/coverage/", 10),
    ):
        with django_assert_max_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_api_kpis_and_registers(client: Client, samples: None) -> None:
    kpis = client.get("/api/v1/organisations/leicestershire-county-council/kpis").json()
    eet = next(k for k in kpis if k["title"].startswith("Number of young people"))
    assert (eet["observations"][-1]["value"], eet["status"]) == (64.2, "not met")
    reg = client.get(
        "/api/v1/organisations/leicestershire-county-council/risk-registers/climate-risk-register"
    ).json()
    assert reg["matrix"]["scale"] == 5 and len(reg["risks"]) == 6
    assert client.get("/api/v1/organisations/nowhere/kpis").status_code == 404


@pytest.mark.django_db
def test_editor_records_and_corrects_a_kpi_value(
    client: Client, samples: None, django_user_model: object
) -> None:
    from plantracker.core.models import Membership, Organisation
    from plantracker.indicators.models import Indicator

    url = f"{LCC}/kpis/custodial-sentences/"
    kpi = Indicator.objects.get(slug="custodial-sentences")
    before = kpi.observations.count()
    assert "Record a value" not in client.get(url).content.decode()  # the public
    assert client.post(url, {"period": "2019-20", "value": "3"}).status_code == 403

    org = Organisation.objects.get(slug="leicestershire-county-council")
    users = django_user_model.objects  # type: ignore[attr-defined]
    reader = users.create_user("reader")
    Membership.objects.create(user=reader, organisation=org, role="contributor")
    client.force_login(reader)
    assert client.post(url, {"period": "2019-20", "value": "3"}).status_code == 403

    editor = users.create_user("editor")
    Membership.objects.create(user=editor, organisation=org, role="editor")
    client.force_login(editor)
    assert "Record a value" in client.get(url).content.decode()
    bad = client.post(url, {"period": "next year", "value": "lots"})
    page = bad.content.decode()
    assert bad.status_code == 200 and "There is a problem" in page
    assert "&#x27;next year&#x27; is not a period" in page and "is not a number" in page
    assert kpi.observations.count() == before  # nothing half-written

    r = client.post(url, {"period": "2019/20", "value": "6.1%", "source": "YJB"}, follow=True)
    assert "The value for 2019-20 was recorded." in r.content.decode()
    obs = kpi.observations.get(period="2019-20")
    assert (float(obs.value), obs.source, obs.estimated) == (6.1, "YJB", False)
    assert 'Status: <strong class="govuk-tag govuk-tag--red">Not met</strong>' in r.content.decode()

    r = client.post(url, {"period": "2019-20", "value": "4.2", "estimated": "on"}, follow=True)
    assert "The value for 2019-20 was corrected." in r.content.decode()
    obs.refresh_from_db()
    assert (float(obs.value), obs.estimated) == (4.2, True)
    assert obs.history.count() == 2  # the first figure is kept in the history

    derived = Indicator.objects.get(derived="high_risks")
    page = client.get(f"{LCC}/kpis/{derived.slug}/").content.decode()
    assert "Record a value" not in page  # counted from snapshots, not typed
    assert (
        client.post(f"{LCC}/kpis/{derived.slug}/", {"period": "2024", "value": "1"}).status_code
        == 403
    )
