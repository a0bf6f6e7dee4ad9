"""The committee report flags each open risk whose review date has passed, in the Word
document and the web page alike (read back from the files generated); a closed risk is not."""

import io
from datetime import date

import pytest
from docx import Document

from plantracker.plans.models import Plan
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.risks.models import Risk, RiskRegister
from plantracker.updates.models import ReportingPeriod


@pytest.mark.django_db
def test_overdue_reviews_are_flagged_in_the_docx_and_html(communities: Plan) -> None:
    register = RiskRegister.objects.create(
        organisation=communities.organisation, plan=communities, slug="nzc", title="NZC risks"
    )
    Risk.objects.create(register=register, ref="R1", title="Grant ends", impact=4,
                        likelihood=4, review_date=date(2020, 3, 1))  # fmt: skip
    Risk.objects.create(register=register, ref="R2", title="Supplier fails", impact=2,
                        likelihood=2, review_date=date(2099, 1, 1))  # fmt: skip
    Risk.objects.create(register=register, ref="R3", title="Old risk", impact=5, likelihood=5,
                        review_date=date(2019, 1, 1), status="closed")  # fmt: skip
    draft = ReportingPeriod.objects.create(plan=communities, label="Draft")
    report = committee_report(communities, draft)
    (top,) = report.top_risks
    assert [r["ref"] for r in top.overdue] == ["R1"]

    html = RENDERERS["html"](report).decode()
    assert html.count("Review overdue since 1 March 2020") == 2  # worst list and its own table
    assert "NZC risks: 1 open risk overdue for review" in html
    assert "2019" not in html.split("Top risks")[1].split("Coverage gaps")[0]  # closed: not listed

    doc = Document(io.BytesIO(RENDERERS["docx"](report)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert cells.count("Review overdue since 1 March 2020") == 2
    assert "2099-01-01" in cells  # not yet due: the date as it is
    assert not any("Old risk" in c for c in cells)
