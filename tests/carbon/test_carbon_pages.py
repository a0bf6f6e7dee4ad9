"""The carbon pages, downloads, API, committee report section and commands, on the sample
data `make demo` loads."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from plantracker.carbon.models import AreaEmission, CarbonProfile, Roadmap, Scenario
from plantracker.core.models import Membership
from plantracker.operations.sample import ROADMAP, SAMPLE_PLANS
from plantracker.plans.models import Plan
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.updates import services
from tests.carbon.test_roadmap import area_slide, baseline, table_1
from tests.conftest import ORG, SAMPLES

LCC = "leicestershire-county-council"
PAGE = f"/organisations/{LCC}/roadmaps/{ROADMAP}/"
AREA_FILE = str(SAMPLES / "mysociety_local_authority_emissions.csv")


def editor(django_user_model) -> Client:
    user = django_user_model.objects.create_user("ed")
    org = Plan.objects.get(slug=SAMPLE_PLANS[1].slug).organisation
    Membership.objects.create(user=user, organisation=org, role="editor")
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_roadmap_page_shows_the_packs_figures_and_a_what_if(samples: None, client) -> None:
    cats = table_1()
    areas, area_total = area_slide()
    page = client.get(PAGE).content.decode()
    assert f"{cats['Total tonnes CO₂e removed']:,}" in page  # 12,700
    assert f"<strong>{area_total:,}</strong>" in page  # 12,000 in the four areas
    for name, value in areas.items():
        assert (
            f'>{name}</th><td class="govuk-table__cell govuk-table__cell--numeric">{value:,}<'
            in page
        )
    residual = baseline() - sum(v for k, v in cats.items() if not k.startswith(("Total", "Off")))
    net = residual - cats["Offset balance"]
    assert f"{residual:,} tCO2e before offsets; {net:,} tCO2e net" in page
    assert "Carbon neutral by 2030" in page and f"a gap of {net:,} tCO2e" in page
    # The 64% target is against 2016-17, for which the sample inventory has no figure.
    assert "No emissions are recorded for 2016-17" in page
    assert 'id="chart-wedges-spec"' in page and 'id="chart-waterfall-spec"' in page
    assert "Deliver Quorn Solar Farm project" in page

    # What-if: without the complex improvements, 3,500 t more are left.
    what_if = client.get(PAGE + "?off=complex").content.decode()
    complex_t = cats["Low return / complex improvements"]
    assert f"{residual + complex_t:,} tCO2e before offsets" in what_if
    assert "Switched off: Low return / complex improvements" in what_if
    assert f"The whole roadmap: gap {net:,} t." in what_if
    assert client.get(PAGE + "?off=nonsense").status_code == 404


@pytest.mark.django_db
def test_scenarios_are_saved_by_editors(samples: None, client, django_user_model) -> None:
    assert client.post(PAGE, {"name": "No complex", "off": "complex"}).status_code == 403
    assert not Scenario.objects.exists()
    ed = editor(django_user_model)
    empty = ed.post(PAGE, {"name": "Nothing off"}).content.decode()
    assert "Switch something off first" in empty and not Scenario.objects.exists()
    r = ed.post(PAGE, {"name": "No complex, no Quorn", "off": ["complex", "Quorn Solar Farm"]})
    saved = Scenario.objects.get()
    assert saved.off == ["Quorn Solar Farm", "complex"]
    assert r.status_code == 302 and r["Location"].endswith(f"?scenario={saved.pk}#what-if")
    page = ed.get(r["Location"]).content.decode()
    assert "What-if: No complex, no Quorn" in page and "The scenario ‘No complex, no Quorn’" in page
    again = ed.post(PAGE, {"name": "No complex, no Quorn", "off": "offset"})
    assert again.status_code == 302 and Scenario.objects.get().off == ["offset"]


@pytest.mark.django_db
def test_downloads_read_back(samples: None, client) -> None:
    cats = table_1()
    wb = load_workbook(io.BytesIO(client.get(PAGE.rstrip("/") + ".xlsx").content))
    assert wb.sheetnames == ["Workstreams", "Trajectory", "Totals", "Waterfall", "Targets"]
    totals = list(wb["Totals"].iter_rows(min_row=2, values_only=True))
    by_cat = {name: value for kind, name, value in totals if kind == "Category"}
    assert sum(by_cat.values()) == cats["Total tonnes CO₂e removed"]
    last = list(wb["Trajectory"].iter_rows(values_only=True))[-1]
    assert last[0] == 2030 and last[-1] == baseline() - cats["Total tonnes CO₂e removed"]
    rows = list(
        csv.reader(io.StringIO(client.get(PAGE.rstrip("/") + ".csv").content.decode("utf-8-sig")))
    )
    workstreams = SAMPLES / "carbon-reduction-roadmap-tranche-1-workstreams.csv"
    lines = workstreams.read_text(encoding="utf-8").splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Workstream,"))
    names = {r["Workstream"] for r in csv.DictReader(lines[head:])}
    assert {r[0] for r in rows[1:]} == names
    data = json.loads(client.get(PAGE.rstrip("/") + ".json?off=offset").content)
    assert data["switched_off"] == ["offset"] and data["net"] == data["residual_before_offsets"]

    inventory = load_workbook(
        io.BytesIO(client.get(f"/organisations/{LCC}/carbon/emissions.xlsx").content)
    )
    totals_sheet = list(inventory["Totals"].iter_rows(values_only=True))
    assert totals_sheet[1][:4] == ("2018-19", 13000, 32000, 45000)
    area_csv = client.get("/areas/LEC.csv").content.decode("utf-8-sig").splitlines()
    assert (
        area_csv[0].startswith("Year,Industry (kt CO2)")
        and "Open Government Licence" in area_csv[1]
    )


@pytest.mark.django_db
def test_api(samples: None, client) -> None:
    r = client.get(f"/api/v1/organisations/{LCC}/roadmaps/{ROADMAP}?off=complex,Quorn Solar Farm")
    body = r.json()
    assert body["switched_off"] == ["Quorn Solar Farm", "complex"]
    assert client.get(f"/api/v1/organisations/{LCC}/roadmaps/{ROADMAP}?off=x").status_code == 400
    assert client.get(f"/api/v1/organisations/{LCC}/roadmaps/nope").status_code == 404
    lec = client.get("/api/v1/areas/lec/emissions").json()
    year = next(y for y in lec["years"] if y["year"] == 2017)
    assert round(year["total"], 1) == 3539.6 and "mySociety" in lec["source"]
    inv = client.get(f"/api/v1/organisations/{LCC}/emissions").json()
    assert inv["baseline_period"] == "2018-19" and inv["totals"][0]["measured"] == 13000


@pytest.mark.django_db
def test_pages_keep_their_query_budgets(
    samples: None, client, django_assert_max_num_queries
) -> None:
    for url, budget in (
        (PAGE, 12),
        (f"/organisations/{LCC}/carbon/", 14),
        ("/areas/LEC/", 8),
        ("/conversion-factors/?q=gas", 6),
    ):
        with django_assert_max_num_queries(budget, info=url):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_committee_report_carries_the_roadmap(samples: None, django_user_model) -> None:
    plan = Plan.objects.get(slug=SAMPLE_PLANS[1].slug)
    approver = django_user_model.objects.create_user("ap")
    Membership.objects.create(user=approver, organisation=plan.organisation, role="approver")
    period = services.period_create(plan=plan, user=approver, label="March 2022")
    services.period_close(period=period, user=approver)
    services.period_publish(period=period, user=approver)
    period.refresh_from_db()
    # Published: later changes to the roadmap do not move the report.
    Roadmap.objects.update(baseline_tco2e=20000)
    report = committee_report(plan, period)
    assert report.carbon and report.carbon[0].title.startswith("Tranche 1")
    assert "Baseline 13,000 tCO2e in 2018-19" in report.carbon[0].text
    html = RENDERERS["html"](report).decode()
    assert "<h2>Carbon reduction</h2>" in html and "12,700" in html
    doc = Document(io.BytesIO(RENDERERS["docx"](report)))
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}
    cats = [(r.cells[0].text, r.cells[1].text) for r in tables["Category"].rows[1:]]
    assert cats[-1] == ("Total", f"{table_1()['Total tonnes CO₂e removed']:,}")
    targets = [r.cells[0].text for r in tables["Target"].rows[1:]]
    assert targets == ["64% reduction by 2025", "Carbon neutral by 2030"]
    communities = Plan.objects.get(slug=SAMPLE_PLANS[0].slug)
    assert committee_report(communities, services.period_create(
        plan=communities, user=approver, label="June 2022")).carbon == []  # fmt: skip


@pytest.mark.django_db
def test_commands(tmp_path, capsys) -> None:
    call_command("import-area-emissions", AREA_FILE,
                 "--code", "LEC", "--quoted", str(SAMPLES / "area-emissions-quoted-2017.csv"),
                 "--dry-run")  # fmt: skip
    assert "dry run, nothing written" in capsys.readouterr().out
    assert not AreaEmission.objects.exists()
    call_command("import-emissions", str(SAMPLES / "inventory-2018-19-illustrative.csv"),
                 "--organisation", ORG, "--baseline", "2018-19")  # fmt: skip
    call_command("import-area-emissions", AREA_FILE,
                 "--code", "LEC", "--organisation", ORG)  # fmt: skip
    out = capsys.readouterr().out
    assert "areas was imported" in out or "area was imported" in out
    assert CarbonProfile.objects.get().area_code == "LEC"
    with pytest.raises(CommandError, match="exactly one --code"):
        call_command("import-area-emissions", AREA_FILE,
                     "--organisation", ORG)  # fmt: skip
    bad = tmp_path / "w.csv"
    bad.write_text(
        "Workstream,Category,Area,tCO2e saved by 2030,Start\nX,Nope,Travel,1,2020\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import-roadmap", str(bad), "--roadmap", "r", "--organisation", ORG,
                     "--title", "R", "--baseline-period", "2018-19", "--baseline-tco2e", "100",
                     "--target-year", "2030")  # fmt: skip
    assert "row 2" in capsys.readouterr().err
