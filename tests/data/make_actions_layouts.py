"""Writes tests/data/layouts/actions-district-net-zero-plan.xlsx (committed; run again only
to change it): a district council's action plan as Excel, with merged section headings,
a stray letter and a page number left between the rows by a copy from a PDF."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

OUT = Path(__file__).parent / "layouts" / "actions-district-net-zero-plan.xlsx"

HEADER = ["Action No", "Action", "Lead officer", "Responsible organisations", "Start", "End",
          "Success measures", "Stage"]  # fmt: skip
ROWS: list[list[object]] = [
    ["1. Buildings & Energy"],
    ["BE1", "Carry out heat decarbonisation plans for our 12 largest buildings",
     "Estates Manager", "Riverside District Council", "Apr-24", "Mar-25",
     "12 plans completed and costed\nFunding bids made for the top 3", "Delivery"],
    ["BE2", "Install battery storage with the solar array at the main offices",
     "Estates Manager", "Riverside District Council; Community Energy Riverside", "Sep-24",
     "Mar-26", "Battery in use; 30% of the array's output used on site", "Design"],
    ["BE3", "Publish a planning advice note on net zero homes", "Planning Policy Manager",
     "Riverside District Council", "Jan-25", "Dec-25", "Advice note adopted", "Discovery"],
    ["B"],
    ["BE4", "Run a solar together group-buying scheme for residents", "Climate Officer",
     "Riverside District Council; iChoosr", "Jun-24", "Mar-27",
     "300 homes with solar panels through the scheme", "Delivery"],
    ["2. Transport"],
    ["T1", "Move the refuse fleet to hydrotreated vegetable oil while electric lorries are "
     "trialled", "Fleet Manager", "Riverside District Council; Biffa", "Apr-24", "Mar-25",
     "Fleet diesel use down 90%", "Completed"],
    ["T2", "Trial two electric refuse lorries", "Fleet Manager", "Riverside District Council",
     "Oct-24", "Sep-25", "Trial report to Cabinet", "Delivery"],
    ["12"],
    ["T3", "Add secure cycle parking at the three railway stations", "Transport Officer",
     "County Council; Network Rail", "Apr-25", "Mar-26", "120 new cycle spaces", "Design"],
    ["Adaptation and resilience"],
    ["AR1", "Map surface water flood risk for every ward", "Emergency Planning Officer",
     "Environment Agency; County Council", "Apr-24", "Dec-24",
     "Maps published for all 18 wards", "Completed"],
    ["AR2", "Add shade and drinking water to the town centre's public spaces",
     "Regeneration Manager", "Riverside District Council", "Apr-25", "Mar-27",
     "Four spaces improved", "Discovery"],
]  # fmt: skip


def main() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Action plan"
    ws.append(["Riverside District Council Net Zero Action Plan 2024-2030"])
    ws.append(["Version 2, agreed by Cabinet on 12 March 2024"])
    ws.append([])
    ws.append(HEADER)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for row in ROWS:
        ws.append(row)
        if len(row) == 1 and len(str(row[0])) > 3:  # a section heading, merged across
            n = ws.max_row
            ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=len(HEADER))
            ws.cell(n, 1).font = Font(bold=True)
            ws.cell(n, 1).fill = PatternFill("solid", fgColor="FFD9D9D9")
    for row in ws.iter_rows(min_row=5):
        row[6].alignment = Alignment(wrap_text=True)
    wb.save(OUT)


if __name__ == "__main__":
    main()
