"""Import the UK government's greenhouse gas conversion factors (the flat-format workbook).

The workbook is read as published: banner rows above the header, the header naming the year
("GHG Conversion Factor 2024"), an END row after the data, factor cells left blank where no factor
is given (skipped and counted), and only the "Factors by Category" sheet (copies may carry other
sheets, including one with the same header, which are not the government's). Re-importing a year
updates its factors in place.
"""

from __future__ import annotations

import re
from decimal import InvalidOperation
from pathlib import Path

from plantracker.carbon.models import ConversionFactor
from plantracker.core import strict

from . import limits
from .columns import column_letter, header_key
from .numbers import figure
from .readers import XLSX_ERRORS
from .tables import ImportResult, TableError, run_import

SHEET = "Factors by Category"
HEADERS = {
    "id": "factor_id",
    "scope": "scope",
    "level 1": "level_1",
    "level 2": "level_2",
    "level 3": "level_3",
    "level 4": "level_4",
    "column text": "column_text",
    "uom": "unit",
    "ghg/unit": "ghg",
}
REQUIRED = {"factor_id", "scope", "level_1", "unit", "ghg"}
YEAR_HEADER = re.compile(r"ghg conversion factor ([0-9]{4})")
BATCH = 2000


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _rows(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    from openpyxl import load_workbook

    if path.suffix.lower() != ".xlsx":
        raise TableError([f"{path.name}: give the government's flat-format .xlsx workbook."])
    if problem := limits.file_problem(path):
        raise TableError([problem])
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise TableError([f"{path.name}: cannot be opened as a workbook ({exc})."]) from None
    try:
        if SHEET not in wb.sheetnames:
            raise TableError(
                [f"{path.name}: no sheet named '{SHEET}' (it has {', '.join(wb.sheetnames)}). "
                 "Use the flat-format workbook from GOV.UK."]
            )  # fmt: skip
        return list(enumerate(wb[SHEET].iter_rows(values_only=True), start=1))
    except XLSX_ERRORS as exc:
        raise TableError(
            [f"{path.name} [{SHEET}]: cannot be read ({exc}). Re-save it as .xlsx."]
        ) from None
    finally:
        wb.close()


def factors_import(path: Path, *, dry_run: bool = False) -> ImportResult:
    def body(result: ImportResult) -> None:
        rows = _rows(path)
        where = f"{path.name} [{SHEET}]"
        header_at, columns, year, value_col = _header(rows, where)
        wanted: dict[str, ConversionFactor] = {}
        problems: list[str] = []
        for number, cells in rows[header_at:]:
            first = _text(cells[0] if cells else None)
            if any(_text(c).upper() == "END" for c in cells[:3]):
                break
            if not first:
                continue
            raw = cells[value_col] if value_col < len(cells) else None
            if raw is None or _text(raw) == "":
                result.count("blank factors:skipped")
                continue
            try:
                value = figure(str(raw), digits=12)
            except InvalidOperation:
                problems.append(
                    f"{where}, row {number}, column {column_letter(value_col)}: {raw!r} is not a "
                    "number. Use the workbook as published."
                )
                continue
            fields = {
                name: _text(cells[i]) if i < len(cells) else "" for name, i in columns.items()
            }
            if fields["factor_id"] in wanted:
                problems.append(f"{where}, row {number}: ID {fields['factor_id']} appears twice.")
                continue
            wanted[fields["factor_id"]] = ConversionFactor(
                year=year, value=value, source=path.name, **fields
            )
        if problems:
            raise TableError(problems)
        if not wanted:
            raise TableError([f"{where}: no factors found below the header row {header_at}."])
        existing = set(
            ConversionFactor.objects.filter(year=year).values_list("factor_id", flat=True)
        )
        result.count("factors:created", len(wanted.keys() - existing))
        result.count("factors:updated or unchanged", len(wanted.keys() & existing))
        ConversionFactor.objects.bulk_create(
            list(wanted.values()),
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["year", "factor_id"],
            update_fields=[f for f in HEADERS.values() if f != "factor_id"] + ["value", "source"],
        )
        stale = ConversionFactor.objects.filter(year=year).exclude(factor_id__in=list(wanted))
        if stale.exists():
            result.count("factors:removed", stale.count())
            stale.delete()
        result.notes.append(f"factor year {year}")

    return run_import(path, dry_run, body)


def _header(
    rows: list[tuple[int, tuple[object, ...]]], where: str
) -> tuple[int, dict[str, int], int, int]:
    for number, cells in rows[:30]:
        keys = [header_key(c) for c in cells]
        columns = {HEADERS[k]: i for i, k in enumerate(keys) if k in HEADERS}
        years = [(i, m) for i, k in enumerate(keys) if (m := YEAR_HEADER.fullmatch(k))]
        if set(columns) >= REQUIRED and years:
            col, m = years[0]
            try:
                year = strict.year(m[1])
            except strict.NotValid as exc:
                at = f"{where}, row {number}, column {column_letter(col)}"
                raise TableError([f"{at}: {exc}."]) from None
            return number, columns, year, col
    raise TableError(
        [f"{where}: no header row with ID, Scope, Level 1, UOM, GHG/Unit and "
         "'GHG Conversion Factor YEAR' in the first 30 rows."]
    )  # fmt: skip
