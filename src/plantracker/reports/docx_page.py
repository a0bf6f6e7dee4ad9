"""The Word report's pages: A4 portrait with 2 cm margins, the council's logo and name in
the header, "Page X of Y" in the footer. A council's own template keeps its page set-up,
and its header and footer where it has them."""

from __future__ import annotations

import io

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section, _Footer, _Header
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from .brand import Brand

LOGO_HEIGHT = Cm(1.5)
LOGO_MAX_WIDTH = Cm(8)


def a4(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)


def _empty(part: _Header | _Footer) -> bool:
    """Nothing in it: no text, field or picture (a template's own header is kept)."""
    if part.is_linked_to_previous:
        return True
    element = part._element
    return not (
        "".join(element.itertext()).strip()
        or element.xpath(".//w:drawing | .//w:pict | .//w:fldSimple | .//w:instrText")
    )


def _has_page_field(footer: _Footer) -> bool:
    element = footer._element
    instructions = element.xpath(".//w:instrText/text() | .//w:fldSimple/@w:instr")
    return any(str(i).split()[:1] == ["PAGE"] for i in instructions)


def header(section: Section, brand: Brand) -> None:
    """The council's logo and name at the top of every page."""
    part = section.header
    if not _empty(part):
        return
    part.is_linked_to_previous = False
    first = part.paragraphs[0]
    if brand.logo_png:
        run = first.add_run()
        shape = run.add_picture(io.BytesIO(brand.logo_png), height=LOGO_HEIGHT)
        if shape.width > LOGO_MAX_WIDTH:  # a wide logo: as wide as allowed, in proportion
            shape.height = int(shape.height * LOGO_MAX_WIDTH / shape.width)
            shape.width = LOGO_MAX_WIDTH
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", brand.alt)
        doc_pr.set("title", brand.alt)
        first = part.add_paragraph()
    name = first.add_run(brand.name)
    name.bold = True
    name.font.size = Pt(12)


def _char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph._p.add_r().append(char)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages;
    `shown` until then."""
    _char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph._p.add_r().append(code)
    _char(paragraph, "separate")
    paragraph._p.add_r().add_t(shown)
    _char(paragraph, "end")


def page_numbers(section: Section) -> None:
    """ "Page X of Y" at the foot of every page, unless the template's footer numbers
    its pages already."""
    part = section.footer
    if not part.is_linked_to_previous and _has_page_field(part):
        return
    keep = not _empty(part)
    part.is_linked_to_previous = False
    paragraph = part.add_paragraph() if keep else part.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")


def pages(doc: DocumentObject, brand: Brand, *, from_template: bool) -> None:
    for section in doc.sections:
        if not from_template:
            a4(section)
        else:  # the template's margins, but always A4 portrait (a template may say Letter)
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Cm(21), Cm(29.7)
        header(section, brand)
        page_numbers(section)
