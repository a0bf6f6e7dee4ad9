"""Import the council's greenhouse-gas inventory: its emission sources and their yearly
tCO2e, in a long layout (a Period and a tCO2e column) or a wide one (one column per financial
year, as annual greenhouse gas reports print them). Changing a figure keeps the old one in the
record's history; sources with no figure stay listed (not yet measured)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import InvalidOperation
from pathlib import Path

from django.utils.text import slugify

from plantracker.carbon.models import CarbonProfile, EmissionRecord, EmissionSource
from plantracker.core.models import Organisation
from plantracker.indicators import periods

from .columns import header_key
from .numbers import figure
from .tables import ImportResult, Table, TableError, read_table, run_import, save_changed
from .tables import synonyms_of as _synonyms

COLUMNS = _synonyms(
    {
        "source": ("source", "emission source"),
        "scope": ("scope",),
        "category": ("category",),
        "measured": ("measured", "measured or not", "included in reporting"),
        "owner": ("owner", "responsible", "lead"),
        "period": ("period", "financial year", "year"),
        "tco2e": ("tco2e", "tonnes co2e", "emissions", "emissions tco2e", "t co2e"),
        "quality": ("quality", "data quality", "actual or estimated"),
        "method": ("method", "calculation method"),
        "factor_set": ("factor set", "factors", "conversion factors"),
        "note": ("note", "notes"),
    }
)
SCOPES = {"1": "1", "scope 1": "1", "2": "2", "scope 2": "2", "3": "3", "scope 3": "3",
          "outside": "outside", "outside of scopes": "outside"}  # fmt: skip
CATEGORIES = {header_key(label): value for value, label in EmissionSource.Category.choices}
CATEGORIES |= {header_key(v): v for v in EmissionSource.Category.values}
NO = {"no", "n", "false", "0", "not measured", "not yet measured"}


@dataclass
class InventoryOptions:
    organisation: str
    baseline: str = ""  # the organisation's baseline financial year, e.g. 2018-19


def inventory_import(
    path: Path,
    options: InventoryOptions,
    *,
    dry_run: bool = False,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(path, COLUMNS, {"source"}, what="an emissions inventory", into=result)
        wide = _wide_columns(table)
        for index, label in wide.items():
            table.take(index, f"tCO2e for {label}")
        if not wide and not {"period", "tco2e"} <= set(table.columns):
            raise TableError([f"{path.name}, row {table.header_row}: no figures found. Give a "
                              "Period and a tCO2e column, or one column per financial year "
                              "headed like 2018-19."])  # fmt: skip
        org = _organisation(options.organisation)
        problems: list[str] = []
        for row in table.rows:
            v = row.values
            if not v.get("source"):
                continue
            source = source_for(org, v, table, row.number, problems, result)
            if source is None:
                continue
            if v.get("period") or v.get("tco2e"):
                _record(source, v.get("period", ""), v.get("tco2e", ""), v, result, problems,
                        lambda name, r=row.number: table.where(r, name))  # fmt: skip
            for index, label in wide.items():
                text = row.extra.get(index, "")
                if text:
                    _record(source, label, text, v, result, problems,
                            lambda _n, r=row.number, i=index: table.where_index(r, i))  # fmt: skip
        if problems:
            raise TableError(problems)
        if options.baseline:
            _baseline(org, options.baseline, result)

    return run_import(path, dry_run, body, maps=maps)


def _organisation(name: str) -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"slug": slugify(name)[:100]})
    return org


def _wide_columns(table: Table) -> dict[int, str]:
    out = {}
    for index, header in table.extra_headers().items():
        try:
            period = periods.parse(header)
        except periods.PeriodError:
            continue
        if period.kind is periods.Kind.FINANCIAL_YEAR:
            out[index] = period.label
    return out


def _baseline(org: Organisation, text: str, result: ImportResult) -> None:
    try:
        period = periods.parse(text)
    except periods.PeriodError:
        raise TableError([f"--baseline '{text}' is not a financial year. Write it like "
                          "2018-19."]) from None  # fmt: skip
    profile, _ = CarbonProfile.objects.get_or_create(organisation=org)
    how = save_changed(profile, {"baseline_period": period.label})
    if how != "unchanged":
        result.count("baseline:set")


def _record(
    source: EmissionSource,
    period_text: str,
    value_text: str,
    v: dict[str, str],
    result: ImportResult,
    problems: list[str],
    at: Callable[[str], str],
) -> None:
    try:
        period = periods.parse(period_text)
        if period.kind is not periods.Kind.FINANCIAL_YEAR:
            raise periods.PeriodError(period_text)
    except periods.PeriodError:
        problems.append(f"{at('period')}: '{period_text}' is not a financial year. Write it "
                        "like 2018-19.")  # fmt: skip
        return
    try:
        tco2e = figure(value_text, digits=12)
    except InvalidOperation:
        problems.append(f"{at('tco2e')}: '{value_text}' is not a number of tonnes CO2e. Write "
                        "the figure alone, like 1234.5.")  # fmt: skip
        return
    record = EmissionRecord.objects.filter(source=source, period=period.label).first()
    record = record or EmissionRecord(source=source, period=period.label)
    fields = {
        "year": period.end.year,
        "tco2e": tco2e,
        "quality": "estimated" if v.get("quality", "").lower().startswith("est") else "actual",
    }
    for name in ("method", "factor_set", "note"):
        if v.get(name):
            fields[name] = v[name]
    how = save_changed(record, fields)
    result.count("records:" + ("recalculated" if how == "updated" else how))


def source_for(
    org: Organisation,
    v: dict[str, str],
    table: Table,
    row: int,
    problems: list[str],
    result: ImportResult | None = None,
) -> EmissionSource | None:
    """The organisation's source named in the row; a new one needs its scope and category.
    Scope, category, measured and owner given in the row update an existing source."""
    source = EmissionSource.objects.filter(organisation=org, name=v["source"]).first()
    scope = SCOPES.get(v.get("scope", "").lower().strip())
    category = CATEGORIES.get(header_key(v.get("category", "")))
    if v.get("scope") and scope is None:
        problems.append(f"{table.where(row, 'scope')}: '{v['scope']}' is not a scope. Write 1, "
                        "2, 3 or Outside.")  # fmt: skip
        return None
    if v.get("category") and category is None:
        names = ", ".join(label for _, label in EmissionSource.Category.choices)
        problems.append(f"{table.where(row, 'category')}: '{v['category']}' is not a category. "
                        f"Use one of: {names}.")  # fmt: skip
        return None
    if source is None and (scope is None or category is None):
        problems.append(
            f"{table.where(row, 'scope' if scope is None else 'category')}: '{v['source']}' is a "
            "new source: give its scope (1, 2 or 3) and category (e.g. Buildings, Operational "
            "fleet, Street lighting and signals)."
        )
        return None
    fields: dict[str, object] = {}
    if scope:
        fields["scope"] = scope
    if category:
        fields["category"] = category
    if "measured" in table.columns:
        fields["measured"] = v.get("measured", "").lower().strip() not in NO
    if v.get("owner"):
        fields["owner"] = v["owner"]
    source = source or EmissionSource(organisation=org, name=v["source"], position=row)
    how = save_changed(source, fields)
    if result is not None and how != "unchanged":
        result.count(f"sources:{how}")
    return source
