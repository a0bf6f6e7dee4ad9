"""Plan exports: JSON, CSV and Excel."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from plantracker.imports.about import ABOUT_SHEET, FINDINGS_HEADER, FINDINGS_SHEET, MARKER
from plantracker.plans.models import Plan

from . import table
from .cells import text_only
from .plan_data import plan_data
from .tabular import csv_bytes

RAG_FILL = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
FORMATS = ("xlsx", "csv", "json")


def export_json(plan: Plan) -> bytes:
    return json.dumps(plan_data(plan), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def export_csv(plan: Plan) -> bytes:
    data = plan_data(plan)
    return csv_bytes(table.headings(data), table.rows(data))


def _month_cell(value: str | None) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


def export_xlsx(plan: Plan) -> bytes:
    data = plan_data(plan)
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append([data["plan"]["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([" · ".join(x for x in (data["plan"]["organisation"], data["plan"]["period"]) if x)])
    ws.append([])
    heads = table.headings(data)
    ws.append(heads)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rag_col = heads.index("RAG") + 1
    date_cols = {heads.index("Start") + 1, heads.index("End") + 1}
    for values in table.rows(data):
        row = []
        for i, v in enumerate(values, start=1):
            row.append(_month_cell(v) if i in date_cols else v)
        ws.append(row)
        r = ws.max_row
        for c in date_cols:
            ws.cell(r, c).number_format = "mmm-yy"
        rag = ws.cell(r, rag_col)
        if rag.value in RAG_FILL:
            rag.fill = PatternFill("solid", fgColor=RAG_FILL[rag.value])
    widths = {"Action": 60, "Who may be involved": 30, "Lead": 20, "Objective": 14}
    for i, h in enumerate(heads, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(
            h, 40 if h.endswith("Update") else 12
        )
    ws.freeze_panes = "A5"
    _about(wb, data)
    _findings(wb, data, plan)
    buf = io.BytesIO()
    text_only(wb)
    wb.save(buf)
    return buf.getvalue()


def _about(wb: Workbook, data: dict[str, Any]) -> None:
    ws = wb.create_sheet(ABOUT_SHEET)
    ws.append([MARKER, data["format"]])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    for key, value in (
        ("Title", data["plan"]["title"]),
        ("Organisation", data["plan"]["organisation"]),
        ("Period", data["plan"]["period"] or ""),
    ):
        ws.append([key, value])
    ws.append([])
    ws.append(["Themes"])
    ws.append(["Theme", "Position"])
    for t in data["themes"]:
        ws.append([t["name"], t["position"]])
    ws.append([])
    ws.append(["Objectives"])
    ws.append(["Code", "Text", "Defined"])
    for o in data["objectives"]:
        ws.append([o["code"], o["text"], "yes" if o["defined"] else "no"])
    ws.append([])
    ws.append(["Periods"])
    ws.append(["Period", "Status"])
    for p in data["periods"]:
        ws.append([p["label"], p["status"]])
    ws.append([])
    ws.append(["Key"])
    ws.append(
        [
            "RAG",
            "Green: on track to agreed timelines. Amber: some delivery off track, "
            "further work to complete. Red: significantly off track or may no longer "
            "be possible. Empty: not known.",
        ]
    )
    ws.append(
        [
            "Deliverability Score",
            "As recorded in the plan. Computed Score applies the "
            "plan's scoring rule; see the Findings sheet where "
            "they differ.",
        ]
    )
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 80


def _findings(wb: Workbook, data: dict[str, Any], plan: Plan) -> None:
    ws = wb.create_sheet(FINDINGS_SHEET)
    ws.append(FINDINGS_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in plan.findings.order_by("origin", "id"):
        ws.append([f.ref, f.field, f.kind, f.message, f.original, f.source, f.origin])
    ws.column_dimensions["D"].width = 80


EXPORTERS = {"xlsx": export_xlsx, "csv": export_csv, "json": export_json}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
