"""The committee report and the council-layout workbook for March 2024, read back from
the files: the change markings (red insertions, struck deletions) must be in each."""

import io
import re

import pdfplumber
import pydyf
import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from plantracker.imports.services import plan_import
from plantracker.plans.models import Plan
from plantracker.reports import pdf_pages
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.updates.snapshots import snapshot_data
from tests.conftest import People
from tests.cycle import NEW_TEXT, REASON, march_published, seed_row


@pytest.fixture
def report(people: People):
    period = march_published(people)
    return committee_report(people.plan, period)


def runs(value: object) -> list[tuple[str, str]]:
    assert isinstance(value, CellRichText), value
    out = []
    for part in value:
        assert isinstance(part, TextBlock)
        kind = "strike" if part.font.strike else "red" if part.font.color else "plain"
        if part.font.color:
            assert part.font.color.rgb == "FFFF0000"
        out.append((kind, part.text))
    return out


@pytest.mark.django_db
def test_report_data_defaults_to_changes_since_december(report) -> None:
    assert report.since.label == "December 2023"
    assert [c.ref for c in report.changes.changed] == ["C13"]
    assert [a["ref"] for a in report.exceptions] == ["C13"]


@pytest.mark.django_db
def test_xlsx_council_layout_with_red_and_struck_runs(report, tmp_path) -> None:
    data = RENDERERS["xlsx"](report)
    wb = load_workbook(io.BytesIO(data), rich_text=True)
    assert wb.sheetnames == ["Actions", "Changes", "Key"]
    ws = wb["Actions"]
    header = [c.value for c in ws[4]]
    assert header == [
        "Action ID", "Objective", "Action", "Role", "Who may be involved", "Timescales",
        "Cost", "Carbon Saving", "Deliverability Score", "Project Status", "RAG",
        "Update status", "March 2024 Update",
    ]  # fmt: skip
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5) if r[0].value}
    c13 = rows["C13"]
    assert c13[10].value == "Red" and c13[10].fill.fgColor.rgb.endswith("FF0000")
    assert c13[11].value is None  # written for March 2024: nothing to say
    parts = runs(c13[12].value)
    struck = "".join(t for k, t in parts if k == "strike")
    red = "".join(t for k, t in parts if k == "red")
    assert "will conclude" in struck and "concluded" in red
    assert "".join(t for k, t in parts if k != "red") == seed_row("C13")["December 2023 Update"]
    assert "".join(t for k, t in parts if k != "strike") == NEW_TEXT
    # Unchanged actions carry their text plainly.
    assert rows["C1"][12].value == seed_row("C1")["December 2023 Update"]
    assert rows["C1"][11].value == "No update this period — last reported December 2023"
    assert rows["Engagement"][1].value is None  # theme heading rows, as in the tracker
    changes = wb["Changes"]
    found = [[c.value for c in r] for r in changes.iter_rows(min_row=5)]
    assert [found[0][i] for i in (0, 2, 3, 4, 5)] == ["C13", "RAG", "Not known", "Red", "worse"]
    update_row = next(r for r in changes.iter_rows(min_row=5) if r[2].value == "Update")
    assert ("red", " No further rounds will be run.") in runs(update_row[4].value) or any(
        k == "red" and "No further rounds" in t for k, t in runs(update_row[4].value)
    )
    assert wb["Key"]["A1"].value == "Key"

    # It re-imports cleanly: struck text is dropped, the new text kept, nothing else moves.
    path = tmp_path / "march.xlsx"
    path.write_bytes(data)
    result = plan_import(
        path=path, plan_slug="reimported", organisation="Test", period="March 2024"
    )
    assert result.ok, result.problems
    again = Plan.objects.get(slug="reimported")
    c13_again = again.actions.get(ref="C13")
    assert c13_again.updates.get().narrative == NEW_TEXT
    assert c13_again.rag == "Red"
    assert again.actions.count() == report.plan.actions.count()


@pytest.mark.django_db
def test_docx_has_headings_tables_and_change_runs(report) -> None:
    doc = Document(io.BytesIO(RENDERERS["docx"](report)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for expected in (
        "Purpose of the report",
        "Background",
        "Summary of progress",
        "Exceptions",
        "Changes since the last report",
        "Appendix: all actions",
    ):
        assert expected in headings
    changes = next(t for t in doc.tables if t.rows[0].cells[1].text == "What changed")
    found = [[c.text for c in row.cells] for row in changes.rows[1:]]
    assert found[0][1:] == ["RAG", "Not known", "Red", "worse"]
    assert found[0][0].startswith("C13 ")
    assert [row[1] for row in found] == ["RAG", "Reason for the RAG rating", "Update"]
    assert found[1][3] == REASON
    # The action's cell runs down beside its three lines (merged, not repeated).
    assert len({changes.cell(i, 0)._tc for i in range(1, len(changes.rows))}) == 1
    appendix = doc.tables[-1]
    assert [c.text for c in appendix.rows[0].cells] == [
        "Ref", "Action", "Stage", "RAG", "End", "Update",
    ]  # fmt: skip
    assert len(appendix.rows) == report.plan.actions.count() + 1
    assert appendix.rows[0]._tr.trPr.xpath("./w:tblHeader")  # header row repeats
    c13 = next(row for row in appendix.rows if row.cells[0].text == "C13")
    update = c13.cells[5].paragraphs[0]
    struck = "".join(r.text for r in update.runs if r.font.strike)
    red = "".join(
        r.text for r in update.runs if r.font.color and r.font.color.rgb == (0xD4, 0x35, 0x1C)
    )
    assert "will conclude" in struck and "No further rounds will be run." in red
    c1 = next(row for row in appendix.rows if row.cells[0].text == "C1")
    # Unchanged: plain, under its label (C1's update was written for December 2023).
    label, text = (p.text for p in c1.cells[5].paragraphs)
    assert label == "No update this period — last reported December 2023"
    assert text == seed_row("C1")["December 2023 Update"]
    pictures = doc.inline_shapes
    assert len(pictures) == 2
    assert all(p._inline.docPr.get("descr").startswith("Bar chart") for p in pictures)


@pytest.mark.django_db
def test_pdf_sections_and_markings(report) -> None:
    data = RENDERERS["pdf"](report)
    assert pydyf.PDF.page_references.fget is pdf_pages._page_references  # the quick lookup
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        flat = re.sub(r"\s+", " ", text)
        for section in (
            "Purpose of the report",
            "Summary of progress",
            "Actions rated Red or Amber",
            "Changes since the last report",
            "Appendix: all actions",
        ):
            assert section in flat
        assert "No further rounds will be run." in flat
        # Changes are one table; the changed text is marked once, in the appendix.
        changes = flat[flat.index("Changes since the last report") : flat.index("Appendix")]
        assert "What changed since December 2023" in changes
        assert "C13" in changes and "text changed: marked in the appendix" in changes
        assert "No further rounds" not in changes
        assert flat.count("No further rounds will be run.") == 2  # exceptions and appendix
        # Inserted words are drawn red; deleted words have a line through them.
        chars = [c for page in pdf.pages for c in page.chars]
        red = "".join(
            c["text"]
            for c in chars
            if tuple(c["non_stroking_color"] or ())[:3]
            == pytest.approx((0.831, 0.208, 0.110), abs=0.01)
        )
        assert "Nofurtherroundswillberun." in red.replace(" ", "")
        struck, underlined = set(), set()
        for page in pdf.pages:
            for line in page.lines + page.rects:
                if line["bottom"] - line["top"] > 2:
                    continue  # a box, not a line
                y = (line["top"] + line["bottom"]) / 2
                under = [
                    c
                    for c in page.chars
                    if line["x0"] - 1 <= (c["x0"] + c["x1"]) / 2 <= line["x1"] + 1
                    and c["top"] - 1 <= y <= c["bottom"] + 2
                ]
                if not under:
                    continue
                text = "".join(c["text"] for c in under)
                middle = all(
                    0.3 < (y - c["top"]) / c["height"] < 0.65 for c in under
                )  # a strike runs through the middle; an underline sits lower
                (struck if middle else underlined).add(text)
        assert "will conclude" in struck, struck  # a line through the deleted words
        assert any("concluded" in t for t in underlined), underlined
        assert pdf.metadata.get("Title", "").startswith(report.plan.title)
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog  # tagged: headings, tables, figures
        assert catalog.get("Lang") in (b"en-GB", "en-GB")


@pytest.mark.django_db
def test_html_marks_changes_in_words_too(report) -> None:
    html = RENDERERS["html"](report).decode()
    assert '<del class="app-del"><span class="app-sr">[deleted: </span>will conclude' in html
    assert "[inserted: </span>" in html
    # In the appendix each update sits in a row of its own under its action, tied to it.
    assert '<th scope="row" id="a-C13">C13</th>' in html
    assert '<td colspan="6" headers="a-C13" class="update"><strong class="label">Update' in html
    assert 'alt="Bar chart of actions in each theme by RAG rating.' in html


@pytest.mark.django_db
def test_published_report_comes_from_the_snapshot(people: People) -> None:
    period = march_published(people)
    before = RENDERERS["html"](committee_report(people.plan, period))
    action = people.plan.actions.get(ref="C2")
    action.title = "Edited after publishing"
    action.save()
    after = RENDERERS["html"](committee_report(people.plan, period))
    assert "Edited after publishing" not in after.decode()
    assert before == after
    assert snapshot_data(period)["actions"][1]["title"] == seed_row("C2")["Action"]
