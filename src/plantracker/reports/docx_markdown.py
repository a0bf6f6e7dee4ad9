"""Officers' Markdown as Word paragraphs: bold, italics and code as run formatting, links
as real hyperlinks, lists in the List Bullet and List Number styles (List Bullet 2 and so
on when nested; each numbered list starting at its own first number), headings inside an
update as bold paragraphs. Never the raw `**` or a leading `- `."""

from __future__ import annotations

from functools import cached_property

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Num
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from plantracker.updates.markdown import Block, Span, blocks

from .docx_runs import add_run, styled_run
from .docx_styles import Styles, run_style

BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3", "List Bullet 4", "List Bullet 5")
NUMBERS = ("List Number", "List Number 2", "List Number 3", "List Number 4", "List Number 5")
CONTINUE = ("List Continue", "List Continue 2", "List Continue 3", "List Continue 4")


class Paragraphs:
    """Where new paragraphs go: a document's body, or a table cell, whose first (empty)
    paragraph is used before any is added."""

    def __init__(self, parent: object, first: CT_P | None = None) -> None:
        self.parent = parent
        self._first = first

    def new(self) -> CT_P:
        if self._first is not None:
            p, self._first = self._first, None
            return p
        return self.parent.add_p()  # type: ignore[attr-defined, no-any-return]


class MarkdownWriter:
    """Writes Markdown into one document, sharing its styles, numbering and links."""

    def __init__(self, styles: Styles, part: object, owner: object) -> None:
        self.styles = styles
        self.part = part
        self.owner = owner  # python-docx's parent object for Paragraph/Run (the document)
        self._links: dict[str, str] = {}
        self._abstract: dict[str, str | None] = {}  # list style → its abstract numbering
        self._next_num: int | None = None

    # Runs

    def run(self, paragraph: Paragraph, text: str) -> Run:
        return add_run(paragraph, text)

    def spans(self, p: CT_P, spans: tuple[Span, ...] | list[Span], bold: bool = False) -> None:
        paragraph = Paragraph(p, self.owner)  # type: ignore[arg-type]
        for span in spans:
            if span.href:
                run = self._link(p, paragraph, span)
                if span.bold or bold:
                    run.bold = True
                if span.italic:
                    run.italic = True
            else:
                styled_run(paragraph, span.text, span.bold or bold, span.italic, span.code)

    def _link(self, p: CT_P, paragraph: Paragraph, span: Span) -> Run:
        href = str(span.href)
        rid = self._links.get(href)
        if rid is None:
            rid = self.part.relate_to(href, RT.HYPERLINK, is_external=True)  # type: ignore[attr-defined]
            self._links[href] = rid
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        p.append(link)
        r = OxmlElement("w:r")
        link.append(r)
        run = Run(r, paragraph)  # type: ignore[arg-type]
        run.text = span.text
        run_style(r, self.styles.ids["Hyperlink"])
        return run

    # Blocks

    def write(self, where: Paragraphs, text: str | None) -> None:
        """The Markdown text as paragraphs (nothing for empty text)."""
        numbered: dict[int, int] = {}  # list depth → the numbering instance of its list
        for block in blocks(text):
            if block.kind in ("bullet", "number"):
                for deeper in [lv for lv in numbered if lv > block.level]:
                    del numbered[deeper]  # a nested list ended: the next one restarts
            if block.kind == "bullet":
                numbered.pop(block.level, None)
                self._item(where.new(), block, BULLETS, "• ", None)
            elif block.kind == "number":
                num = numbered.get(block.level)
                if num is None:
                    num = self._restart(block)
                    if num is not None:
                        numbered[block.level] = num
                self._item(where.new(), block, NUMBERS, f"{block.number}. ", num)
            else:
                if block.level == 0:
                    numbered.clear()
                self._paragraph(where.new(), block)

    def _paragraph(self, p: CT_P, block: Block) -> None:
        if block.kind == "quote":
            self.styles.apply(p, "Quote")
        elif block.level:  # a second paragraph of a list item
            if name := self.styles.first(*reversed(CONTINUE[: block.level])):
                self.styles.apply(p, name)
            else:
                p.get_or_add_pPr().ind_left = Cm(0.63 * block.level)  # type: ignore[attr-defined]
        self.spans(p, block.spans, bold=block.kind == "heading")

    def _item(
        self, p: CT_P, block: Block, names: tuple[str, ...], mark: str, num: int | None
    ) -> None:
        name = self.styles.first(*reversed(names[: block.level + 1])) if self.numbering else None
        if name is None:
            # No list style in the template, or no list numbering for it to use: the mark in
            # the text, indented as a list (a style's own number or bullet would be lost).
            p.get_or_add_pPr().ind_left = Cm(0.63 * (block.level + 1))  # type: ignore[attr-defined]
            self.run(Paragraph(p, self.owner), mark)  # type: ignore[arg-type]
        else:
            self.styles.apply(p, name)
            if num is not None:
                num_pr = p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num
            elif block.kind == "number" and self.styles.num_id(name) is None:
                self.run(Paragraph(p, self.owner), mark)  # type: ignore[arg-type]
        self.spans(p, block.spans)

    def _restart(self, block: Block) -> int | None:
        """A new numbering instance for a numbered list, so it starts at its own first
        number rather than carrying on from the list before it."""
        name = self.styles.first(*reversed(NUMBERS[: block.level + 1]))
        if name is None:
            return None
        if name not in self._abstract:
            self._abstract[name] = self._abstract_num(name)
        abstract = self._abstract[name]
        if abstract is None:
            return None
        numbering = self.part.numbering_part.element  # type: ignore[attr-defined]
        if self._next_num is None:  # counted once: python-docx's add_num counts every time
            self._next_num = max((int(n) for n in numbering.xpath("./w:num/@w:numId")), default=0)
        self._next_num += 1
        num = CT_Num.new(self._next_num, int(abstract))
        numbering._insert_num(num)
        num.add_lvlOverride(ilvl=0).add_startOverride(block.number or 1)
        return self._next_num

    @cached_property
    def numbering(self) -> bool:
        """Whether the document has list numbering definitions (a template may not)."""
        return any(rel.reltype == RT.NUMBERING for rel in self.part.rels.values())

    def _abstract_num(self, name: str) -> str | None:
        """The abstract numbering behind a list style's own numbering, if it has one."""
        style_num = self.styles.num_id(name)
        if style_num is None:
            return None
        if not self.numbering:
            return None
        numbering = self.part.numbering_part.element  # type: ignore[attr-defined]
        found = numbering.xpath(f'w:num[@w:numId="{style_num}"]/w:abstractNumId/@w:val')
        return str(found[0]) if found else None
