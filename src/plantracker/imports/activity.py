"""Import activity data (kWh, litres, miles…) and turn it into the inventory's tCO2e with the
government's conversion factors. Each record keeps the factor's ID, year and value beside the
result; re-importing with another year's factors recalculates, and the old figure stays in the
record's history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db.models import Max
from django.utils.text import slugify

from plantracker.carbon.factors import UnitMismatch, tonnes
from plantracker.carbon.models import ConversionFactor, EmissionRecord
from plantracker.core.models import Organisation
from plantracker.indicators import periods

from .inventory import source_for
from .numbers import figure
from .tables import (
    ImportResult,
    Table,
    TableError,
    read_table,
    run_import,
    save_changed,
    synonyms_of,
)

COLUMNS = synonyms_of(
    {
        "source": ("source", "emission source"),
        "scope": ("scope",),
        "category": ("category",),
        "period": ("period", "year", "financial year"),
        "quantity": ("quantity", "amount", "activity"),
        "unit": ("unit", "uom", "units"),
        "factor": ("factor id", "factor", "id"),
        "quality": ("quality", "data quality", "actual or estimated"),
        "note": ("note", "notes"),
    }
)


@dataclass
class ActivityOptions:
    organisation: str
    factor_year: int | None = None  # default: the latest imported


def activity_import(
    path: Path,
    options: ActivityOptions,
    *,
    dry_run: bool = False,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(
            path,
            COLUMNS,
            {"source", "period", "quantity", "unit", "factor"},
            what="activity data",
            into=result,
        )
        year = options.factor_year or ConversionFactor.objects.aggregate(y=Max("year"))["y"]
        if year is None:
            raise TableError(
                ["No conversion factors are loaded. Import the government's workbook first: "
                 "plantracker import-factors FILE."]
            )  # fmt: skip
        factors = {f.factor_id: f for f in ConversionFactor.objects.filter(year=year)}
        if not factors:
            raise TableError([f"--factor-year {year}: no factors of that year are loaded."])
        org, _ = Organisation.objects.get_or_create(
            name=options.organisation, defaults={"slug": slugify(options.organisation)[:100]}
        )
        _rows(table, org, factors, year, result)

    return run_import(path, dry_run, body, maps=maps)


def _rows(
    table: Table,
    org: Organisation,
    factors: dict[str, ConversionFactor],
    year: int,
    result: ImportResult,
) -> None:
    problems: list[str] = []
    for row in table.rows:
        v = row.values
        if not v.get("source"):
            continue
        at = lambda field, n=row.number: table.where(n, field)  # noqa: E731
        try:
            period = periods.parse(v["period"])
        except periods.PeriodError:
            problems.append(f"{at('period')}: '{v['period']}' is not a financial year. Write it "
                            "like 2023-24.")  # fmt: skip
            continue
        try:
            quantity = figure(v["quantity"], digits=14)
        except InvalidOperation:
            problems.append(f"{at('quantity')}: '{v['quantity']}' is not a number.")
            continue
        factor = factors.get(v["factor"])
        if factor is None:
            problems.append(
                f"{at('factor')}: there is no factor with ID '{v['factor']}' in the {year} "
                "factors. Copy the ID from the workbook's ID column."
            )
            continue
        try:
            t = tonnes(quantity, factor.value, unit=v["unit"], factor_unit=factor.unit)
        except UnitMismatch as exc:
            problems.append(f"{at('unit')}: {exc} ({factor}). Convert the quantity or choose "
                            "the factor for its unit.")  # fmt: skip
            continue
        source = source_for(org, v, table, row.number, problems)
        if source is None:
            continue
        record = EmissionRecord.objects.filter(
            source=source, period=period.label
        ).first() or EmissionRecord(source=source, period=period.label)
        fields = {
            "year": period.end.year,
            "tco2e": t.quantize(Decimal("0.0001")),
            "quality": "estimated" if v.get("quality", "").lower().startswith("est") else "actual",
            "method": f"{quantity:,} {factor.unit} × {factor.value} {factor.ghg} ÷ 1000",
            "factor_set": f"UK government conversion factors {year}",
            "quantity": quantity,
            "unit": v["unit"],
            "factor": factor,
            "factor_ref": factor.factor_id,
            "factor_year": year,
            "factor_value": factor.value,
            "note": v.get("note", ""),
        }
        how = save_changed(record, fields)
        result.count("records:" + ("recalculated" if how == "updated" else how))
    if problems:
        raise TableError(problems)
