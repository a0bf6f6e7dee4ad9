"""Runs of text in a Word paragraph: added quickly, and the change markings of the
council's tracker (inserted text red and underlined, removed text struck through)."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.text import WD_UNDERLINE
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from plantracker.updates.diff import Segment

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
