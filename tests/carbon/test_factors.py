"""The government's 2024 conversion factor workbook, read as published, and activity data turned
into tCO2e with the factor's ID, year and value kept beside the result."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from plantracker.carbon.models import ConversionFactor, EmissionRecord
from plantracker.imports.activity import ActivityOptions, activity_import
from plantracker.imports.factors import factors_import
from tests.conftest import ORG, SAMPLES

WORKBOOK = SAMPLES / "ghg-conversion-factors-2024-FlatFormat_v1_1.xlsx"
ACTIVITY = SAMPLES / "activity-data-illustrative-2023-24.csv"


def workbook_factors() -> dict[str, tuple[str, float | None]]:
    """ID → (unit, factor) straight from the government's sheet, up to its END row."""
    wb = load_workbook(WORKBOOK, read_only=True)
    out = {}
    rows = wb["Factors by Category"].iter_rows(values_only=True)
    for row in rows:
        if row[0] == "ID":
            break
    for row in rows:
        if row[1] == "END":
            break
        if row[0]:
            out[row[0]] = (row[7], row[9])
    wb.close()
    return out


def activity_rows() -> list[dict[str, str]]:
    lines = ACTIVITY.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Source,"))
    return list(csv.DictReader(lines[start:]))


@pytest.fixture
def factors(db: None) -> None:
    result = factors_import(WORKBOOK)
    assert result.ok, result.problems


@pytest.mark.django_db
def test_workbook_is_read_as_published(factors: None) -> None:
    expected = workbook_factors()
    given = {k: v for k, v in expected.items() if v[1] is not None}
    assert ConversionFactor.objects.filter(year=2024).count() == len(given)
    assert len(given) < len(expected)  # blank factor cells are skipped, not zero
    gas = ConversionFactor.objects.get(year=2024, factor_id="1_100_1004_6_1")
    assert (gas.level_3, gas.unit, gas.ghg) == ("Natural gas", "kWh (Gross CV)", "kg CO2e")
    assert float(gas.value) == expected["1_100_1004_6_1"][1]
    # Sheet1 (a third party's copy of some rows) is ignored: nothing comes from it alone.
    assert not ConversionFactor.objects.exclude(factor_id__in=list(expected)).exists()
    again = factors_import(WORKBOOK)
    assert again.counts.get("factors:created", 0) == 0


@pytest.mark.django_db
def test_activity_times_factor_gives_tco2e_with_the_factor_recorded(factors: None, client) -> None:
    result = activity_import(ACTIVITY, ActivityOptions(ORG))
    assert result.ok, result.problems
    book = workbook_factors()
    rows = activity_rows()
    assert EmissionRecord.objects.count() == len(rows)
    for row in rows:
        record = EmissionRecord.objects.get(source__name=row["Source"], period=row["Period"])
        unit, factor = book[row["Factor ID"]]
        assert unit == row["Unit"]
        expected = Decimal(row["Quantity"]) * Decimal(str(factor)) / 1000
        assert record.tco2e == expected.quantize(Decimal("0.0001"))
        assert (record.factor_ref, record.factor_year) == (row["Factor ID"], 2024)
        assert record.factor_value == Decimal(str(factor))
    assert EmissionRecord.objects.get(source__name="Operational fleet: diesel").quality == (
        "estimated"
    )
    # The Carbon page shows each figure with its factor ID and year, and cites the factors.
    page = client.get("/organisations/leicestershire-county-council/carbon/").content.decode()
    for row in rows:
        record = EmissionRecord.objects.get(source__name=row["Source"], period=row["Period"])
        assert f"{record.tco2e:,.0f}" in page and f"factor {row['Factor ID']} (2024)" in page
    assert "Department for Energy Security and Net Zero, Open Government Licence v3" in page


@pytest.mark.django_db
def test_recalculating_keeps_the_old_figure_in_history(factors: None) -> None:
    activity_import(ACTIVITY, ActivityOptions(ORG))
    gas = ConversionFactor.objects.get(year=2024, factor_id="1_100_1004_6_1")
    old = EmissionRecord.objects.get(factor_ref=gas.factor_id).tco2e
    gas.value = gas.value * 2  # a corrected factor
    gas.save()
    result = activity_import(ACTIVITY, ActivityOptions(ORG))
    assert result.counts["records:recalculated"] == 1
    record = EmissionRecord.objects.get(factor_ref=gas.factor_id)
    assert record.tco2e == (old * 2).quantize(Decimal("0.0001"))
    assert [h.tco2e for h in record.history.order_by("history_date")] == [old, record.tco2e]


@pytest.mark.django_db
def test_problems_name_the_file_row_and_column(factors: None, tmp_path: Path) -> None:
    bad = tmp_path / "activity.csv"
    bad.write_text(
        "Source,Scope,Category,Period,Quantity,Unit,Factor ID\n"
        "Gas,1,Buildings,2023-24,100,litres,1_100_1004_6_1\n"
        "Oil,1,Buildings,2023-24,many,litres,1_101_1011_8_1\n"
        "Car,1,Buildings,2023-24,5,km,nope\n",
        encoding="utf-8",
    )
    result = activity_import(bad, ActivityOptions(ORG))
    text = "\n".join(result.problems)
    assert (
        "activity.csv, row 2, column F (Unit): the activity is in litres but the factor is "
        "per kWh (Gross CV)" in text
    )
    assert "row 3, column E (Quantity): 'many' is not a number" in text
    assert "row 4, column G (Factor ID): there is no factor with ID 'nope'" in text
    assert not EmissionRecord.objects.exists()


@pytest.mark.django_db
def test_workbook_without_the_factors_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Sheet1"
    path = tmp_path / "factors.xlsx"
    wb.save(path)
    result = factors_import(path)
    assert result.problems == [
        "factors.xlsx: no sheet named 'Factors by Category' (it has Sheet1). Use the "
        "flat-format workbook from GOV.UK."
    ]


@pytest.mark.django_db
def test_factor_search_downloads_and_api(factors: None, client) -> None:
    import csv
    import io

    book = workbook_factors()
    page = client.get("/conversion-factors/?q=1_100_1004_6_1").content.decode()
    assert "1 factor matching" in page and "0.1829" in page
    found = client.get("/conversion-factors.csv?year=2024&q=natural+gas+kwh").content
    rows = list(csv.DictReader(io.StringIO(found.decode("utf-8-sig"))))
    assert rows and all("kWh" in r["UOM"] for r in rows)
    for r in rows:
        assert book[r["ID"]] == (r["UOM"], float(r["kg per unit"]))
        assert "Open Government Licence" in r["Source"]
    api = client.get("/api/v1/conversion-factors?q=1_101_1011_8_1").json()
    assert api["year"] == 2024 and [f["factor_id"] for f in api["factors"]] == ["1_101_1011_8_1"]
    assert (api["factors"][0]["unit"], api["factors"][0]["value"]) == book["1_101_1011_8_1"]
