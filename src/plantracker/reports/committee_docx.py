"""The committee report as a Word document: real headings and tables (not pictures of
them), header rows marked to repeat, charts with alt text, and the change markings of the
council's tracker — inserted text red and underlined, removed text struck through."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from plantracker.updates.diff import Segment

from . import chart_images
from . import committee_sections as sections
from .committee import CommitteeReport
from .committee_carbon import carbon_text
from .plan_data import month_label

RED = RGBColor(0xD4, 0x35, 0x1C)


def add_run(paragraph: Paragraph, text: str) -> Run:
    """paragraph.add_run(text), quicker for text without line breaks or tabs (python-docx
    otherwise reads the text a character at a time to turn those into Word's own marks)."""
    if not text or "\n" in text or "\t" in text or "\r" in text:
        return paragraph.add_run(text)
    r = paragraph._p.add_r()
    r.add_t(text)
    return Run(r, paragraph)


def diff_runs(paragraph: Paragraph, segments: Sequence[Segment]) -> None:
    for op, text in segments:
        run = add_run(paragraph, text)
        if op == "insert":
            run.font.color.rgb = RED
            run.font.underline = WD_UNDERLINE.SINGLE
        elif op == "delete":
            run.font.strike = True


def _table(doc: Any, caption: str, head: list[str], rows: list[list[Any]]) -> Table:
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    # Mark the first row as the header so screen readers and page breaks know it.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    if not rows:
        return table
    # Each row is a copy of one empty row (cell widths and all), filled by adding runs to
    # its paragraphs: the same XML as add_row() and cell.text, at a fraction of the cost.
    blank = copy.deepcopy(table.add_row()._tr)
    table._tbl.remove(table._tbl.tr_lst[-1])
    for values in rows:
        tr = copy.deepcopy(blank)
        table._tbl.append(tr)
        for tc, value in zip(tr.tc_lst, values, strict=True):
            paragraph = Paragraph(tc.p_lst[0], table)
            if isinstance(value, list):  # a diff
                diff_runs(paragraph, value)
            elif value not in (None, ""):
                add_run(paragraph, str(value))
    return table


def _picture(doc: Any, png: bytes, alt: str) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(15))
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", alt.split(".")[0])


def render_docx(report: CommitteeReport) -> bytes:
    r = report
    doc = Document()
    doc.core_properties.title = r.title
    doc.core_properties.author = r.plan.organisation.name
    doc.core_properties.language = "en-GB"
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)

    doc.add_paragraph(r.plan.organisation.name)
    doc.add_heading(r.title, level=0)
    if not r.published:
        doc.add_paragraph(
            f"Draft: {r.period.label} has not been published. This preview shows updates "
            "as they stand now, including those not yet approved."
        )
    meeting_date = r.meeting_date.strftime("%-d %B %Y") if r.meeting_date else "Not set"
    _table(
        doc,
        "Report details",
        ["Item", "Detail"],
        [
            ["Meeting", r.period.meeting or "Not set"],
            ["Date of meeting", meeting_date],
            ["Report of", r.period.report_of or "Not set"],
            ["Reporting period", r.period.label],
        ],
    )

    doc.add_heading("Purpose of the report", level=1)
    since = f", and of the changes since the last report ({r.since.label})" if r.since else ""
    doc.add_paragraph(
        f"To inform the committee of progress with the delivery of the {r.plan.title} "
        f"as reported for {r.period.label}{since}."
    )
    doc.add_heading("Background", level=1)
    n = len(r.actions)
    doc.add_paragraph(
        f"{r.plan.title} has {n} action{'s' if n != 1 else ''} in {len(r.data['themes'])} "
        "themes. Each action's owner reports its progress every reporting period: what has "
        "happened, its stage and a RAG rating."
    )
    doc.add_paragraph(
        "RAG rating. Green: on track to agreed timelines. Amber: some delivery off track, "
        "further work to complete. Red: significantly off track or may no longer be "
        "possible. Not known: no rating given."
    )

    doc.add_heading("Summary of progress", level=1)
    _picture(doc, chart_images.png(r.rag_chart()), r.chart_text("rag"))
    _table(doc, "Actions by RAG rating", ["RAG rating", "Actions"], [list(t) for t in r.rag_totals])
    _picture(doc, chart_images.png(r.stage_chart()), r.chart_text("stage"))
    _table(doc, "Actions by stage", ["Stage", "Actions"], [list(t) for t in r.stage_totals])

    doc.add_heading("Exceptions", level=1)
    doc.add_heading("Actions rated Red or Amber", level=2)
    if r.exceptions:
        _table(
            doc,
            f"Actions rated Red or Amber ({len(r.exceptions)})",
            ["Action", "RAG", "Reason", "Update"],
            [
                [
                    f"{a['ref']} {a['title']}",
                    a["rag"],
                    a.get("rag_reason") or "Not given",
                    a["narrative"],
                ]
                for a in r.exceptions
            ],
        )
    else:
        doc.add_paragraph("No action is rated Red or Amber.")
    doc.add_heading("Actions whose end date has slipped", level=2)
    if r.slipped:
        _table(
            doc,
            f"Slipped end dates ({len(r.slipped)})",
            ["Action", "Original end", "Revised end"],
            [
                [f"{a['ref']} {a['title']}", month_label(a["end"]), month_label(a["revised_end"])]
                for a in r.slipped
            ],
        )
    else:
        doc.add_paragraph("No end date has slipped.")

    _measures(doc, r)
    _carbon(doc, r)

    doc.add_heading("Changes since the last report", level=1)
    _changes(doc, r)

    doc.add_heading("Appendix: all actions", level=1)
    marked = f"; changes since {r.changes.before} are marked" if r.changes else ""
    _table(
        doc,
        f"Every action with its {r.period.label} update{marked}",
        ["Ref", "Action", "Stage", "RAG", "End", "Update"],
        [
            [
                a["ref"],
                a["title"],
                a.get("stage") or "Not known",
                a.get("rag") or "Not known",
                month_label(a.get("revised_end") or a.get("end")),
                diff or a.get("narrative") or "",
            ]
            for a, diff in r.appendix
        ],
    )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _measures(doc: Any, r: CommitteeReport) -> None:
    """KPIs off track, top risks and coverage gaps."""
    doc.add_heading("KPIs off track", level=1)
    doc.add_paragraph(sections.kpi_text(r.kpis, r.plan.title))
    if r.kpis.off_track:
        _table(
            doc,
            sections.kpi_caption(r.kpis),
            sections.KPI_HEAD,
            [sections.kpi_cells(k) for k in r.kpis.off_track],
        )
    elif r.kpis.total:
        doc.add_paragraph(sections.NO_KPI_OFF_TRACK)

    doc.add_heading("Top risks", level=1)
    if text := sections.risks_text(r.top_risks, r.plan.title):
        doc.add_paragraph(text)
    for reg in r.top_risks or []:
        doc.add_heading(reg.title, level=2)
        doc.add_paragraph(sections.top_text(reg))
        if reg.risks:
            rows = [sections.risk_cells(x, reg.as_of) for x in reg.risks]
            _table(doc, f"{reg.title}: highest risks", sections.RISK_HEAD, rows)
        else:
            doc.add_paragraph(sections.NO_RISK_SCORED)
        if reg.overdue:
            rows = [sections.overdue_cells(x, reg.as_of) for x in reg.overdue]
            _table(doc, sections.overdue_caption(reg), sections.OVERDUE_HEAD, rows)

    doc.add_heading("Coverage gaps", level=1)
    doc.add_paragraph(sections.coverage_text(r.coverage, r.plan))
    for g in sections.gap_tables(r.coverage) if r.coverage else []:
        doc.add_heading(g.heading, level=2)
        if g.rows:
            _table(doc, g.caption, g.head, g.rows)
        else:
            doc.add_paragraph(g.none)


def _carbon(doc: Any, r: CommitteeReport) -> None:
    doc.add_heading("Carbon reduction", level=1)
    if text := carbon_text(r.carbon):
        doc.add_paragraph(text)
    for c in r.carbon or []:
        doc.add_heading(c.title, level=2)
        doc.add_paragraph(c.text)
        for tb in c.tables:
            _table(doc, tb.caption, tb.head, tb.rows)


def _changes(doc: Any, r: CommitteeReport) -> None:
    c = r.changes
    if c is None:
        doc.add_paragraph("This is the first report for the plan: there is nothing to compare.")
        return
    p = doc.add_paragraph(
        f"Compared with {c.before}: {len(c.changed)} changed, {len(c.added)} added, "
        f"{len(c.removed)} removed, {c.unchanged} unchanged. New text is shown "
    )
    diff_runs(
        p,
        [
            ("insert", "in red and underlined"),
            ("equal", " and removed text "),
            ("delete", "struck through"),
            ("equal", "."),
        ],
    )
    table = r.change_table
    if not table:
        return
    rows: list[list[Any]] = []
    for group in table:
        name = [("equal", f"{group.ref} "), *(group.title_diff or [("equal", group.title)])]
        for i, (what, was, now, change) in enumerate(group.rows):
            rows.append([name if i == 0 else "", what, was, now, change or "—"])
    word_table = _table(
        doc,
        f"What changed since {c.before}",
        ["Action", "What changed", f"Was ({c.before})", f"Now ({c.after})", "Change"],
        rows,
    )
    # One cell down the side for each action, as in the PDF: a vertical merge, marked on
    # each row's own cell (python-docx's Table.cell() reads the whole table on every call).
    trs = iter(word_table._tbl.tr_lst[1:])  # taken in turn: slicing the rest is quadratic
    for group in table:
        side = [next(trs).tc_lst[0] for _ in group.rows]
        if len(side) > 1:
            side[0].vMerge = "restart"
            for tc in side[1:]:
                tc.vMerge = "continue"
