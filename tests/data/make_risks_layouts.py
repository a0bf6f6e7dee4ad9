"""Writes tests/data/layouts/risks-directorate-residual-scores.xlsx: a directorate's register
as councils publish it in Excel, numbered "No.", with a residual score only and cells whose
text runs over several lines. Run it with the project's Python; the output is committed."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).parent / "layouts" / "risks-directorate-residual-scores.xlsx"

HEADER = ["No.", "Risk", "Cause(s)", "Consequence(s)", "Existing controls", "Risk owner",
          "Residual score", "Direction of travel"]  # fmt: skip
ROWS = [
    ["1", "Severe weather closes roads to schools and care homes",
     "More intense rainfall\nBlocked gullies on rural roads",
     "Pupils cannot reach school\nCarers cannot reach clients",
     "Gully cleansing programme\nSevere weather plan tested each autumn",
     "Head of Highways", 16, "Increasing"],
    ["2", "Heat in council buildings makes them unsafe to work in",
     "Summer temperatures above 30°C", "Staff sickness\nBuildings closed at short notice",
     "Cooling plan for each building", "Head of Property", "12", "Stable"],
    ["3", "Grant for the heat network is withdrawn",
     "Change of national funding rules", "Project stops", "Bid kept under review",
     "Energy Manager", "Inactive", ""],
    ["4", "Waste fleet cannot be charged at the depot",
     "Grid connection delayed", "Diesel vehicles kept longer",
     "Weekly meetings with the network operator\nTemporary chargers hired",
     "Fleet Manager", "8 (Amber)", "Decreasing"],
    ["5", "Tree planting target missed",
     "Not enough land offered\nDry springs kill saplings", "Canopy cover falls short",
     "Land search with parish councils", "Parks Manager", "No longer applies", ""],
]  # fmt: skip


def main() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Risk register"
    ws.append(["Place Directorate Risk Register 2024/25"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Residual score = impact x likelihood after controls (1-25)"])
    ws.append([])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    for line in ws.iter_rows(min_row=5):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(OUT)


if __name__ == "__main__":
    main()
