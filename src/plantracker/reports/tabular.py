"""Tables out as csv, xlsx or json: for coverage, KPIs and risk registers."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
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
CHUNK = 64 * 1024  # characters per piece of a streamed download


def _pieces(texts: Iterable[str]) -> Iterator[bytes]:
    """Many small strings as UTF-8 pieces of about CHUNK characters."""
    buf: list[str] = []
    size = 0
    for text in texts:
        buf.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(buf).encode("utf-8")
            buf, size = [], 0
    yield "".join(buf).encode("utf-8")


def _csv_lines(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow(headings)
    for values in rows:
        writer.writerow(["" if v is None else csv_safe(v) for v in values])
        yield line.getvalue()
        line.seek(0)
        line.truncate()
    yield line.getvalue()


def csv_stream(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """CSV with Windows line ends and a BOM, so Excel opens it as UTF-8; None → blank. In
    pieces, as the rows come: for a streamed download."""
    return _pieces(itertools.chain(["\ufeff"], _csv_lines(headings, rows)))


def csv_bytes(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return b"".join(csv_stream(headings, rows))


def json_stream(data: Any) -> Iterator[bytes]:
    """`data` as indented JSON (non-ASCII kept), in pieces: for a streamed download."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=str)
    return _pieces(itertools.chain(encoder.iterencode(data), ["\n"]))


def render(fmt: str, sheets: Sequence[Sheet], data: Any) -> bytes:
    """csv: the first sheet; xlsx: every sheet; json: `data` as it is."""
    if fmt == "json":
        return b"".join(json_stream(data))
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
