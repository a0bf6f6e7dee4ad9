"""The committee report as a Word document a council can send as it is: A4 with page
numbers and the council's logo and name in the header, Word's built-in styles (so the
council's own template, when uploaded, restyles it), real headings and tables (header rows
repeated on every page), charts with alt text, officers' Markdown rendered, and the change
markings of the council's tracker — inserted text red and underlined, removed text struck
through."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from plantracker.updates.diff import Segment
from plantracker.updates.markdown import Span, plain_diff

from . import chart_images
from . import committee_sections as sections
from .committee import CommitteeReport
from .committee_carbon import carbon_text
from .council_text import ReportSection
from .docx_markdown import MarkdownWriter, Paragraphs
from .docx_page import pages
from .docx_runs import RED, add_run, diff_runs
from .docx_styles import Styles
from .docx_template import open_document, read_template
from .plan_data import day_label, month_label

__all__ = ["RED", "add_run", "diff_runs", "render_docx"]

RAG_KEY = (
    "Green: on track to agreed timelines. Amber: some delivery off track, further work to "
    "complete. Red: significantly off track or may no longer be possible. Not known: no "
    "rating given."
)
STAGE_KEY = "Discovery, Design, Delivery, Completed."


@dataclass(frozen=True)
class Md:
    """A table cell of Markdown, with the update's label above it when there is one."""

    text: str | None
    label: str = ""


@dataclass(frozen=True)
class Marked:
    """A table cell of an update's changes since the last report, with its label."""

    segments: list[Segment]
    label: str = ""


class WordReport:
    def __init__(self, doc: DocumentObject, from_template: bool) -> None:
        self.doc = doc
        self.from_template = from_template
        self.styles = Styles(doc)
        self.md = MarkdownWriter(self.styles, doc.part, doc)
        self.body = doc.element.body

    # Paragraphs

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        p = self.body.add_p()
        if style:
            self.styles.apply(p, style)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            add_run(paragraph, text)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        name = "Title" if level == 0 else f"Heading {level}"
        paragraph = self.paragraph(style=name)
        run = add_run(paragraph, text)
        if not self.styles.has(name):  # no such style anywhere: a bold line instead
            run.bold = True
            run.font.size = Pt(20 if level == 0 else 16 - 2 * level)
        return paragraph

    def markdown(self, text: str | None) -> None:
        self.md.write(Paragraphs(self.body), text)

    def section(self, section: ReportSection) -> None:
        self.heading(section.heading, 1)
        self.markdown(section.text)

    def label(self, p: Any, text: str) -> None:
        """The update's label ("No update this period — last reported ..."), in italics."""
        add_run(Paragraph(p, self.doc._body), text).italic = True

    # Tables

    def table(self, caption: str, head: list[str], rows: Sequence[Sequence[Any]]) -> Table:
        self.paragraph(caption, "Caption")
        table = self.doc.add_table(rows=1, cols=len(head))
        if style_id := self.styles.ids.get("Table Grid"):
            table._tbl.tblPr.style = style_id
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        # The first row is the header: repeated at the top of each page the table runs
        # onto, and read as the header by screen readers.
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
                self.cell(tc, table, value)
        return table

    def cell(self, tc: Any, table: Table, value: Any) -> None:
        first = tc.p_lst[0]
        if isinstance(value, Md):
            if value.label:
                self.label(first, value.label)
                first = None
            self.md.write(Paragraphs(tc, first), value.text)
        elif isinstance(value, Marked):
            if value.label:
                self.label(first, value.label)
                first = tc.add_p()
            diff_runs(Paragraph(first, table), plain_diff(value.segments))
        elif isinstance(value, list):  # a diff
            diff_runs(Paragraph(first, table), value)
        elif value not in (None, ""):
            add_run(Paragraph(first, table), str(value))

    def picture(self, png: bytes, alt: str) -> None:
        self.doc.add_picture(io.BytesIO(png), width=Cm(15))
        inline = self.doc.inline_shapes[-1]._inline
        inline.docPr.set("descr", alt)
        inline.docPr.set("title", alt.split(".")[0])

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def word_document(report: CommitteeReport) -> WordReport:
    """The document to write into: the organisation's template, or the default set to A4."""
    org = report.plan.organisation
    field = getattr(org, "word_template", None)
    doc, from_template = open_document(read_template(field), getattr(field, "name", ""))
    if not from_template:
        doc.styles["Normal"].font.name = "Arial"
        doc.styles["Normal"].font.size = Pt(11)
    pages(doc, report.brand, from_template=from_template)
    return WordReport(doc, from_template)


def render_docx(report: CommitteeReport) -> bytes:
    r = report
    w = word_document(r)
    doc = w.doc
    doc.core_properties.title = r.title
    doc.core_properties.author = r.brand.name
    doc.core_properties.language = "en-GB"

    w.heading(r.title, 0)
    if not r.published:
        w.paragraph(
            f"Draft: {r.period.label} has not been published. This preview shows updates "
            "as they stand now, including those not yet approved."
        )
    meeting_date = r.meeting_date.strftime("%-d %B %Y") if r.meeting_date else "Not set"
    details = [["Agenda item", r.text.agenda_item]] if r.text.agenda_item else []
    w.table(
        "Report details",
        ["Item", "Detail"],
        [
            *details,
            ["Meeting", r.period.meeting or "Not set"],
            ["Date of meeting", meeting_date],
            ["Report of", r.period.report_of or "Not set"],
            ["Reporting period", r.period.label],
        ],
    )
    for section in r.text.front:
        w.section(section)
        if section.key == "background":
            key = w.paragraph()
            add_run(key, "RAG rating. ").bold = True
            add_run(key, RAG_KEY + " ")
            add_run(key, "Stage. ").bold = True
            add_run(key, STAGE_KEY)

    _summary(w, r)
    _exceptions(w, r)
    _measures(w, r)
    _carbon(w, r)
    w.heading("Changes since the last report", 1)
    _changes(w, r)
    for section in r.text.back:
        w.section(section)
    _contacts(w, r)
    _appendix(w, r)
    source = (f"the updates as published for {r.period.label}" if r.published
              else "the plan as it stands now (a draft)")  # fmt: skip
    w.paragraph(f"Produced with Plan Tracker from {source}.")
    return w.save()


def _summary(w: WordReport, r: CommitteeReport) -> None:
    w.heading("Summary of progress", 1)
    if r.no_update:
        n = len(r.no_update)
        w.paragraph(
            f"{n} of {len(r.actions) - len(r.withdrawn)} action{'s' if n != 1 else ''} "
            f"had no update for {r.period.label}; each is labelled where its update is shown."
        )
    w.picture(chart_images.png(r.rag_chart()), r.chart_text("rag"))
    w.table("Actions by RAG rating", ["RAG rating", "Actions"], [list(t) for t in r.rag_totals])
    w.picture(chart_images.png(r.stage_chart()), r.chart_text("stage"))
    w.table("Actions by stage", ["Stage", "Actions"], [list(t) for t in r.stage_totals])


def _action(a: dict[str, Any]) -> str:
    return f"{a['ref']} {a['title']}"


def _end(a: dict[str, Any]) -> str:
    if a.get("revised_end"):
        return f"{month_label(a['revised_end'])} (was {month_label(a.get('end'))})"
    return month_label(a.get("end"))


def _exceptions(w: WordReport, r: CommitteeReport) -> None:
    w.heading("Exceptions", 1)
    w.heading("Actions rated Red or Amber", 2)
    if r.exceptions:
        w.table(
            f"Actions rated Red or Amber ({len(r.exceptions)})",
            ["Action", "RAG", "Reason", "Update"],
            [
                [
                    _action(a),
                    a["rag"],
                    Md(a.get("rag_reason") or "Not given"),
                    Md(a.get("narrative"), r.update_label(a)),
                ]
                for a in r.exceptions
            ],
        )
    else:
        w.paragraph("No action is rated Red or Amber.")
    w.heading("Actions past their end date", 2)
    if r.overdue:
        w.table(
            f"Actions past their end date and not completed ({len(r.overdue)})",
            ["Action", "End", "Stage", "RAG"],
            [[_action(a), _end(a), a.get("stage") or "Not known", a.get("rag") or "Not known"]
             for a in r.overdue],
        )  # fmt: skip
    else:
        w.paragraph("No action is past its end date without being completed.")
    w.heading("Actions whose end date was revised", 2)
    if r.slipped:
        w.table(
            f"Slipped end dates ({len(r.slipped)})",
            ["Action", "Original end", "Revised end"],
            [[_action(a), month_label(a["end"]), month_label(a["revised_end"])] for a in r.slipped],
        )
    else:
        w.paragraph("No action's end date was put back this period or before.")
    if r.withdrawn:
        w.heading("Withdrawn actions", 2)
        w.table(
            f"Actions withdrawn from the plan ({len(r.withdrawn)})",
            ["Action", "Withdrawn on", "Reason"],
            [
                [_action(a), day_label(a["withdrawn"].get("on")), Md(a["withdrawn"].get("reason"))]
                for a in r.withdrawn
            ],
        )


def _measures(w: WordReport, r: CommitteeReport) -> None:
    """KPIs off track, top risks and coverage gaps."""
    w.heading("KPIs off track", 1)
    w.paragraph(sections.kpi_text(r.kpis, r.plan.title))
    if r.kpis.off_track:
        w.table(
            sections.kpi_caption(r.kpis),
            sections.KPI_HEAD,
            [sections.kpi_cells(k) for k in r.kpis.off_track],
        )
    elif r.kpis.total:
        w.paragraph(sections.NO_KPI_OFF_TRACK)

    w.heading("Top risks", 1)
    if text := sections.risks_text(r.top_risks, r.plan.title):
        w.paragraph(text)
    for reg in r.top_risks or []:
        w.heading(reg.title, 2)
        w.paragraph(sections.top_text(reg))
        if reg.risks:
            rows = [sections.risk_cells(x, reg.as_of) for x in reg.risks]
            w.table(f"{reg.title}: highest risks", sections.RISK_HEAD, rows)
        else:
            w.paragraph(sections.NO_RISK_SCORED)
        if reg.overdue:
            rows = [sections.overdue_cells(x, reg.as_of) for x in reg.overdue]
            w.table(sections.overdue_caption(reg), sections.OVERDUE_HEAD, rows)

    w.heading("Coverage gaps", 1)
    w.paragraph(sections.coverage_text(r.coverage, r.plan))
    for g in sections.gap_tables(r.coverage) if r.coverage else []:
        w.heading(g.heading, 2)
        if g.rows:
            w.table(g.caption, g.head, g.rows)
        else:
            w.paragraph(g.none)


def _carbon(w: WordReport, r: CommitteeReport) -> None:
    w.heading("Carbon reduction", 1)
    if text := carbon_text(r.carbon):
        w.paragraph(text)
    for c in r.carbon or []:
        w.heading(c.title, 2)
        w.paragraph(c.text)
        for tb in c.tables:
            w.table(tb.caption, tb.head, tb.rows)


def _changes(w: WordReport, r: CommitteeReport) -> None:
    c = r.changes
    if c is None:
        w.paragraph(
            "This is the first report for the plan: there is nothing earlier to compare with."
        )
        return
    p = w.paragraph(
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
            text = Md(now) if what == "Reason for the RAG rating" else now  # officer's Markdown
            rows.append([name if i == 0 else "", what, was, text, change or "—"])
    word_table = w.table(
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


def _contacts(w: WordReport, r: CommitteeReport) -> None:
    contacts = r.text.contacts
    if not contacts:
        return
    w.heading(f"Officer{'s' if len(contacts) != 1 else ''} to contact", 1)
    for c in contacts:
        spans = [Span(c.name, bold=True)]
        if c.role:
            spans.append(Span(f"\n{c.role}"))
        if c.phone:
            spans.append(Span(f"\nTelephone: {c.phone}"))
        if c.email:
            spans += [Span("\nEmail: "), Span(c.email, href=f"mailto:{c.email}")]
        w.md.spans(w.body.add_p(), spans)


def _appendix(w: WordReport, r: CommitteeReport) -> None:
    w.heading("Appendix: all actions", 1)
    marked = f"; changes since {r.changes.before} are marked" if r.changes else ""
    w.table(
        f"Every action with its {r.period.label} update{marked}",
        ["Ref", "Action", "Stage", "RAG", "End", "Update"],
        [
            [
                a["ref"],
                a["title"],
                a.get("stage") or "Not known",
                a.get("rag") or "Not known",
                month_label(a.get("revised_end") or a.get("end")),
                Marked(diff, r.update_label(a))
                if diff
                else Md(a.get("narrative"), r.update_label(a)),
            ]
            for a, diff in r.appendix
        ],
    )
