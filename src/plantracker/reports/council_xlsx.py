"""The action table as an Excel workbook in the council's own layout (the columns of its
tracker), with the tracker's convention for changes since the last report: new text in
red, removed text struck through. It re-imports cleanly: the reader drops struck text."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from plantracker.plans.vocab import RAG_MEANING, STAGE_MEANING
from plantracker.updates.changes import ChangeReport
from plantracker.updates.diff import Segment

from .cells import text_only
from .committee import CommitteeReport
from .plan_data import month_label
from .xlsx_print import add_logo, print_setup
from .xlsx_text import diff_rich, markdown_rich

RED = "FFFF0000"
RAG_FILL = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
CONVENTION = "Updates to this sheet are shown in red with original text as 'strikethrough'"
# Beside each update, said when it was not written for this period (CommitteeReport.update_label).
# Its own column, so that re-importing the tracker never takes the note for the update.
UPDATE_NOTE = "Update status"
COLUMNS = [
    ("Action ID", "ref", 10),
    ("Objective", "objectives", 12),
    ("Action", "title", 50),
    ("Role", "role", 10),
    ("Who may be involved", "partners", 28),
    ("Timescales", "timescale", 11),
    ("Cost", "cost", 8),
    ("Carbon Saving", "carbon", 9),
    ("Deliverability Score", "recorded_score", 12),
    ("Project Status", "stage", 12),
    ("RAG", "rag", 9),
]


def rich(segments: list[Segment]) -> CellRichText | str:
    """A diff as rich text runs; plain text when nothing changed."""
    if all(op == "equal" for op, _ in segments):
        return "".join(t for _, t in segments)
    parts: list[Any] = []
    for op, text in segments:
        if op == "equal":
            parts.append(TextBlock(InlineFont(), text))
        elif op == "insert":
            parts.append(TextBlock(InlineFont(color=RED), text))
        else:
            parts.append(TextBlock(InlineFont(strike=True), text))
    return CellRichText(parts)


def _cell(action: dict[str, Any], key: str) -> Any:
    if key == "recorded_score":
        value = action.get("recorded_score")
        return action.get("score") if value is None else value
    value = action.get(key)
    if isinstance(value, list):
        return ", ".join(value)
    return value


def _actions_sheet(ws: Worksheet, r: CommitteeReport) -> None:
    narratives = (
        {c.ref: c.narrative_diff for c in r.changes.changed if c.narrative_diff}
        if r.changes
        else {}
    )
    ws.append([r.plan.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([CONVENTION])
    ws["A2"].font = Font(italic=True)
    if r.published:
        ws.append([])
    else:  # as the other formats say at the top of a preview
        ws.append([f"Draft: {r.period.label} has not been published. This preview shows "
                   "updates as they stand now, including those not yet approved."])  # fmt: skip
        ws["A3"].font = Font(bold=True, color="D4351C")
    heads = [h for h, _, _ in COLUMNS] + [UPDATE_NOTE, f"{r.period.label} Update"]
    ws.append(heads)
    header_row = 4
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rag_col = heads.index("RAG") + 1
    fills = {rag: PatternFill("solid", fgColor=colour) for rag, colour in RAG_FILL.items()}
    top = Alignment(wrap_text=True, vertical="top")
    row = header_row  # the row last written: counted here, as ws.max_row looks at every cell
    theme = object()
    for a in r.actions:
        if a.get("theme") != theme and a.get("theme"):
            ws.append([a["theme"]])
            row += 1
            ws.cell(row, 1).font = Font(bold=True)
        theme = a.get("theme")
        diff = narratives.get(a["ref"])
        text = diff_rich(diff) if diff else markdown_rich(a.get("narrative"))
        ws.append([_cell(a, key) for _, key, _ in COLUMNS]
                  + [r.update_label(a) or None, text])  # fmt: skip
        row += 1
        rag = ws.cell(row, rag_col)
        if rag.value in fills:
            rag.fill = fills[rag.value]
        for c in range(1, len(heads) + 1):
            ws.cell(row, c).alignment = top
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.column_dimensions[get_column_letter(len(heads) - 1)].width = 22
    ws.column_dimensions[get_column_letter(len(heads))].width = 70
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    footer = f"{r.plan.title}: {r.period.label}{'' if r.published else ' (draft)'}"
    print_setup(ws, r.brand, f"{header_row}:{header_row}", footer)
    add_logo(ws, r.brand, len(heads))


def _key_sheet(ws: Worksheet) -> None:
    ws.append(["Key"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([CONVENTION])
    ws.append([])
    ws.append([UPDATE_NOTE, "Empty when the update was written for this period; otherwise "
               "when it was last given, or that none has been given."])  # fmt: skip
    _key_meanings(ws)


def _key_meanings(ws: Worksheet) -> None:
    ws.append([])
    ws.append(["Project Status", "Meaning"])
    for stage, meaning in STAGE_MEANING.items():
        ws.append([str(stage), meaning])
    ws.append([])
    ws.append(["RAG", "Meaning"])
    for rag, meaning in RAG_MEANING.items():
        ws.append([str(rag), meaning])
        if str(rag) in RAG_FILL:
            ws.cell(ws.max_row, 1).fill = PatternFill("solid", fgColor=RAG_FILL[str(rag)])
    ws.append(["(empty)", "Not known: no RAG rating has been given."])
    ws.append([])
    ws.append(["Deliverability Score", "Timescale × cost × carbon saving, as the plan scores it."])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90


def _changes_sheet(ws: Worksheet, changes: ChangeReport | None) -> None:
    ws.append(["Changes"])
    ws["A1"].font = Font(bold=True, size=14)
    if changes is None:
        ws.append(["This is the first report for the plan: there is nothing to compare with."])
        return
    ws.append([f"{changes.after} compared with {changes.before}. {CONVENTION}."])
    ws.append([])
    ws.append(["Action ID", "Action", "What changed", "Was", "Now", "Change"])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for a in changes.added:
        ws.append([a["ref"], a["title"], "Added", None, None, None])
    for a in changes.removed:
        ws.append([a["ref"], a["title"], "Removed", None, None, None])
    for c in changes.changed:
        title: Any = rich(c.title_diff) if c.title_diff else c.title
        for f in c.fields:
            old = month_label(f.old) if f.field == "end" else f.old_text
            new = month_label(f.new) if f.field == "end" else f.new_text
            ws.append([c.ref, title, f.label, old, new, f.direction or None])
        if c.narrative_diff:
            ws.append([c.ref, title, "Update", None, diff_rich(c.narrative_diff), None])
        if c.rag_reason:
            reason = markdown_rich(c.rag_reason)
            ws.append([c.ref, title, "Reason for the RAG rating", None, reason, None])
    for col, width in zip("ABCDEF", (10, 50, 22, 16, 70, 16), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def render_xlsx(report: CommitteeReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    _actions_sheet(ws, report)
    _changes_sheet(wb.create_sheet("Changes"), report.changes)
    _key_sheet(wb.create_sheet("Key"))
    footer = f"{report.plan.title}: {report.period.label}"
    changes_heads = "4:4" if report.changes else "1:1"
    for sheet, rows in (("Changes", changes_heads), ("Key", "1:1")):
        print_setup(wb[sheet], report.brand, rows, footer)
    buf = io.BytesIO()
    text_only(wb)
    wb.save(buf)
    return buf.getvalue()
