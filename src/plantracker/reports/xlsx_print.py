"""How the Excel tracker prints: landscape on A4, one page wide, the header rows on every
page, a print area over what the sheet holds, the council's name at the top of each page
with the page number at the foot, and its logo at the top of the first sheet."""

from __future__ import annotations

import io

from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .brand import Brand

LOGO_HEIGHT_PX = 48  # the logo's height on the sheet; its width follows its shape
LOGO_MAX_WIDTH_PX = 240


def _header_text(text: str) -> str:
    """Text for a page header: '&' starts a code there, so it is doubled; Excel allows
    255 characters for the whole header."""
    return text.replace("&", "&&")[:200]


def print_setup(ws: Worksheet, brand: Brand, heading_rows: str, footer: str) -> None:
    """Landscape, fit to one page wide (as many pages tall as it takes), `heading_rows`
    (e.g. "1:4") repeated at the top of every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = heading_rows
    last_col = get_column_letter(max(ws.max_column, 1))
    ws.print_area = f"A1:{last_col}{max(ws.max_row, 1)}"
    ws.oddHeader.center.text = _header_text(brand.name)
    ws.oddHeader.center.font = "-,Bold"
    ws.oddFooter.left.text = _header_text(footer)
    ws.oddFooter.right.text = "Page &P of &N"
    ws.print_options.gridLines = True


def add_logo(ws: Worksheet, brand: Brand, column: int) -> bool:
    """The council's logo in the sheet's first row at `column`, the row made tall enough
    for it. A logo that cannot be drawn is left out: the tracker goes out without it."""
    try:
        png = brand.logo_png
        if png is None:
            return False
        image = Image(io.BytesIO(png))
    except Exception:  # a broken logo must never stop the report
        return False
    scale = min(LOGO_HEIGHT_PX / image.height, LOGO_MAX_WIDTH_PX / image.width)
    image.width, image.height = round(image.width * scale), round(image.height * scale)
    image.anchor = f"{get_column_letter(column)}1"
    ws.row_dimensions[1].height = image.height * 0.75 + 6  # points; a pixel is 0.75 pt
    ws.add_image(image)
    return True
