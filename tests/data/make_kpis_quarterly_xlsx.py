"""Writes tests/data/layouts/kpis-quarterly-2023-24.xlsx: a wide quarterly KPI table as a
council's performance team keeps it (title rows, a Yes/No "Higher is better?" column, one
target column for the year, Q1–Q4 columns of numbers, text with units, gaps and n/a).

Run once with `.venv/bin/python tests/data/make_kpis_quarterly_xlsx.py`; the workbook it
writes is committed, so the tests never run this."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).parent / "layouts" / "kpis-quarterly-2023-24.xlsx"
HEAD = [
    "KPI", "Higher is better?", "Unit", "Target 2023/24",
    "Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Q4 2023/24", "Responsible officer",
]  # fmt: skip
ROWS = [
    ["Calls answered within 60 seconds", "Yes", None, ">= 95%", "93%", "96%", "95.5%", "n/a",
     "Head of Customer Services"],
    ["Council tax collected in year", "Yes", "%", "97%", 28.4, 56.1, 84, None,
     "Revenues Manager"],
    ["Complaints answered late", "No", None, "< 10", 12, 8, 7, "TBC", "Complaints Officer"],
    ["Apprentices in post", "Yes", "apprentices", "45 or more", 38, 41, 44, 47,
     "Head of HR"],
    ["Food premises inspections completed on time", "Yes", None, "maintain", "100%", "98%",
     "-", "100%", "Environmental Health Manager"],
    ["Average days to re-let council homes", "No", None, "no more than 25 days", "31 days",
     "27 days", "24 days", "22 days", "Head of Housing"],
]  # fmt: skip


def main() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Q4 report"
    ws.append(["Quarterly Performance Report 2023/24"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Corporate KPIs, all quarters"])
    ws.append([])
    ws.append(HEAD)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for row in ROWS:
        ws.append(row)
    wb.save(OUT)


if __name__ == "__main__":
    main()
