"""The Excel tracker read back from the file: officers' Markdown as rich text (never raw
`**` or a leading `- `), the note on an update not written this period, how each sheet
prints (landscape, one page wide, header rows on every page, print area, the council's
name and page numbers) and the council's logo on the first sheet."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils import get_column_letter
from PIL import Image

from plantracker.reports.committee import committee_report
from plantracker.reports.council_xlsx import render_xlsx
from plantracker.updates import services
from tests.conftest import People
from tests.cycle import march, publish

NARRATIVE = (
    "The scheme **closed** in *March*.\n\n"
    "- first point\n- second point\n\n"
    "1. one\n2. two\n\n"
    "See [the decision](https://example.org/d)."
)
REASON = "**No funding**: the scheme *has* closed."
RED = "FFFF0000"
COUNCIL = "Hinckley & Bosworth Borough Council"


def png(width: int = 300, height: int = 100) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (0, 94, 165)).save(buf, "PNG")
    return buf.getvalue()


def _published_march(people: People) -> None:
    period = march(people)
    action = people.plan.actions.get(ref="C13")
    update = services.update_write(
        action=action,
        period=period,
        user=people.contributor,
        data=services.UpdateInput(narrative=NARRATIVE, rag="Red", rag_reason=REASON),
        version=0,
        submit=True,
    )
    services.update_review(
        update=update, user=people.approver, approve=True, version=update.version
    )
    publish(people, period)
    period.refresh_from_db()
    return period


@pytest.fixture
def workbook_bytes(people: People) -> bytes:
    org = people.plan.organisation
    org.report_name = COUNCIL
    org.logo.save("logo.png", ContentFile(png()), save=True)
    period = _published_march(people)
    return render_xlsx(committee_report(people.plan, period))


def text_of(value: object) -> str:
    if isinstance(value, CellRichText):
        return "".join(p.text if isinstance(p, TextBlock) else str(p) for p in value)
    return str(value or "")


def styled(value: object, **font: object) -> str:
    """The text of the runs whose font has all of `font` (b=True, strike=True…)."""
    assert isinstance(value, CellRichText), value
    return "".join(
        p.text
        for p in value
        if isinstance(p, TextBlock) and all(getattr(p.font, k) == v for k, v in font.items())
    )


def no_markup(text: str) -> None:
    assert "**" not in text and "](" not in text
    assert not any(line.lstrip().startswith(("- ", "* ")) for line in text.splitlines())


@pytest.mark.django_db
def test_markdown_as_rich_text_with_changes_marked(workbook_bytes) -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes), rich_text=True)
    ws = wb["Actions"]
    header = [c.value for c in ws[4]]
    note, update = header.index("Update status"), header.index("March 2024 Update")
    assert note == update - 1  # the note comes first, as read
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5) if r[0].value}
    cell = rows["C13"][update].value
    no_markup(text_of(cell))
    # Read without the struck-through December words: the March text, as written.
    lines = "".join(p.text for p in cell if not p.font.strike).splitlines()
    assert lines[0] == "The scheme closed in March."
    assert "• first point" in lines and "• second point" in lines
    assert "1. one" in lines and "2. two" in lines
    assert "See the decision (https://example.org/d)." in lines
    # New words in red keep their emphasis; the December text is struck through.
    red_bold = [p.text for p in cell if p.font.b and p.font.color and p.font.color.rgb == RED]
    assert "closed" in "".join(red_bold)
    assert "March" in styled(cell, i=True)
    assert styled(cell, strike=True).strip()
    assert rows["C13"][note].value is None
    assert rows["C1"][note].value == "No update this period — last reported December 2023"

    changes = wb["Changes"]
    reason = next(
        r for r in changes.iter_rows(min_row=5) if r[2].value == "Reason for the RAG rating"
    )
    assert text_of(reason[4].value) == "No funding: the scheme has closed."
    assert styled(reason[4].value, b=True) == "No funding"
    assert styled(reason[4].value, i=True) == "has"
    changed = next(r for r in changes.iter_rows(min_row=5) if r[2].value == "Update")
    no_markup(text_of(changed[4].value))


@pytest.mark.django_db
def test_every_sheet_prints_landscape_one_page_wide_with_headers(workbook_bytes) -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes))
    titles = {"Actions": "$4:$4", "Changes": "$4:$4", "Key": "$1:$1"}
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == titles[ws.title]
        last = f"${get_column_letter(ws.max_column)}${ws.max_row}"
        assert ws.print_area == f"'{ws.title}'!$A$1:{last}"
        assert ws.oddHeader.center.text == "Hinckley && Bosworth Borough Council"
        assert ws.oddFooter.right.text == "Page &P of &N"
        assert "March 2024" in ws.oddFooter.left.text


@pytest.mark.django_db
def test_logo_on_the_first_sheet(workbook_bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as z:
        names = z.namelist()
        media = [n for n in names if n.startswith("xl/media/")]
        assert len(media) == 1
        assert z.read(media[0]) == png()
        drawing = z.read("xl/drawings/drawing1.xml").decode()
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert "drawing1.xml" in rels  # the drawing belongs to the Actions sheet
    assert "<from><col>12</col><colOff>0</colOff><row>0</row>" in drawing  # M1, top right


@pytest.mark.django_db
def test_svg_logo_drawn_as_png_and_no_logo_no_drawing(people: People) -> None:
    org = people.plan.organisation
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#005ea5"/></svg>'
    )
    org.logo.save("logo.svg", ContentFile(svg.encode()), save=True)
    period = _published_march(people)
    data = render_xlsx(committee_report(people.plan, period))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        media = [n for n in z.namelist() if n.startswith("xl/media/")]
        assert len(media) == 1 and z.read(media[0]).startswith(b"\x89PNG")
    org.logo.delete(save=True)
    data = render_xlsx(committee_report(people.plan, period))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if n.startswith(("xl/media/", "xl/drawings/"))]
