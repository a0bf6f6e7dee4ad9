"""The committee report's KPIs off track, top risks and coverage gaps, for the Environment
Strategy Action Plan as `make demo` loads it, read back from the PDF and the Word document."""

import csv
import io
from datetime import date
from decimal import Decimal

import pdfplumber
import pytest
from docx import Document

from plantracker.core.models import Membership
from plantracker.indicators import periods
from plantracker.indicators.models import Indicator, Observation
from plantracker.indicators.selectors import kpi_view
from plantracker.operations.sample import CLIMATE_REGISTER, SAMPLE_PLANS
from plantracker.plans.models import Plan
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.risks.models import Risk
from plantracker.updates import services
from plantracker.updates.models import ReportingPeriod, Snapshot
from tests.conftest import SAMPLES
from tests.strategy.test_framework_import import codes_in_table_1, codes_used_by_actions

CLIMATE_FILE = SAMPLES / "climate-risk-register.csv"
WASTE = "Household waste sent for reuse recycling or composting"
ENERGY = "Energy consumed from low/zero carbon energy generated on Council land and properties"


def climate_current_scores() -> list[tuple[str, int]]:
    """(ref, score now) from the sample file itself: residual impact × likelihood where
    given, else inherent; worst first, file order among equals."""
    lines = CLIMATE_FILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ref,"))
    scores = []
    for row in csv.DictReader(lines[start:]):
        if row["Residual Impact"] and row["Residual Likelihood"]:
            now = int(row["Residual Impact"]) * int(row["Residual Likelihood"])
        else:
            now = int(row["Impact"]) * int(row["Likelihood"])
        scores.append((row["Ref"], now))
    return sorted(scores, key=lambda s: -s[1])


def observe(title: str, label: str, value: str) -> None:
    p = periods.parse(label)
    Observation.objects.create(
        indicator=Indicator.objects.get(title=title),
        period=p.label,
        period_start=p.start,
        period_end=p.end,
        value=Decimal(value),
    )


@pytest.fixture
def published(samples: None, django_user_model: object) -> ReportingPeriod:
    plan = Plan.objects.get(slug=SAMPLE_PLANS[1].slug)
    observe(WASTE, "2020-21", "42.3")  # 50% by 2020: missed
    observe(ENERGY, "2021-22", "16")  # 15% by 2021: met
    approver = django_user_model.objects.create_user("ap")  # type: ignore[attr-defined]
    Membership.objects.create(user=approver, organisation=plan.organisation, role="approver")
    period = services.period_create(plan=plan, user=approver, label="March 2022")
    services.period_close(period=period, user=approver)
    services.period_publish(period=period, user=approver)
    period.refresh_from_db()
    return period


@pytest.mark.django_db
def test_sections_data_from_the_snapshot(published: ReportingPeriod) -> None:
    plan = published.plan
    report = committee_report(plan, published)
    live_off = [i.title for i in plan.indicators.all() if kpi_view(i).off_track]
    assert WASTE in live_off and ENERGY not in live_off
    assert [k.title for k in report.kpis.off_track] == live_off
    assert report.kpis.total == plan.indicators.count()
    assert dict(report.kpis.counts)["met"] >= 1
    waste = next(k for k in report.kpis.off_track if k.title == WASTE)
    assert waste.latest == "42.3% (2020-21)" and waste.status == "not met"

    (climate,) = report.top_risks
    expected = climate_current_scores()
    assert [(r["ref"], r["current"]) for r in climate.risks] == expected[:5]
    assert climate.count == len(expected)

    gaps = [o.code for o in report.coverage.uncovered]
    assert gaps == sorted(set(codes_in_table_1()) - codes_used_by_actions())
    assert len([u for u in report.coverage.unlinked if "All" in u.reason]) == 9

    # Published means frozen: re-scoring a risk later does not change this report.
    worst = Risk.objects.get(register__slug=CLIMATE_REGISTER, ref=expected[0][0])
    worst.residual_likelihood = worst.likelihood = 1
    worst.save()
    again = committee_report(plan, published)
    assert [r["ref"] for r in again.top_risks[0].risks] == [r for r, _ in expected[:5]]


@pytest.mark.django_db
def test_pdf_and_docx_carry_the_three_sections(published: ReportingPeriod) -> None:
    report = committee_report(published.plan, published)
    expected = climate_current_scores()
    gaps = sorted(set(codes_in_table_1()) - codes_used_by_actions())

    with pdfplumber.open(io.BytesIO(RENDERERS["pdf"](report))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    flat = " ".join(text.split())
    for heading in ("KPIs off track", "Top risks", "Coverage gaps"):
        assert heading in text
    assert f"Of the plan's {report.kpis.total} KPIs:" in flat
    kpi_part = flat[flat.index("KPIs off track") : flat.index("Top risks")]
    assert "42.3%" in kpi_part and "(2020-21)" in kpi_part  # table cells wrap in the PDF
    assert "Energy consumed from low/zero carbon" not in kpi_part  # met, so not listed
    risk_part = flat[flat.index("Top risks") : flat.index("Coverage gaps")]
    positions = [risk_part.index(f"{ref} ") for ref, _ in expected[:5]]
    assert positions == sorted(positions)  # worst first
    assert f"{expected[0][1]} High" in risk_part
    cover_part = flat[flat.index("Coverage gaps") : flat.index("Changes since the last report")]
    for code in gaps:
        assert f"{code} " in cover_part

    doc = Document(io.BytesIO(RENDERERS["docx"](report)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert {"KPIs off track", "Top risks", "Coverage gaps"} <= set(headings)
    assert "Climate Change Risk Register" in headings
    tables = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[1].text: t for t in doc.tables}
    kpis = tables["KPI|Target"]
    assert [r.cells[0].text for r in kpis.rows[1:]] == [k.title for k in report.kpis.off_track]
    risks = tables["Ref|Risk"]
    assert [(r.cells[0].text, r.cells[3].text.split()[0]) for r in risks.rows[1:]] == [
        (ref, str(score)) for ref, score in expected[:5]
    ]
    # header rows repeat across pages
    assert (
        risks.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )
    objectives = tables["Code|Objective"]
    assert [r.cells[0].text for r in objectives.rows[1:]] == gaps


@pytest.mark.django_db
def test_sections_say_why_they_are_empty(communities: Plan, django_user_model: object) -> None:
    """A plan with no KPIs, registers or strategy says so; a snapshot taken before KPIs and
    risks were kept says that instead of reporting none."""
    report = committee_report(
        communities, ReportingPeriod.objects.create(plan=communities, label="Draft")
    )
    html = RENDERERS["html"](report).decode()
    assert f"No KPIs are recorded for {communities.title}." in html
    assert f"{communities.title} has no risk register." in html
    assert "is not linked to a strategy" in html

    approver = django_user_model.objects.create_user("ap")  # type: ignore[attr-defined]
    Membership.objects.create(user=approver, organisation=communities.organisation, role="approver")
    period = services.period_create(
        plan=communities, user=approver, label="June 2021", due=date(2021, 6, 1)
    )
    services.period_close(period=period, user=approver)
    services.period_publish(period=period, user=approver)
    snap = Snapshot.objects.get(period=period)
    del snap.data["kpis"], snap.data["risks"]
    snap.save()
    period.refresh_from_db()
    html = RENDERERS["html"](committee_report(communities, period)).decode()
    assert "published before KPIs were reported with it" in html
    assert "published before risk registers were reported with it" in html


def test_closed_and_inactive_risks_are_not_among_the_worst() -> None:
    from plantracker.reports.committee_sections import top_risks

    matrix = {"scale": 5, "method": "product", "one_is_highest": False, "bands": [],
              "rule": "impact × likelihood"}  # fmt: skip
    risks = [
        {"ref": "R1", "current": 25, "status": "closed"},
        {"ref": "R2", "current": 20, "status": "inactive"},
        {"ref": "R3", "current": 12, "status": "open"},
        {"ref": "R4", "current": 6},  # a snapshot from before risks had a status: open
    ]
    (register,) = top_risks({"risks": [{"title": "R", "matrix": matrix, "risks": risks}]})
    assert [r["ref"] for r in register.risks] == ["R3", "R4"]
    assert register.count == 4
