"""The committee report as HTML, and as PDF drawn from that HTML by WeasyPrint."""

from __future__ import annotations

from django.template.loader import render_to_string

from plantracker.updates.markdown import plain_diff

from . import chart_images
from . import committee_sections as sections
from .committee import CommitteeReport
from .committee_carbon import carbon_text


def render_html(report: CommitteeReport, *, for_pdf: bool = False) -> str:
    context = {
        "r": report,
        "appendix": [(a, plain_diff(d) if d else d) for a, d in report.appendix],
        "for_pdf": for_pdf,
        "charts": {
            "rag": chart_images.svg_data_uri(report.rag_chart()),
            "stage": chart_images.svg_data_uri(report.stage_chart()),
        },
        "rag_alt": report.chart_text("rag"),
        "stage_alt": report.chart_text("stage"),
        "s": sections,
        "kpi_rows": [sections.kpi_cells(k) for k in report.kpis.off_track],
        "kpi_caption": sections.kpi_caption(report.kpis),
        "kpi_text": sections.kpi_text(report.kpis, report.plan.title),
        "risks_text": sections.risks_text(report.top_risks, report.plan.title),
        "registers": [
            (
                reg,
                sections.top_text(reg),
                [sections.risk_cells(x, reg.as_of) for x in reg.risks],
                [sections.overdue_cells(x, reg.as_of) for x in reg.overdue],
                sections.overdue_caption(reg),
            )
            for reg in report.top_risks or []
        ],
        "gaps": sections.gap_tables(report.coverage) if report.coverage else [],
        "coverage_text": sections.coverage_text(report.coverage, report.plan),
        "carbon_text": carbon_text(report.carbon),
    }
    return render_to_string("reports/committee.html", context)


def render_pdf(report: CommitteeReport) -> bytes:
    """A tagged PDF (headings, table headers, alt text) with the document's language."""
    from weasyprint import HTML

    from . import pdf_pages

    pdf_pages.install()
    html = render_html(report, for_pdf=True)
    pdf = HTML(string=html).write_pdf(pdf_tags=True, custom_metadata=True)
    assert pdf is not None
    return pdf
