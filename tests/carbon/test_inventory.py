"""The greenhouse-gas inventory: sources and yearly tCO2e in long and wide layouts, measured
and not-yet-measured sources, the baseline, and recalculations kept in history."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from plantracker.carbon.models import CarbonProfile, EmissionRecord, EmissionSource
from plantracker.carbon.selectors import inventory_view
from plantracker.core.models import Organisation
from plantracker.imports.inventory import InventoryOptions, inventory_import
from tests.conftest import ORG, SAMPLES

WIDE = SAMPLES / "inventory-2018-19-illustrative.csv"
PACK = SAMPLES / "council-and-county-emissions-2018-19.txt"


def pack_figure(pattern: str) -> Decimal:
    m = re.search(pattern, PACK.read_text(encoding="utf-8"))
    assert m, pattern
    return Decimal(m[1].replace(",", ""))


@pytest.mark.django_db
def test_wide_sample_gives_the_packs_totals() -> None:
    result = inventory_import(WIDE, InventoryOptions(ORG, baseline="2018-19"))
    assert result.ok, result.problems
    org = Organisation.objects.get(name=ORG)
    assert CarbonProfile.objects.get(organisation=org).baseline_period == "2018-19"
    view = inventory_view(org)
    assert view.periods == ["2018-19"]
    year = view.total_for("2018-19")
    assert year is not None
    # Paragraph 9: measured emissions "almost 13,000 tonnes"; paragraph 11: with the first three
    # unmeasured sources' estimates, 45,000.
    assert year.measured == pack_figure(r"emissions were almost ([\d,]+) tonnes")
    assert year.total == pack_figure(r"gives a figure of ([\d,]+) tonnes")
    assert year.change == 0
    # Sources with no agreed method are listed with no figure, not yet measured.
    for name in ("Farming / land use", "Investments / pensions"):
        source = EmissionSource.objects.get(organisation=org, name=name)
        assert not source.measured and not source.records.exists()
    assert EmissionSource.objects.get(name="Offsets").measured
    fugitive = EmissionRecord.objects.get(source__name="Fugitive gases")
    assert fugitive.quality == "estimated" and fugitive.year == 2019
    assert EmissionRecord.objects.get(source__name="Renewable energy exports").tco2e == -300
    again = inventory_import(WIDE, InventoryOptions(ORG))
    # Offsets, farming and pensions: a blank is no figure, never 0, and said so.
    assert again.counts == {"records:unchanged": 10, "figures:left empty": 3}
    assert (
        "inventory-2018-19-illustrative.csv: no figure (left empty, never 0) in row 10 2018-19 "
        "(blank); row 14 2018-19 (blank); row 15 2018-19 (blank)."
    ) in again.notes


@pytest.mark.django_db
def test_long_layout_change_from_baseline_and_history(tmp_path: Path) -> None:
    long = tmp_path / "ghg.csv"
    long.write_text(
        "Source,Scope,Category,Period,tCO2e,Quality,Method,Factor set\n"
        "Gas,1,Buildings,2018/19,1000,actual,metered kWh x factor,UK government 2019\n"
        "Gas,1,Buildings,2019-20,800,actual,,\n"
        'Grid electricity,2,Buildings,2019-20,"1,100.5",estimated,,\n'
        "Grid electricity,2,Buildings,2018-19,1200,actual,,\n",
        encoding="utf-8",
    )
    result = inventory_import(long, InventoryOptions("Rutland County Council", "2018-19"))
    assert result.ok, result.problems
    assert result.counts == {"baseline:set": 1, "records:created": 4, "sources:created": 2}
    view = inventory_view(Organisation.objects.get(name="Rutland County Council"))
    assert view.periods == ["2018-19", "2019-20"]
    later = view.total_for("2019-20")
    assert later is not None and later.measured == Decimal("1900.5")
    assert later.change == (Decimal("1900.5") - 2200) / 2200 * 100
    assert later.estimated == 1
    gas = EmissionRecord.objects.get(source__name="Gas", period="2018-19")
    assert gas.factor_set == "UK government 2019" and gas.method == "metered kWh x factor"

    # Recalculated with new factors: the new figure stands, the old one is in the history.
    long.write_text(
        "Source,Period,tCO2e,Factor set\nGas,2018-19,990,UK government 2024\n", encoding="utf-8"
    )
    again = inventory_import(long, InventoryOptions("Rutland County Council"))
    assert again.counts == {"records:recalculated": 1}
    gas.refresh_from_db()
    assert gas.tco2e == 990 and gas.factor_set == "UK government 2024"
    assert [h.tco2e for h in gas.history.order_by("history_date")] == [1000, 990]


@pytest.mark.django_db
def test_bad_rows_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "ghg.csv"
    bad.write_text(
        "Source,Scope,Category,Period,tCO2e\n"
        "Gas,1,Buildings,2018-19,lots\n"
        "Fleet,1,Lorries,2018-19,10\n"  # not a category we know: kept under Other, said so
        "Water,3,Water,March 2019,5\n"
        "Waste,,Operational waste,2018-19,5\n",
        encoding="utf-8",
    )
    result = inventory_import(bad, InventoryOptions(ORG))
    assert result.problems == [
        "ghg.csv, row 2, column E (tCO2e): 'lots' is not a number of tonnes CO2e. Write the "
        "figure alone, like 1234.5.",
        "ghg.csv, row 4, column D (Period): 'March 2019' is not a financial year. Write it like "
        "2018-19.",
        "ghg.csv, row 5, column B (Scope): 'Waste' is a new source: give its scope (1, 2, 3 or "
        "Outside) in a Scope column, or in a row above it naming only the scope, such as "
        "'Scope 1'.",
    ]
    assert not EmissionSource.objects.exists() and not EmissionRecord.objects.exists()
    none = tmp_path / "none.csv"
    none.write_text("Source,Scope\nGas,1\n", encoding="utf-8")
    assert "no figures found" in inventory_import(none, InventoryOptions(ORG)).problems[0]


@pytest.mark.django_db
def test_wide_workbook_with_several_years(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Annual greenhouse gas report"])
    ws.append([])
    ws.append(["Source", "Scope", "Category", "2016/17", "2017-18", "2018-19", "Notes"])
    ws.append(["Buildings", "Scope 1", "Buildings", 6100, 5800.5, None, "2018-19 not yet in"])
    ws.append(["Street lighting", "Scope 2", "Street lighting and signals", 5000, 4500, 4100])
    path = tmp_path / "ghg.xlsx"
    wb.save(path)
    result = inventory_import(path, InventoryOptions(ORG, baseline="2016-17"))
    assert result.ok, result.problems
    view = inventory_view(Organisation.objects.get(name=ORG))
    assert view.periods == ["2016-17", "2017-18", "2018-19"]
    assert [t.measured for t in view.totals] == [11100, Decimal("10300.5"), 4100]
    assert view.totals[1].change == (Decimal("10300.5") - 11100) / 11100 * 100
    assert EmissionRecord.objects.filter(source__name="Buildings").count() == 2


@pytest.mark.django_db
def test_a_target_against_an_inventory_year_counts_measured_sources(
    samples: None, tmp_path: Path
) -> None:
    from plantracker.carbon.models import Roadmap
    from plantracker.carbon.selectors import roadmap_view

    roadmap = Roadmap.objects.get()
    before = {tv.target.name: tv for tv in roadmap_view(roadmap).targets}
    assert before["64% reduction by 2025"].check is None  # no 2016-17 figures yet
    long = tmp_path / "ghg-2016-17.csv"
    long.write_text(
        "Source,Period,tCO2e\nBuildings,2016-17,15000\nProcurement,2016-17,30000\n",
        encoding="utf-8",
    )
    assert inventory_import(long, InventoryOptions(ORG)).ok
    after = {tv.target.name: tv for tv in roadmap_view(roadmap).targets}
    check = after["64% reduction by 2025"].check
    assert check is not None and check.goal == Decimal(15000) * Decimal("0.36")
