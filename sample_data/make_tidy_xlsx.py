"""Make environment-strategy-action-plan-2020-2024.xlsx from the text cut beside it.

The cut is the Environment Strategy Action Plan table as it came out of the Scrutiny
Commission pack (8 April 2020). This script tidies it the way an officer would by hand:
one header row, a Theme column instead of heading rows, real dates for Start and End, no
page banners and no empty financial-year columns. It deliberately does not use Plan
Tracker's importer, so the two files check each other.

Run: .venv/bin/python sample_data/make_tidy_xlsx.py
"""

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent
CUT = HERE / "environment-strategy-action-plan-2020-2024.txt"
OUT = HERE / "environment-strategy-action-plan-2020-2024.xlsx"
HEADER = ["Theme", "Action", "Scope", "Lead", "Partners", "Start", "End", "Objectives Supported"]


def month(text: str) -> datetime | None:
    return datetime.strptime(text, "%b-%y") if text else None


def rows() -> list[list[object]]:
    out: list[list[object]] = []
    theme = ""
    for line in CUT.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        filled = [c for c in cells if c]
        if len(cells) < 6 or not filled or cells[0] in {"Theme / Action", ""}:
            continue
        if len(filled) == 1:
            theme = cells[0]
            continue
        title, scope, lead, partners, start, end = cells[:6]
        out.append([theme, title, scope, lead, partners, month(start), month(end), cells[10]])
    return out


def main() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action Plan"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows():
        ws.append(row)
        for col in (6, 7):
            ws.cell(ws.max_row, col).number_format = "mmm-yy"
    wb.save(OUT)
    print(f"Wrote {OUT.name}: {ws.max_row - 1} actions")


if __name__ == "__main__":
    main()
