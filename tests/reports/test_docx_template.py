"""A council's own Word template (.dotx or .docx) for the committee report: its styles,
header and page set-up used, its body text removed; styles it lacks supplied; a file that
is not a Word document logged and the default used instead."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.base import ContentFile
from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Cm, Pt

from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.reports.docx_template import DOCX_MAIN, DOTX_MAIN, as_document
from tests.conftest import People
from tests.cycle import march_published


def saved(doc: DocumentObject, *, dotx: bool) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if not dotx:
        return data
    # A .dotx is the same package with the template content type on the main part.
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(DOCX_MAIN, DOTX_MAIN)
            dst.writestr(item, body)
    return out.getvalue()


def council_template(*, dotx: bool = True) -> bytes:
    doc = Document()
    heading = doc.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(19)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.header.paragraphs[0].text = "Borough Council — OFFICIAL"
    doc.add_paragraph("Delete this sample text before use.")
    doc.add_table(rows=2, cols=2)
    return saved(doc, dotx=dotx)


def render(people: People, template: bytes, name: str) -> DocumentObject:
    org = people.plan.organisation
    org.word_template.save(name, ContentFile(template))
    period = march_published(people)
    return Document(io.BytesIO(RENDERERS["docx"](committee_report(people.plan, period))))


def test_dotx_opens_as_a_document() -> None:
    data = council_template()
    with pytest.raises(ValueError, match="not a Word file"):
        Document(io.BytesIO(data))  # python-docx alone refuses a template
    doc = Document(io.BytesIO(as_document(data)))
    assert doc.styles["Heading 1"].font.name == "Georgia"


@pytest.mark.django_db
def test_report_uses_the_councils_dotx(people: People, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    doc = render(people, council_template(), "council.dotx")
    heading = next(p for p in doc.paragraphs if p.text == "Summary of progress")
    assert heading.style.name == "Heading 1"
    assert heading.style.font.name == "Georgia" and heading.style.font.size == Pt(19)
    texts = [p.text for p in doc.paragraphs]
    assert "Delete this sample text before use." not in texts  # the template's body went
    assert doc.tables[0].rows[0].cells[0].text == "Item"
    section = doc.sections[0]
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01)  # the template's page set-up
    assert [p.text for p in section.header.paragraphs] == ["Borough Council — OFFICIAL"]
    fields = section.footer._element.xpath(".//w:instrText/text()")
    assert [f.strip() for f in fields] == ["PAGE", "NUMPAGES"]  # added: it had none


@pytest.mark.django_db
def test_template_without_our_styles(people: People, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    doc = Document()
    styles = doc.styles.element
    for name in ("List Bullet", "List Number", "Caption", "Heading 2", "Table Grid", "Title"):
        styles.remove(doc.styles[name].element)
    out = render(people, saved(doc, dotx=False), "bare.docx")
    by_text = {p.text: p.style.name for p in out.paragraphs}
    assert by_text["Actions rated Red or Amber"] == "Heading 2"  # supplied from the default
    assert by_text["1. That the committee notes the progress reported."] == "Normal"
    assert all(t.style.name == "Table Grid" for t in out.tables)


def without_numbering(data: bytes) -> bytes:
    """The package with its numbering part (list numbering definitions) taken out, as in
    templates saved by some tools."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename == "word/numbering.xml":
                continue
            body = src.read(item.filename)
            if item.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                body = re.sub(rb"<(Relationship|Override) [^>]*numbering[^>]*/>", b"", body)
            dst.writestr(item, body)
    return out.getvalue()


@pytest.mark.django_db
def test_template_without_list_numbering(people: People, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    out = render(people, without_numbering(saved(Document(), dotx=False)), "no-lists.docx")
    texts = [p.text for p in out.paragraphs]
    # The recommendation still reads as numbered: the number is in the text.
    assert "1. That the committee notes the progress reported." in texts
    assert not any("numbering" in rel.reltype for rel in out.part.rels.values())


@pytest.mark.django_db
def test_corrupt_template_falls_back_to_the_default(
    people: People, settings, tmp_path, caplog
) -> None:
    settings.MEDIA_ROOT = tmp_path
    with caplog.at_level(logging.WARNING, logger="plantracker.reports.docx_template"):
        doc = render(people, b"PK\x03\x04 not really a zip", "broken.docx")
    assert "is not a Word document" in caplog.text
    assert abs(doc.sections[0].page_width - Cm(21)) < Cm(0.01)
    assert any(p.text == "Summary of progress" for p in doc.paragraphs)
