"""The emissions inventories of tests/data/layouts, each imported with no --map and no edits:
scope rows, totals and sub-totals checked, words and blanks for no figure, units and
thousands separators, a blank first heading, and a table of scope totals only."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from plantracker.carbon.models import EmissionRecord, EmissionSource
from plantracker.carbon.selectors import inventory_view
from plantracker.core.models import Organisation
from plantracker.imports import inventory_findings as say
from plantracker.imports.columns import column_letter
from plantracker.imports.inventory import InventoryOptions, inventory_import
from plantracker.imports.readers import read
from plantracker.imports.tables import ImportResult
from tests.conftest import ROOT

LAYOUTS = ROOT / "tests" / "data" / "layouts"
ESTATE = LAYOUTS / "emissions-council-estate-2021-22-to-2022-23.csv"
WIDE = LAYOUTS / "emissions-wide-years-2018-19-to-2022-23.xlsx"
SCOPES = LAYOUTS / "emissions-scope-totals-2019-20-to-2023-24.csv"
ORG = "Northshire County Council"


def every_column_accounted_for(result: ImportResult, path: Path) -> None:
    (table,) = result.tables
    rows = read(path)[0].rows
    letters = {
        column_letter(i)
        for row in rows
        if row.number >= table.header_row
        for i, cell in enumerate(row.cells)
        if cell.text.strip()
    }
    named = {c.split(" (")[0] for c in [*result.columns_used(), *result.columns_ignored()]}
    assert letters and letters <= named, letters - named


def by_scope(period: str) -> dict[str, Decimal]:
    total = inventory_view(Organisation.objects.get(name=ORG)).total_for(period)
    assert total is not None, period
    return total.by_scope


def figure(source: str, period: str) -> Decimal:
    return EmissionRecord.objects.get(source__name=source, period=period).tco2e


@pytest.mark.django_db
def test_estate_inventory_with_scope_rows_sub_totals_and_a_total() -> None:
    result = inventory_import(ESTATE, InventoryOptions(ORG))
    assert result.ok, result.problems
    every_column_accounted_for(result, ESTATE)
    assert result.counts == {
        "sources:created": 12,
        "records:created": 21,
        "figures:left empty": 3,
        "totals:checked": 4,
    }
    # Sub-totals and the total are checked, not imported as sources.
    assert not EmissionSource.objects.filter(name__icontains="total").exists()
    assert not EmissionSource.objects.filter(name__istartswith="scope").exists()
    assert by_scope("2021-22") == {"1": Decimal("6284.2"), "2": Decimal("4444.9"),
                                   "3": Decimal("662.7")}  # fmt: skip
    assert by_scope("2022-23") == {"1": Decimal("5885.2"), "2": Decimal("3902.5"),
                                   "3": Decimal("615.2")}  # fmt: skip
    assert figure("Gas – corporate buildings", "2021-22") == Decimal("2412.6")
    assert EmissionSource.objects.get(name="Street lighting and signals").scope == "2"
    assert EmissionSource.objects.get(name="Operational waste").scope == "3"
    # "Not recorded", "N/A" and "-" are no figure, never 0.
    assert not EmissionRecord.objects.filter(source__name="Refrigerant top-ups",
                                             period="2021-22").exists()  # fmt: skip
    assert not EmissionRecord.objects.filter(source__name="Operational waste",
                                             period="2022-23").exists()  # fmt: skip
    assert (
        say.NO_FIGURE.format(
            file=ESTATE.name,
            cells="row 10 2021-22 ('Not recorded'); row 20 2021-22 ('N/A'); row 21 2022-23 ('-')",
        )
        in result.notes
    )
    assert say.TOTAL_CHECKED.format(
        file=ESTATE.name, row=11, label="Sub-total", rows="rows 6–10",
        years="2021-22 (6,284.2), 2022-23 (5,885.2)",
    ) in result.notes  # fmt: skip
    assert say.TOTAL_CHECKED.format(
        file=ESTATE.name, row=23, label="Total", rows="rows 6–10, 13–15, 18–21",
        years="2021-22 (11,391.8), 2022-23 (10,402.9)",
    ) in result.notes  # fmt: skip
    # A category Plan Tracker does not know: kept under Other, as written, with a word.
    schools = EmissionSource.objects.get(name="Gas – maintained schools")
    assert (schools.category, schools.category_as_written) == ("other", "Schools")
    assert say.UNKNOWN_CATEGORY.format(
        where=f"{ESTATE.name}, row 7, column B (Category)",
        name="Gas – maintained schools", written="Schools",
    ) in result.notes  # fmt: skip
    assert say.SCOPE_ROWS.format(file=ESTATE.name, rows="rows 5, 12, 17") in result.notes
    page = Client().get(f"/organisations/{schools.organisation.slug}/carbon/").content.decode()
    assert "Other (the file said “Schools”)" in page  # and the carbon page says so
    again = inventory_import(ESTATE, InventoryOptions(ORG))
    assert again.counts == {"records:unchanged": 21, "figures:left empty": 3, "totals:checked": 4}


@pytest.mark.django_db
def test_wide_workbook_with_a_blank_first_heading_and_a_total_that_does_not_add_up() -> None:
    result = inventory_import(WIDE, InventoryOptions(ORG))
    assert result.ok, result.problems
    every_column_accounted_for(result, WIDE)
    assert result.columns_used() == [
        "A (no heading) as source",
        *(f"{column_letter(i + 1)} ({y}) as tCO2e for {y.replace('/', '-')}"
          for i, y in enumerate(["2018/19", "2019/20", "2020/21", "2021/22", "2022/23"])),
    ]  # fmt: skip
    assert result.counts == {
        "sources:created": 8,
        "records:created": 35,
        "figures:left empty": 5,
        "totals:checked": 3,
        "totals:found not to add up": 1,
    }
    assert by_scope("2018-19") == {"1": 6505, "2": 6670, "3": 560}
    assert by_scope("2022-23") == {"1": 5317, "2": 3325, "3": 628}
    assert figure("Street lighting", "2022-23") == 1050  # the cell says "1,050 t"
    assert not EmissionRecord.objects.filter(source__name="Water", period="2018-19").exists()
    # The published grand total for 2020/21 is 100 more than its rows: imported, and said.
    assert (
        say.TOTAL_DIFFERS.format(
            where=f"{WIDE.name}, row 18, column D (2020/21)",
            label="Grand total",
            given="10,211",
            summed="10,111",
            rows="rows 5–7, 10–11, 14–16",
        )
        in result.notes
    )
    assert say.SCOPE_ROWS.format(file=WIDE.name, rows="rows 4, 9, 13") in result.notes  # fmt: skip
    assert say.TOTAL_CHECKED.format(
        file=WIDE.name, row=8, label="Scope 1 total", rows="rows 5–7",
        years="2018-19 (6,505), 2019-20 (6,263), 2020-21 (5,160), 2021-22 (5,670), "
              "2022-23 (5,317)",
    ) in result.notes  # fmt: skip
    # No category column: every source is kept under Other, with one word for all of them.
    assert set(EmissionSource.objects.values_list("category", flat=True)) == {"other"}
    assert say.NO_CATEGORY.format(file=WIDE.name, rows="rows 5–7, 10–11, 14–16") in result.notes
    assert say.NOTE.format(
        file=WIDE.name, row=19,
        text="Scope 3 before 2020/21 leaves out waste, which was not measured.",
    ) in result.notes  # fmt: skip


@pytest.mark.django_db
def test_table_of_scope_totals_only() -> None:
    out = StringIO()
    call_command("import-emissions", str(SCOPES), "--organisation", ORG, stdout=out)
    text = out.getvalue()
    assert "Columns used: A (Emissions (tonnes CO2e)) as source; B (2019/20) as tCO2e" in text
    result = inventory_import(SCOPES, InventoryOptions(ORG))
    every_column_accounted_for(result, SCOPES)
    assert result.counts == {"records:unchanged": 13, "figures:left empty": 2,
                             "totals:checked": 1}  # fmt: skip
    sources = EmissionSource.objects.order_by("position")
    assert [(s.name, s.scope, s.category) for s in sources] == [
        ("Scope 1", "1", "other"), ("Scope 2", "2", "other"), ("Scope 3", "3", "other"),
    ]  # fmt: skip
    assert by_scope("2019-20") == {"1": 4210, "2": 2950, "3": 1120}
    assert by_scope("2023-24") == {"1": 3502}  # TBC and Not recorded: no figure
    assert say.SCOPE_FIGURES.format(file=SCOPES.name, rows="rows 3–5") in result.notes
    assert say.TOTAL_CHECKED.format(
        file=SCOPES.name, row=6, label="Total", rows="rows 3–5",
        years="2019-20 (8,280), 2020-21 (7,350), 2021-22 (6,960), 2022-23 (6,535)",
    ) in result.notes  # fmt: skip


LONG = LAYOUTS / "emissions-long-by-year-with-units.csv"


@pytest.mark.django_db
def test_long_layout_with_units_in_the_heading_and_the_cells() -> None:
    result = inventory_import(LONG, InventoryOptions(ORG))
    assert result.ok, result.problems
    every_column_accounted_for(result, LONG)
    assert "E (Emissions (tonnes CO2e)) as tco2e" in result.columns_used()
    assert result.counts == {"sources:created": 4, "records:created": 7,
                             "figures:left empty": 1, "totals:checked": 2}  # fmt: skip
    assert figure("Fleet", "2021-22") == Decimal("1402.5")  # the cell says "1,402.5 t"
    assert by_scope("2021-22") == {"1": Decimal("4522.5"), "2": 2480, "3": 418}
    # "Buildings" under scope 1 and under scope 2: two sources, and said so.
    assert EmissionSource.objects.get(name="Buildings").scope == "1"
    assert EmissionSource.objects.get(name="Buildings (Scope 2)").scope == "2"
    assert say.RENAMED.format(file=LONG.name, row=3, name="Buildings",
                              renamed="Buildings (Scope 2)") in result.notes  # fmt: skip
    assert say.NO_FIGURE.format(file=LONG.name, cells="row 9 2022-23 ('not measured')") in (
        result.notes
    )
    assert (
        say.TOTAL_CHECKED.format(
            file=LONG.name, row=11, label="Total", rows="rows 7–10", years="2022-23 (5,499)"
        )
        in result.notes
    )
    # The Total row's note belongs to no source: not imported, and said.
    aside = f"{LONG.name}, row 11, column G (Notes) 'Excludes fleet'"
    assert say.SET_ASIDE.format(cells=aside) in result.notes


@pytest.mark.django_db
def test_the_same_source_and_year_twice_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "ghg.csv"
    path.write_text("Source,Scope,Period,tCO2e\nGas,1,2018-19,5\nGas,1,2018/19,6\n",
                    encoding="utf-8")  # fmt: skip
    result = inventory_import(path, InventoryOptions(ORG))
    assert result.problems == [
        say.TWICE.format(
            where="ghg.csv, row 3, column D (tCO2e)", name="Gas", period="2018-19", row=2
        )
    ]
    assert not EmissionSource.objects.exists()


@pytest.mark.django_db
def test_a_row_with_no_source_named_is_reported_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ghg.csv"
    path.write_text("Source,Scope,Period,tCO2e,Notes\nGas,1,2018-19,5,\n,,2018-19,7,stray\n",
                    encoding="utf-8")  # fmt: skip
    result = inventory_import(path, InventoryOptions(ORG))
    assert result.ok, result.problems
    assert (
        say.NO_LABEL.format(
            where="ghg.csv, row 3, column A (Source)", cells="'2018-19', '7', 'stray'"
        )
        in result.notes
    )
    assert EmissionRecord.objects.count() == 1


@pytest.mark.django_db
def test_a_total_row_s_other_cells_are_reported_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "ghg.csv"
    path.write_text("Source,Scope,Period,tCO2e\nGas,1,2018-19,5\nOil,1,2018-19,4\n"
                    "Total,All,2018-19,9\n", encoding="utf-8")  # fmt: skip
    result = inventory_import(path, InventoryOptions(ORG))
    assert result.ok, result.problems
    assert say.SET_ASIDE.format(cells="ghg.csv, row 4, column B (Scope) 'All'") in result.notes
    assert result.counts["totals:checked"] == 1
