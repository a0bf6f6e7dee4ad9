"""Exported cells that a spreadsheet will not run. Text that starts like a formula
(=HYPERLINK(...), +cmd, -2+3, @SUM) is written as text: in csv with a leading apostrophe (the
way Excel marks typed text; our importers drop it again), in xlsx as a string cell."""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?%?$")


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and not _NUMBER.match(text.strip())


def csv_safe(value: Any) -> Any:
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def text_only(workbook: Any) -> None:
    """Turn any cell openpyxl took for a formula (a string starting with '=') back into text."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
