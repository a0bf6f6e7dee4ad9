"""Tables out as csv, xlsx or json: for coverage, KPIs and risk registers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .cells import csv_safe, text_only

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)
Sheet = tuple[str, Sequence[str], Sequence[Sequence[Any]]]  # name, headings, rows


def csv_bytes(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV with Windows line ends and a BOM, so Excel opens it as UTF-8; None → blank."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(["" if v is None else csv_safe(v) for v in row] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render(fmt: str, sheets: Sequence[Sheet], data: Any) -> bytes:
    """csv: the first sheet; xlsx: every sheet; json: `data` as it is."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=str).encode() + b"\n"
    if fmt == "csv":
        _, headings, rows = sheets[0]
        return csv_bytes(headings, rows)
    wb = Workbook()
    wb.remove(wb.active)
    for name, headings, rows in sheets:
        ws = wb.create_sheet(name[:31])
        ws.append(list(headings))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = min(60, max(len(str(c.value or "")) for c in col) + 2)
            ws.column_dimensions[col[0].column_letter].width = width
            for c in col:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    text_only(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
