"""Runs of text in a Word paragraph: added quickly, and the change markings of the
council's tracker (inserted text red and underlined, removed text struck through)."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from docx.enum.text import WD_UNDERLINE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.run import CT_R
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from plantracker.updates.diff import Segment

RED = RGBColor(0xD4, 0x35, 0x1C)


def _run_xml(properties: str = "") -> CT_R:
    return parse_xml(f"<w:r {nsdecls('w')}>{properties}<w:t/></w:r>")  # type: ignore[no-any-return]


# Runs built once and copied: python-docx's own way (add_r, add_t, then font properties
# one by one) places each element by searching its siblings, most of the Word report's time.
PLAIN = _run_xml()
MARKED = {
    "insert": _run_xml(f'<w:rPr><w:color w:val="{RED}"/><w:u w:val="single"/></w:rPr>'),
    "delete": _run_xml("<w:rPr><w:strike/></w:rPr>"),
}
PRESERVE = qn("xml:space")


def _quick(paragraph: Paragraph, text: str, template: CT_R) -> Run:
    r = copy.deepcopy(template)
    t = r[-1]
    t.text = text
    if len(text.strip()) < len(text):
        t.set(PRESERVE, "preserve")
    paragraph._p.append(r)
    return Run(r, paragraph)


def add_run(paragraph: Paragraph, text: str) -> Run:
    """paragraph.add_run(text), quicker for text without line breaks or tabs (python-docx
    otherwise reads the text a character at a time to turn those into Word's own marks)."""
    if not text or "\n" in text or "\t" in text or "\r" in text:
        return paragraph.add_run(text)
    return _quick(paragraph, text, PLAIN)


def diff_runs(paragraph: Paragraph, segments: Sequence[Segment]) -> None:
    for op, text in segments:
        if op in MARKED and text and not ("\n" in text or "\t" in text or "\r" in text):
            _quick(paragraph, text, MARKED[op])
            continue
        run = add_run(paragraph, text)
        if op == "insert":
            run.font.color.rgb = RED
            run.font.underline = WD_UNDERLINE.SINGLE
        elif op == "delete":
            run.font.strike = True


_STYLED: dict[tuple[bool, bool, bool], CT_R] = {}
CODE_FONT = "Courier New"


def styled_run(paragraph: Paragraph, text: str, bold: bool, italic: bool, code: bool) -> Run:
    """A run in bold, italics and/or the code font (a copy of one built for the mix)."""
    if not (bold or italic or code):
        return add_run(paragraph, text)
    if not text or "\n" in text or "\t" in text or "\r" in text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if code:
            run.font.name = CODE_FONT
        return run
    key = (bold, italic, code)
    if key not in _STYLED:
        font = f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}"/>' if code else ""
        marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        _STYLED[key] = _run_xml(f"<w:rPr>{font}{marks}</w:rPr>")
    return _quick(paragraph, text, _STYLED[key])
