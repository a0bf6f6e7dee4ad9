"""Fuzzing the emissions inventory import with hypothesis: tables in the layouts councils
publish (scope rows, totals, years across or a Period column, a blank first heading) filled
with random cell text. Whatever comes in, the import ends in a result — imported, with
findings, or stopped with problems that name the file — and a stopped import wrote nothing.
Any exception fails. Derandomised for repeatable runs; FUZZ_EXAMPLES=500 explores more."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from plantracker.imports.inventory import InventoryOptions, inventory_import
from tests.recovery import table_hashes

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
HEADINGS = [
    ["", "2018/19", "2019/20"],
    ["Emission source", "Scope", "Category", "2021/22 (tCO2e)", "2022/23 (tCO2e)", "Notes"],
    ["Source", "Scope", "Category", "Financial year", "Emissions (tonnes CO2e)", "Quality"],
    ["Emissions (tonnes CO2e)", "2019/20", "2020/21", "2021/22"],
]
LABELS = st.sampled_from([
    "Scope 1", "SCOPE 2", "Scope 2 – indirect emissions from electricity", "Scope 3",
    "Outside of scopes", "Total", "Sub-total", "Subtotal", "Overall", "Grand total",
    "Total Scope 1", "Scope 1 total", "Total scope 1 and 2", "Gas", "Fleet", "Electricity",
    "Water", "Figures are provisional.", "",
])  # fmt: skip
CELLS = st.one_of(
    st.sampled_from([
        "", "-", "–", "n/a", "N/A", "Not recorded", "No data", "TBC", "not measured", "0",
        "1,234", "1,234 t", "1 234 tCO2e", "12.5", "-300", "1e309", "NaN", "9" * 40, "12,5",
        "Buildings", "Schools", "1", "2", "3", "Scope 1", "Outside", "2018-19", "2019/20",
        "March 2019", "0000-01", "estimated", "nul\x00byte", "x" * 400,
    ]),
    st.text(max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)  # fmt: skip


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[str]], bool]:
    heading = list(draw(st.sampled_from(HEADINGS)))
    rows = [heading]
    for _ in range(draw(st.integers(0, 12))):
        width = draw(st.integers(1, len(heading) + 1))
        label = draw(st.one_of(LABELS, st.text(max_size=20)))
        rows.append([label, *(draw(CELLS) for _ in range(width - 1))])
    if draw(st.booleans()):
        rows.insert(0, [draw(st.text(max_size=40))])
    return rows, draw(st.booleans())


def write(rows: list[list[str]], xlsx: bool, folder: Path) -> Path:
    if xlsx:
        path = folder / "emissions.xlsx"
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in r])
        wb.save(path)
        return path
    path = folder / "emissions.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.mark.django_db
def test_random_cells_give_a_result_never_an_exception() -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(case=tables())
    def check(case: tuple[list[list[str]], bool]) -> None:
        rows, xlsx = case
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            path = write(rows, xlsx, Path(folder))
            before = table_hashes()
            result = inventory_import(path, InventoryOptions("Fuzz Council"))
            if not result.ok:
                assert all(path.name in p or "--baseline" in p for p in result.problems)
                assert all("Traceback" not in p for p in result.problems)
                assert table_hashes() == before, "a stopped import wrote something"
            transaction.set_rollback(True)

    check()
