"""Import the council's greenhouse-gas inventory: its emission sources and their yearly
tCO2e, in a long layout (a Period and a tCO2e column) or a wide one (one column per financial
year, as annual greenhouse gas reports print them). Changing a figure keeps the old one in the
record's history; sources with no figure stay listed (not yet measured)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from plantracker.carbon.models import CarbonProfile, EmissionRecord, EmissionSource
from plantracker.core.models import Organisation
from plantracker.indicators import periods

from . import inventory_findings as messages
from . import inventory_read as read
from . import inventory_rows as layout
from .columns import header_key
from .inventory_findings import Figure, Findings
from .inventory_read import SCOPES
from .tables import (
    ImportResult,
    Table,
    TableError,
    TableRow,
    read_table,
    run_import,
    save_changed,
)
from .tables import synonyms_of as _synonyms

_UNITS = ("tco2e", "t co2e", "tonnes co2e", "tonnes of co2e", "tonnes", "t")
COLUMNS = _synonyms(
    {
        "source": ("source", "emission source", "emissions source", "source of emissions"),
        "scope": ("scope",),
        "category": ("category",),
        "measured": ("measured", "measured or not", "included in reporting"),
        "owner": ("owner", "responsible", "lead"),
        "period": ("period", "financial year", "year"),
        "tco2e": (
            "tco2e", "tonnes co2e", "emissions", "emissions tco2e", "t co2e", "co2e",
            *(f"{what}{sep}{unit}{end}" for what in ("emissions", "total emissions",
                                                     "ghg emissions", "co2e")
              for unit in _UNITS for sep, end in ((" (", ")"), (" ", ""), (", ", ""))),
        ),
        "quality": ("quality", "data quality", "actual or estimated"),
        "method": ("method", "calculation method"),
        "factor_set": ("factor set", "factors", "conversion factors"),
        "note": ("note", "notes", "comment", "comments"),
    }
)  # fmt: skip
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
        table = read_table(path, COLUMNS, {"source"}, what="an emissions inventory", into=result,
                           guess=read.label_column)  # fmt: skip
        wide = read.wide_columns(table)
        for index, label in wide.items():
            table.take(index, f"tCO2e for {label}")
        if not wide and not {"period", "tco2e"} <= set(table.columns):
            raise TableError([f"{path.name}, row {table.header_row}: no figures found. Give a "
                              "Period and a tCO2e column, or one column per financial year "
                              "headed like 2018-19."])  # fmt: skip
        org = _organisation(options.organisation)
        problems: list[str] = []
        rows = [r for r in table.rows if read.has_label(r, result, table)]
        figures = {r.number: read.figures(table, r, wide, problems) for r in rows}
        lines = [read.line(table, r, figures[r.number], problems) for r in rows]
        placed = layout.place(lines)
        by_number = {r.number: r for r in rows}
        findings = Findings(table)
        names: dict[str, str | None] = {}
        for p in placed:
            if p.kind in (layout.Kind.SOURCE, layout.Kind.SCOPE_FIGURE):
                row = by_number[p.line.number]
                _import_row(org, p, row, figures[row.number], table, names, problems, result,
                            findings)  # fmt: skip
        for p in placed:
            if p.kind not in (layout.Kind.SOURCE, layout.Kind.SCOPE_FIGURE):
                findings.set_aside += read.set_aside(table, by_number[p.line.number])
        if problems:
            raise TableError(problems)
        findings.report(placed, layout.checks(placed), figures, result)
        if options.baseline:
            _baseline(org, options.baseline, result)

    return run_import(path, dry_run, body, maps=maps)


def _organisation(name: str) -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"slug": slugify(name)[:100]})
    return org


def _import_row(
    org: Organisation,
    p: layout.Placed,
    row: TableRow,
    figures: list[Figure],
    table: Table,
    names: dict[str, str | None],
    problems: list[str],
    result: ImportResult,
    findings: Findings,
) -> None:
    """A source row (or a scope's own figure) and its figures, each year once."""
    name = row.values["source"]
    if name in names and names[name] != p.scope and p.scope:
        renamed = f"{name} ({EmissionSource.Scope(p.scope).label})"
        findings.renamed.append((row.number, name, renamed))
        name = renamed
    names.setdefault(name, p.scope)
    source = _source(org, name, p, row, table, problems, result, findings)
    if source is None:
        return
    v = row.values
    for f in figures:
        if f.tco2e is None:
            findings.empty.append((row.number, f))
        elif (name, f.period) in findings.seen:
            problems.append(messages.TWICE.format(where=f.where, name=name, period=f.period,
                                                  row=findings.seen[(name, f.period)]))  # fmt: skip
        else:
            findings.seen[(name, f.period)] = row.number
            _record(source, f, v, result)


def _source(
    org: Organisation,
    name: str,
    p: layout.Placed,
    row: TableRow,
    table: Table,
    problems: list[str],
    result: ImportResult,
    findings: Findings,
) -> EmissionSource | None:
    """The organisation's source: a new one needs a scope (its own or a heading's); with no
    category, or one not known, it is kept under Other and the category as written kept."""
    v = row.values
    source = EmissionSource.objects.filter(organisation=org, name=name).first()
    if source is None and p.scope is None:
        problems.append(messages.NO_SCOPE.format(where=table.where(row.number, "scope"),
                                                 name=name))  # fmt: skip
        return None
    fields: dict[str, object] = {"scope": p.scope} if p.scope else {}
    written = v.get("category", "")
    category = CATEGORIES.get(header_key(written))
    if category:
        fields |= {"category": category, "category_as_written": ""}
    elif written:
        fields |= {"category": "other", "category_as_written": written}
        findings.unknown.append((table.where(row.number, "category"), name, written))
    elif source is None:
        fields["category"] = "other"
        if p.kind is not layout.Kind.SCOPE_FIGURE:
            findings.uncategorised.append(row.number)
    if p.kind is layout.Kind.SCOPE_FIGURE:
        findings.scope_figures.append(row.number)
    if "measured" in table.columns:
        fields["measured"] = v.get("measured", "").lower().strip() not in NO
    if v.get("owner"):
        fields["owner"] = v["owner"]
    source = source or EmissionSource(organisation=org, name=name, position=row.number)
    how = save_changed(source, fields)
    if how != "unchanged":
        result.count(f"sources:{how}")
    return source


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


def _record(source: EmissionSource, f: Figure, v: dict[str, str], result: ImportResult) -> None:
    record = EmissionRecord.objects.filter(source=source, period=f.period).first()
    record = record or EmissionRecord(source=source, period=f.period)
    fields = {
        "year": periods.parse(f.period).end.year,
        "tco2e": f.tco2e,
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
