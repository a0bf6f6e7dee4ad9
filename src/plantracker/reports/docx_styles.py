"""Word's built-in styles, looked up once per document, so a council's template restyles
the report: Title, Heading 1 and 2, Caption, List Bullet, List Number, Table Grid and
Hyperlink. A template that lacks one gets it from python-docx's default template (as Word
itself adds a built-in style when it is first used); a style that cannot be found at all
leaves the paragraph in the default style."""

from __future__ import annotations

import copy
from functools import cache

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import RGBColor

# Copied from the default template when missing. List styles are not copied: their
# numbering lives in another part, so a template without them gets its lists marked in
# the text instead ("• ", "1. ").
COPYABLE = (
    "Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "Table Grid", "Quote",
    "Header", "Footer",
)  # fmt: skip


@cache
def _default_styles() -> dict[str, object]:
    return {s.name: s.element for s in Document().styles}


class Styles:
    """Style ids by their English name, for one document."""

    def __init__(self, doc: DocumentObject) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {}
        self._nums: dict[str, int | None] = {}
        for style in doc.styles:
            if style.name and style.style_id:
                self.ids.setdefault(style.name, style.style_id)
        self.default_ids = set(self.ids.values())
        for name in COPYABLE:
            if name not in self.ids:
                self._copy(name)
        if "Hyperlink" not in self.ids:
            self._hyperlink()

    def _copy(self, name: str) -> None:
        element = _default_styles().get(name)
        if element is None:
            return
        self.doc.styles.element.append(copy.deepcopy(element))
        self.ids[name] = str(element.get(qn("w:styleId")))

    def _hyperlink(self) -> None:
        style = self.doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)
        style.font.underline = True
        style.hidden = False
        style.unhide_when_used = True
        self.ids["Hyperlink"] = style.style_id

    def has(self, name: str) -> bool:
        return name in self.ids

    def apply(self, p: CT_P, name: str) -> bool:
        """Give the paragraph the named style; False (default style) if there is none."""
        style_id = self.ids.get(name)
        if style_id is None:
            return False
        p.get_or_add_pPr().style = style_id
        return True

    def first(self, *names: str) -> str | None:
        """The first of the names the document has (for "List Bullet 3", then 2, ...)."""
        return next((n for n in names if n in self.ids), None)

    def num_id(self, name: str) -> int | None:
        """The numbering a list style carries in its own paragraph properties."""
        if name not in self._nums:
            style_id = self.ids.get(name)
            found = self.doc.styles.element.xpath(
                f'w:style[@w:styleId="{style_id}"]/w:pPr/w:numPr/w:numId/@w:val'
            )
            self._nums[name] = int(found[0]) if style_id and found else None
        return self._nums[name]


def run_style(r: object, style_id: str) -> None:
    r_pr = r.get_or_add_rPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:rStyle")
    element.set(qn("w:val"), style_id)
    r_pr.insert(0, element)
