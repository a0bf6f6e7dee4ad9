"""Import the government's local authority emissions (mySociety's wide csv: one row per area
and year, one column per sector item with its unit in the name) into long form, one figure per
area, year, sector and item. Re-importing replaces the figures for the areas and years the file
holds; nothing else is touched."""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import InvalidOperation
from pathlib import Path

from plantracker.carbon.area import Column, ColumnError, split_column
from plantracker.carbon.models import AreaEmission, QuotedFigure
from plantracker.core import strict

from . import limits
from .columns import column_letter, header_key
from .numbers import figure
from .tables import IGNORE, ImportResult, Table, TableError, TableRow, run_import

SOURCE = (
    "UK local authority emissions, government (BEIS/DESNZ) statistics, Open Government Licence "
    "v3; as published by mySociety (la-emissions-data), CC-BY-4.0"
)
FIXED = {"year": "Year", "code": "local-authority-code", "name": "official-name"}
# The headings --map can name: the fixed columns (a sector column names itself, 'Domestic
# Gas:kt CO2') and "ignore".
SYNONYMS = {header_key(v): k for k, v in FIXED.items()}
QUOTED = {"code": "Code", "year": "Year", "sector": "Sector", "item": "Item", "value": "Value",
          "unit": "Unit", "quote": "Quote", "source": "Source"}  # fmt: skip
QUOTED_SYNONYMS = {header_key(v): k for k, v in QUOTED.items()}
BATCH = 2000


@dataclass
class AreaOptions:
    codes: Collection[str] = field(default_factory=tuple)  # empty: every area in the file
    source: str = SOURCE


def area_emissions_import(
    path: Path,
    options: AreaOptions | None = None,
    *,
    dry_run: bool = False,
    maps: dict[str, str] | None = None,
) -> ImportResult:
    """`maps` is the person's --map: {heading key: "year" | "code" | "name" | "ignore"}."""
    opts = options or AreaOptions()
    wanted = {c.strip().upper() for c in opts.codes if c.strip()}

    def body(result: ImportResult) -> None:
        rows = _read(path, wanted, result)
        if wanted and not {r.code for r in rows} >= wanted:
            missing = ", ".join(sorted(wanted - {r.code for r in rows}))
            raise TableError([f"{path.name}: no rows for area code {missing}. Check the code "
                              "against the file's local-authority-code column."])  # fmt: skip
        keys = {(r.code, r.year) for r in rows}
        for code in {c for c, _ in keys}:
            years = [y for c, y in keys if c == code]
            AreaEmission.objects.filter(code=code, year__in=years).delete()
        AreaEmission.objects.bulk_create(rows, batch_size=BATCH)
        result.count("figures", len(rows))
        result.count("areas", len({c for c, _ in keys}))
        result.count("years", len({y for _, y in keys}))

    return run_import(path, dry_run, body, maps=maps)


def _open(path: Path) -> list[list[str]]:
    if problem := limits.file_problem(path):
        raise TableError([problem])
    records: list[list[str]] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            records.extend(csv.reader(line.replace("\x00", "") for line in f))  # as read_text
            return records
    except UnicodeDecodeError:
        raise TableError([f"{path.name}: not a UTF-8 csv file. Save it as CSV UTF-8."]) from None
    except csv.Error as exc:
        row = len(records) + 1  # the row Excel shows: records, not lines (cells may hold breaks)
        raise TableError(
            [f"{path.name}, row {row}: the file is not valid CSV ({exc}). Re-save it as CSV."]
        ) from None


def _fixed(
    head: list[str], named: dict[str, str], maps: Mapping[str, str]
) -> tuple[dict[str, int], set[int]]:
    """{field: column} for the fixed columns, each found by its heading as published or by
    the person's --map, and the columns --map said to ignore."""
    fixed: dict[str, int] = {}
    skipped: set[int] = set()
    for i, h in enumerate(head):
        key = header_key(h)
        target = maps.get(key, named.get(key))
        if target == IGNORE:
            skipped.add(i)
        elif target and target not in fixed:
            fixed[target] = i
    return fixed, skipped


def _unmapped(path: Path, head: list[str], maps: Mapping[str, str]) -> None:
    present = {header_key(h) for h in head}
    if missing := [k for k in maps if k not in present]:
        raise TableError(
            [f"{path.name}: --map names a column the file does not have: '{k}'." for k in missing]
        )


def _header(
    path: Path, head: list[str], result: ImportResult
) -> tuple[dict[str, int], dict[int, Column], Table]:
    _unmapped(path, head, result.maps)
    fixed, skipped = _fixed(head, SYNONYMS, result.maps)
    missing = [v for k, v in FIXED.items() if k not in fixed]
    if missing:
        raise TableError([f"{path.name}, row 1: no column {', '.join(repr(m) for m in missing)}. "
                          "This import reads the local authority emissions csv as mySociety "
                          "publishes it."])  # fmt: skip
    columns: dict[int, Column] = {}
    problems = []
    for i, h in enumerate(head):
        if i in fixed.values() or i in skipped or not h.strip():
            continue
        try:
            columns[i] = split_column(h)
        except ColumnError as exc:
            problems.append(
                f"{path.name}, row 1, column {column_letter(i)}: {exc} Or leave it out with "
                f"--map '{h.strip()}=ignore'."
            )
    if problems:
        raise TableError(problems)
    table = Table(path.name, fixed, {i: h.strip() for i, h in enumerate(head)}, 1, [],
                  skipped=skipped, synonyms=SYNONYMS)  # fmt: skip
    for i, col in columns.items():
        table.take(i, f"{col.sector} / {col.item} figures")
    result.tables.append(table)
    return fixed, columns, table


def _unheaded_values(table: Table, lines: list[list[str]]) -> None:
    """Values in columns without a heading are not read: the table names them."""
    width = len(lines[0])
    extra: dict[int, str] = {}
    for cells in lines[1:]:
        for i in range(width, len(cells)):
            if cells[i].strip():
                extra.setdefault(i, cells[i].strip())
        for i, h in enumerate(lines[0]):
            if not h.strip() and i < len(cells) and cells[i].strip():
                extra.setdefault(i, cells[i].strip())
    if extra:
        table.rows.append(TableRow(0, {}, extra))


def _read(path: Path, wanted: set[str], result: ImportResult) -> list[AreaEmission]:
    lines = _open(path)
    if not lines:
        raise TableError([f"{path.name}: the file is empty."])
    fixed, columns, table = _header(path, lines[0], result)
    _unheaded_values(table, lines)
    out: list[AreaEmission] = []
    problems: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cell = lambda i, cells=cells: cells[i].strip() if i < len(cells) else ""  # noqa: E731
        code = cell(fixed["code"]).upper()
        if wanted and code not in wanted:
            continue
        where = f"{path.name}, row {number}"
        year_text = cell(fixed["year"])
        try:
            year = strict.year(year_text)
        except strict.NotValid as exc:
            problems.append(f"{where}, column {column_letter(fixed['year'])} (Year): {exc}.")
            continue
        first = seen.setdefault((code, year), number)
        if first != number:
            problems.append(f"{where}: {code} {year_text} appears again (first on row {first}). "
                            "Keep one row per area and year.")  # fmt: skip
            continue
        for i, col in columns.items():
            text = cell(i)
            if not text:
                continue
            try:
                value = figure(text, digits=14)
            except InvalidOperation:
                problems.append(f"{where}, column {column_letter(i)} ({lines[0][i]}): '{text}' "
                                "is not a number.")  # fmt: skip
                continue
            out.append(AreaEmission(code=code, name=cell(fixed["name"]), year=year,
                                    sector=col.sector, item=col.item, unit=col.unit,
                                    value=value, source=SOURCE))  # fmt: skip
        if len(problems) > 50:
            break
    if problems:
        raise TableError(problems)
    return out


def quoted_figures_import(
    path: Path, *, dry_run: bool = False, maps: dict[str, str] | None = None
) -> ImportResult:
    """Figures council documents quote from the area data (Code, Year, Sector, Item, Value, Unit,
    Quote, Source); the file replaces what was quoted for its areas."""

    def body(result: ImportResult) -> None:
        lines = _open(path)
        head = lines[0] if lines else []
        _unmapped(path, head, result.maps)
        at, skipped = _fixed(head, QUOTED_SYNONYMS, result.maps)
        missing = [v for k, v in QUOTED.items() if k not in at]
        if missing:
            raise TableError([f"{path.name}, row 1: no column "
                              f"{', '.join(repr(m) for m in missing)}."])  # fmt: skip
        table = Table(path.name, at, {i: h.strip() for i, h in enumerate(head)}, 1, [],
                      skipped=skipped, synonyms=QUOTED_SYNONYMS)  # fmt: skip
        result.tables.append(table)
        _unheaded_values(table, lines)
        made, problems = [], []
        for number, cells in enumerate(lines[1:], start=2):
            v = {k: (cells[i].strip() if i < len(cells) else "") for k, i in at.items()}
            if not any(v.values()):
                continue
            where = f"{path.name}, row {number}, column"
            try:
                year = strict.year(v["year"])
            except strict.NotValid as exc:
                problems.append(f"{where} {column_letter(at['year'])} (Year): {exc}.")
                continue
            try:
                value = figure(v["value"], digits=16)
            except InvalidOperation:
                problems.append(f"{where} {column_letter(at['value'])} (Value): "
                                f"'{v['value']}' is not a number.")  # fmt: skip
                continue
            made.append(QuotedFigure(code=v["code"].upper(), year=year, sector=v["sector"],
                                     item=v["item"], value=value, unit=v["unit"],
                                     quote=v["quote"], source=v["source"]))  # fmt: skip
        if problems:
            raise TableError(problems)
        QuotedFigure.objects.filter(code__in={q.code for q in made}).delete()
        QuotedFigure.objects.bulk_create(made)
        result.count("quoted figures", len(made))

    return run_import(path, dry_run, body, maps=maps)
