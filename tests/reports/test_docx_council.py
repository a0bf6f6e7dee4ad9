"""The Word committee report as a council would send it, read back with python-docx and
from its XML: A4, page numbers, the council's logo and name in the header, Word's built-in
styles, the council's sections in order, officers' Markdown rendered, update labels."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm
from PIL import Image

from plantracker.reports.brand import Brand
from plantracker.reports.committee import CommitteeReport, committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.reports.council_text import Contact, CouncilText, ReportSection
from tests.conftest import People
from tests.cycle import march_published

COUNCIL = "Hinckley & Bosworth Borough Council"
RECOMMENDATIONS = "1. That the committee **notes** the progress.\n2. That it *agrees* the plan."
FINANCE = (
    "The grants came from [the UK Shared Prosperity Fund](https://www.gov.uk/ukspf).\n\n"
    "- **No funding** is left\n  - not even for 2025\n- The budget closes in March"
)
NARRATIVE = "### Progress\n\nThe pact has **27 members**.\n\n1. Signed\n2. Launched"


def logo_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 30), (0, 112, 60)).save(buf, "PNG")
    return buf.getvalue()


def council_report(report: CommitteeReport, logo: bytes | None) -> CommitteeReport:
    """The March 2024 report with the council's look and sections, and C1's update in
    Markdown."""
    c1 = next(a for a in report.actions if a["ref"] == "C1")
    c1["narrative"] = NARRATIVE
    text = CouncilText(
        agenda_item="7",
        front=[
            ReportSection("purpose", "Purpose of the report", "To inform the committee."),
            ReportSection("recommendations", "Recommendations", RECOMMENDATIONS),
        ],
        back=[
            ReportSection("resources", "Resource and financial implications", FINANCE),
            ReportSection("legal", "Legal implications", "None arising from this report."),
        ],
        contacts=[Contact("Sam Price", "Climate Officer", "01455 238141", "sam@example.gov.uk")],
    )
    return dataclasses.replace(report, brand=Brand(COUNCIL, logo), text=text)


@pytest.fixture
def report(people: People) -> CommitteeReport:
    return council_report(committee_report(people.plan, march_published(people)), logo_png())


def read(report: CommitteeReport) -> DocumentObject:
    return Document(io.BytesIO(RENDERERS["docx"](report)))


def body_lines(doc: DocumentObject) -> list[tuple[str, str]]:
    """(style name or "table", text) for each paragraph and table of the body, in order."""
    out = []
    for block in doc.iter_inner_content():
        if hasattr(block, "style") and hasattr(block, "runs"):
            out.append((block.style.name, block.text))
        else:
            out.append(("table", block.rows[0].cells[0].text))
    return out


def all_text(doc: DocumentObject) -> list[str]:
    """Every paragraph's text, in the body and in table cells."""
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for tc in table._tbl.iter(tag="{*}tc"):
            texts += [
                "".join(t.text or "" for t in p.iter(tag="{*}t")) for p in tc.iter(tag="{*}p")
            ]
    return texts


@pytest.mark.django_db
def test_a4_page_numbers_and_council_header(report) -> None:
    doc = read(report)
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2)) < Cm(0.01)
    footer = section.footer._element
    fields = [t.strip() for t in footer.xpath(".//w:instrText/text()")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text == "Page 1 of 1"  # until Word fills them in
    header = section.header
    assert COUNCIL in "".join(p.text for p in header.paragraphs)
    images = [r.target_part.blob for r in header.part.rels.values() if r.reltype == RT.IMAGE]
    assert images == [logo_png()]
    assert header._element.xpath(".//wp:docPr/@descr") == [f"{COUNCIL} logo"]
    assert doc.core_properties.author == COUNCIL


@pytest.mark.django_db
def test_no_logo_header_has_the_name_only(report) -> None:
    doc = read(dataclasses.replace(report, brand=Brand(COUNCIL, None)))
    header = doc.sections[0].header
    assert [p.text for p in header.paragraphs] == [COUNCIL]
    assert not [r for r in header.part.rels.values() if r.reltype == RT.IMAGE]


@pytest.mark.django_db
def test_sections_in_order_with_built_in_styles(report) -> None:
    doc = read(report)
    lines = body_lines(doc)
    headings = [text for style, text in lines if style in ("Title", "Heading 1")]
    assert headings[0] == report.title
    assert lines[0] == ("Title", report.title)
    order = [
        "Purpose of the report",
        "Recommendations",
        "Summary of progress",
        "Exceptions",
        "Changes since the last report",
        "Resource and financial implications",
        "Legal implications",
        "Officer to contact",
        "Appendix: all actions",
    ]
    assert [h for h in headings if h in order] == order
    # The agenda item is in the heading table, which comes before the front sections.
    details = doc.tables[0]
    assert [c.text for c in details.rows[1].cells] == ["Agenda item", "7"]
    assert lines.index(("table", "Item")) < lines.index(("Heading 1", "Purpose of the report"))
    assert ("Normal", "None arising from this report.") in lines
    assert ("Heading 2", "Actions rated Red or Amber") in lines
    assert any(style == "Caption" for style, _ in lines)
    contact = next(p for p in doc.paragraphs if p.text.startswith("Sam Price"))
    assert contact.text == (
        "Sam Price\nClimate Officer\nTelephone: 01455 238141\nEmail: sam@example.gov.uk"
    )
    assert contact._p.xpath("./w:hyperlink")


@pytest.mark.django_db
def test_every_table_is_a_table_grid_with_a_repeating_header(report) -> None:
    doc = read(report)
    assert len(doc.tables) >= 5
    for table in doc.tables:
        assert table.style.name == "Table Grid"
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


@pytest.mark.django_db
def test_markdown_rendered_not_printed(report) -> None:
    doc = read(report)
    texts = all_text(doc)
    assert not [t for t in texts if "**" in t or t.lstrip().startswith(("- ", "* ", "#"))]
    by_style = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["List Number"][:2] == [
        "That the committee notes the progress.",
        "That it agrees the plan.",
    ]
    assert by_style["List Bullet"] == ["No funding is left", "The budget closes in March"]
    assert by_style["List Bullet 2"] == ["not even for 2025"]
    notes = next(p for p in doc.paragraphs if p.text.startswith("That the committee"))
    assert [r.text for r in notes.runs if r.bold] == ["notes"]
    agrees = next(p for p in doc.paragraphs if p.text.startswith("That it agrees"))
    assert [r.text for r in agrees.runs if r.italic] == ["agrees"]
    bullet = next(p for p in doc.paragraphs if p.text.startswith("No funding"))
    assert [r.text for r in bullet.runs if r.bold] == ["No funding"]
    # A real hyperlink, its address in the document's relationships.
    link = next(p for p in doc.paragraphs if p.text.startswith("The grants came from"))
    (rid,) = link._p.xpath("./w:hyperlink/@r:id")
    assert doc.part.rels[rid].target_ref == "https://www.gov.uk/ukspf"
    assert link.text == "The grants came from the UK Shared Prosperity Fund."


@pytest.mark.django_db
def test_update_in_the_appendix_labelled_and_formatted(report) -> None:
    doc = read(report)
    appendix = doc.tables[-1]
    c1 = next(row for row in appendix.rows if row.cells[0].text == "C1")
    paragraphs = c1.cells[5].paragraphs
    assert [p.text for p in paragraphs] == [
        "No update this period — last reported December 2023",
        "Progress",
        "The pact has 27 members.",
        "Signed",
        "Launched",
    ]
    assert all(r.italic for r in paragraphs[0].runs)
    assert all(r.bold for r in paragraphs[1].runs)  # a heading inside an update
    assert [r.text for r in paragraphs[2].runs if r.bold] == ["27 members"]
    assert [p.style.name for p in paragraphs[3:]] == ["List Number", "List Number"]
    # C13 was updated for March 2024: no label, its changes marked.
    c13 = next(row for row in appendix.rows if row.cells[0].text == "C13")
    assert not c13.cells[5].text.startswith("No update")


@pytest.mark.django_db
def test_each_numbered_list_starts_at_its_own_number(report) -> None:
    doc = read(report)
    ids = set()
    for p in doc.paragraphs + [p for t in doc.tables for c in t._cells for p in c.paragraphs]:
        if p.style.name == "List Number":
            (num,) = p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
            ids.add(num)
    assert len(ids) >= 2  # the recommendations and C1's update: two lists, two numberings
    numbering = doc.part.numbering_part.element
    for num in ids:
        assert numbering.xpath(f'w:num[@w:numId="{num}"]/w:lvlOverride/w:startOverride/@w:val') == [
            "1"
        ]


@pytest.mark.django_db
def test_overdue_and_withdrawn_tables(report) -> None:
    c1 = next(a for a in report.actions if a["ref"] == "C1")
    gone = {**c1, "ref": "C99", "withdrawn": {"on": "2024-02-01", "reason": "**Merged** into C2"}}
    overdue = {**c1, "end": "2021-03", "revised_end": "2022-03", "stage": None}
    doc = read(dataclasses.replace(report, overdue=[overdue], withdrawn=[gone]))
    late = next(
        t
        for t in doc.tables
        if [c.text for c in t.rows[0].cells] == ["Action", "End", "Stage", "RAG"]
    )
    assert [c.text for c in late.rows[1].cells][:3] == [
        f"C1 {c1['title']}", "Mar 2022 (was Mar 2021)", "Not known",
    ]  # fmt: skip
    withdrawn = next(t for t in doc.tables if t.rows[0].cells[1].text == "Withdrawn on")
    assert [c.text for c in withdrawn.rows[1].cells][1:] == ["1 February 2024", "Merged into C2"]
    summary = " ".join(p.text for p in doc.paragraphs)
    assert re.search(r"\d+ of \d+ actions had no update for March 2024", summary)
