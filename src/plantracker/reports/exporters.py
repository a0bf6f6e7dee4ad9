"""Plan exports: JSON, CSV and Excel. Each reads the plan in a fixed number of queries and
writes it in one pass, so the time grows with the plan's size and no faster; csv and json
also come as pieces for a streamed download."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import xlsxwriter

from plantracker.imports.about import ABOUT_SHEET, FINDINGS_HEADER, FINDINGS_SHEET, MARKER
from plantracker.plans.models import Plan

from . import table
from .plan_data import plan_data
from .tabular import csv_stream, json_stream

RAG_FILL = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
FORMATS = ("xlsx", "csv", "json")
# Text stays text: a cell that starts with "=" or looks like a number or a link is written as
# the string it is (see cells.py for why). Rows go to a temporary file as they are written.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def stream_json(plan: Plan) -> Iterator[bytes]:
    """The plan is read now; the pieces are written as they are asked for."""
    return json_stream(plan_data(plan))


def stream_csv(plan: Plan) -> Iterator[bytes]:
    data = plan_data(plan)
    return csv_stream(table.headings(data), table.rows(data))


def export_json(plan: Plan) -> bytes:
    return b"".join(stream_json(plan))


def export_csv(plan: Plan) -> bytes:
    return b"".join(stream_csv(plan))


def _month_cell(value: str | None) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


def _sheet(wb: xlsxwriter.Workbook, name: str, widths: dict[int, float]) -> Any:
    ws = wb.add_worksheet(name)
    for col, width in widths.items():
        ws.set_column(col, col, width)
    return ws


def _actions(wb: xlsxwriter.Workbook, data: dict[str, Any]) -> None:
    heads = table.headings(data)
    widths = {"Action": 60, "Who may be involved": 30, "Lead": 20, "Objective": 14}
    ws = _sheet(wb, "Actions", {
        i: widths.get(h, 40 if h.endswith("Update") else 12) for i, h in enumerate(heads)
    })  # fmt: skip
    ws.freeze_panes(4, 0)
    ws.write(0, 0, data["plan"]["title"], wb.add_format({"bold": True, "font_size": 14}))
    about = (data["plan"]["organisation"], data["plan"]["period"])
    ws.write(1, 0, " · ".join(x for x in about if x))
    ws.write_row(3, 0, heads, wb.add_format({"bold": True, "text_wrap": True, "valign": "top"}))
    rag_col = heads.index("RAG")
    date_cols = (heads.index("Start"), heads.index("End"))
    month_format = wb.add_format({"num_format": "mmm-yy"})
    fills = {rag: wb.add_format({"pattern": 1, "bg_color": f"#{colour}"})
             for rag, colour in RAG_FILL.items()}  # fmt: skip
    for r, values in enumerate(table.rows(data), start=4):
        for c, value in enumerate(values):  # by type: write_row's guessing costs a third more
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write_number(r, c, value)
        for c in date_cols:
            if values[c]:
                ws.write_datetime(r, c, _month_cell(values[c]), month_format)
        if values[rag_col] in fills:
            ws.write_string(r, rag_col, values[rag_col], fills[values[rag_col]])


def export_xlsx(plan: Plan) -> bytes:
    """Written with XlsxWriter, row after row straight to the file (about twice as fast as
    openpyxl for a plan of thousands of actions, and its memory does not grow with them).
    Text is always written as text, never as a formula."""
    data = plan_data(plan)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, WORKBOOK_OPTIONS)
    _actions(wb, data)
    _about(wb, data)
    _findings(wb, plan)
    wb.close()
    return buf.getvalue()


def _about(wb: xlsxwriter.Workbook, data: dict[str, Any]) -> None:
    ws = _sheet(wb, ABOUT_SHEET, {0: 24, 1: 80})
    ws.write(0, 0, MARKER, wb.add_format({"bold": True}))
    ws.write(0, 1, data["format"])
    rows: list[list[Any]] = [
        [],
        ["Title", data["plan"]["title"]],
        ["Organisation", data["plan"]["organisation"]],
        ["Period", data["plan"]["period"] or ""],
        [],
        ["Themes"],
        ["Theme", "Position"],
        *([t["name"], t["position"]] for t in data["themes"]),
        [],
        ["Objectives"],
        ["Code", "Text", "Defined"],
        *([o["code"], o["text"], "yes" if o["defined"] else "no"] for o in data["objectives"]),
        [],
        ["Periods"],
        ["Period", "Status"],
        *([p["label"], p["status"]] for p in data["periods"]),
        [],
        ["Key"],
        ["RAG", "Green: on track to agreed timelines. Amber: some delivery off track, "
         "further work to complete. Red: significantly off track or may no longer "
         "be possible. Empty: not known."],
        ["Deliverability Score", "As recorded in the plan. Computed Score applies the "
         "plan's scoring rule; see the Findings sheet where they differ."],
    ]  # fmt: skip
    for r, values in enumerate(rows, start=1):
        ws.write_row(r, 0, values)


def _findings(wb: xlsxwriter.Workbook, plan: Plan) -> None:
    ws = _sheet(wb, FINDINGS_SHEET, {3: 80})
    ws.write_row(0, 0, FINDINGS_HEADER, wb.add_format({"bold": True}))
    for r, f in enumerate(plan.findings.order_by("origin", "id"), start=1):
        ws.write_row(r, 0, [f.ref, f.field, f.kind, f.message, f.original, f.source, f.origin])


EXPORTERS: dict[str, Callable[[Plan], bytes]] = {
    "xlsx": export_xlsx,
    "csv": export_csv,
    "json": export_json,
}
STREAMS: dict[str, Callable[[Plan], Iterator[bytes]]] = {"csv": stream_csv, "json": stream_json}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
