"""Reading an emissions inventory table's rows for the import: which column holds the
sources, which hold a year's figures, each row's figures (a word or a blank is no figure) and
scope, and the text on rows that are not sources."""

from __future__ import annotations

from decimal import InvalidOperation

from plantracker.indicators import periods

from . import inventory_findings as messages
from . import inventory_rows as layout
from .inventory_findings import Figure
from .tables import ImportResult, Table, TableRow

SCOPES = {"1": "1", "scope 1": "1", "2": "2", "scope 2": "2", "3": "3", "scope 3": "3",
          "outside": "outside", "outside of scopes": "outside"}  # fmt: skip


def label_column(cells: list[str]) -> dict[str, int]:
    found = layout.label_column(cells)
    return {} if found is None else {"source": found}


def wide_columns(table: Table) -> dict[int, str]:
    """Columns headed by a financial year, with or without a unit ('2018/19 (tCO2e)')."""
    out = {}
    for index, header in table.extra_headers().items():
        label = layout.year_heading(header)
        if label:
            out[index] = label
    return out


def has_label(row: TableRow, result: ImportResult, table: Table) -> bool:
    """Rows with no label are not imported; one holding anything gets a finding."""
    if row.values.get("source"):
        return True
    held = [t for t in row.values.values() if t] + [t for i, t in row.extra.items() if t]
    if held:
        cells = ", ".join(f"'{t}'" for t in held)
        where = table.where(row.number, "source")
        result.notes.append(messages.NO_LABEL.format(where=where, cells=cells))
    return False


def figures(table: Table, row: TableRow, wide: dict[int, str],
             problems: list[str]) -> list[Figure]:  # fmt: skip
    """The row's figure cells: the long layout's Period and tCO2e, each year column of a wide
    one. A cell that is not a figure or a no-figure word is a problem."""
    v, n = row.values, row.number
    cells: list[tuple[str, str, str]] = []  # (year, text, where)
    if v.get("period") or not layout.is_no_figure(v.get("tco2e", "")):
        label = financial_year(v.get("period", ""))
        if label is None:
            problems.append(messages.NOT_A_YEAR.format(where=table.where(n, "period"),
                                                       text=v.get("period", "")))  # fmt: skip
        else:
            cells.append((label, v.get("tco2e", ""), table.where(n, "tco2e")))
    cells += [(label, row.extra.get(i, ""), table.where_index(n, i)) for i, label in wide.items()]
    out = []
    for label, text, where in cells:
        if layout.is_no_figure(text):
            out.append(Figure(label, text, None, where))
            continue
        try:
            out.append(Figure(label, text, layout.tonnes(text), where))
        except InvalidOperation:
            problems.append(messages.NOT_TONNES.format(where=where, text=text))
    return out


def financial_year(text: str) -> str | None:
    try:
        period = periods.parse(text)
    except periods.PeriodError:
        return None
    return period.label if period.kind is periods.Kind.FINANCIAL_YEAR else None


def line(table: Table, row: TableRow, figures: list[Figure], problems: list[str]) -> layout.Line:
    given = row.values.get("scope", "")
    scope = layout.scope_named(given) or SCOPES.get(given.lower().strip())
    label = row.values["source"]
    a_source = layout.total_of(label) is None and layout.scope_named(label) is None
    if given and scope is None and a_source:
        problems.append(f"{table.where(row.number, 'scope')}: '{given}' is not a scope. Write 1, "
                        "2, 3 or Outside.")  # fmt: skip
    tonnes = {f.period: f.tco2e for f in figures if f.tco2e is not None}
    only_label = not any(t for k, t in row.values.items() if k != "source") and not any(
        row.extra.values()
    )
    return layout.Line(row.number, label, tonnes, scope, only_label)


def set_aside(table: Table, row: TableRow) -> list[str]:
    """Text a scope, total or note row holds beside its label and figures (a note, say):
    where it is and what it says, as it is not imported."""
    return [
        f"{table.where(row.number, name)} '{text}'"
        for name, text in row.values.items()
        if text and name not in ("source", "period", "tco2e")
    ]
