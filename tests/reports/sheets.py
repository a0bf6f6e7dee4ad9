"""Reading back what the Excel exports show."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def rag_colours(ws: Worksheet) -> dict[tuple[str, str], str]:
    """(cells, word) -> the fill Excel shows when a cell of those cells begins with that word."""
    return {
        (str(cf.sqref), rule.text): rule.dxf.fill.bgColor.rgb[-6:]
        for cf in ws.conditional_formatting
        for rule in cf.rules
        if rule.type == "beginsWith"
    }
