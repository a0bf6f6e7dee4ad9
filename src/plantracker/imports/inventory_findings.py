"""What the emissions inventory import says about a file: its problems (nothing is written)
and its findings (imported, with a word): totals checked or not adding up, cells with no
figure, sources kept under Other, scope rows read. Tests import these words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import inventory_rows as layout
from .tables import ImportResult, Table

NOT_TONNES = (
    "{where}: '{text}' is not a number of tonnes CO2e. Write the figure alone, like 1234.5."
)
NOT_A_YEAR = "{where}: '{text}' is not a financial year. Write it like 2018-19."
NO_SCOPE = (
    "{where}: '{name}' is a new source: give its scope (1, 2, 3 or Outside) in a Scope column, "
    "or in a row above it naming only the scope, such as 'Scope 1'."
)
TWICE = "{where}: '{name}' already has a figure for {period} on row {row}. Keep one of them."
NO_LABEL = "{where}: no source is named on this row, so it was not imported: {cells}."
SCOPE_ROWS = "{file}, {rows}: a row naming a scope; the rows below it took its scope."
TOTAL_CHECKED = "{file}, row {row} ({label}): checked, equal to the sum of {rows} for {years}."
TOTAL_DIFFERS = (
    "{where}: the {label} {given} differs from {summed}, the sum of the rows it covers ({rows}). "
    "The rows were imported as they are; check the file."
)
TOTAL_BLANK = "{file}, row {row} ({label}): a total with no figure, so nothing to check."
NOTE = "{file}, row {row}: '{text}' is a note under the total, not a source: not imported."
SET_ASIDE = "Not imported, as it is on a scope or total row: {cells}."
NO_FIGURE = "{file}: no figure (left empty, never 0) in {cells}."
UNKNOWN_CATEGORY = (
    "{where}: '{written}' is not a category Plan Tracker knows, so '{name}' is kept under Other "
    "with '{written}' noted beside it."
)
NO_CATEGORY = (
    "{file}, {rows}: no category given, so these sources are kept under Other. Add a Category "
    "column (Buildings, Operational fleet, Business travel…) to sort them."
)
SCOPE_FIGURES = (
    "{file}, {rows}: a whole scope's figure with no sources under it; each is kept as one "
    "source named as in the file, under Other."
)
RENAMED = (
    "{file}, row {row}: '{name}' is also a source of another scope in this file, so this one "
    "is kept as '{renamed}'."
)
TOTAL_WORDS = {
    layout.Kind.TOTAL,
    layout.Kind.GRAND_TOTAL,
    layout.Kind.SUBTOTAL,
    layout.Kind.SCOPE_TOTAL,
}


@dataclass
class Figure:
    """One figure cell of a row: its year, the text as written, the tonnes (None: no figure)
    and where it is, for messages."""

    period: str
    text: str
    tco2e: Decimal | None
    where: str


@dataclass
class Findings:
    table: Table
    empty: list[tuple[int, Figure]] = field(default_factory=list)
    unknown: list[tuple[str, str, str]] = field(default_factory=list)  # where, name, as written
    uncategorised: list[int] = field(default_factory=list)
    scope_figures: list[int] = field(default_factory=list)
    renamed: list[tuple[int, str, str]] = field(default_factory=list)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, year) → row
    set_aside: list[str] = field(default_factory=list)  # text on scope and total rows

    def report(
        self,
        placed: Sequence[layout.Placed],
        checks: Sequence[layout.Check],
        figures: dict[int, list[Figure]],
        result: ImportResult,
    ) -> None:
        file, notes = self.table.file, result.notes
        headings = [p.line.number for p in placed if p.scope and p.kind in _SCOPE_ROWS]
        if headings:
            notes.append(SCOPE_ROWS.format(file=file, rows=layout.rows_text(headings)))
        for p in placed:
            if p.kind in TOTAL_WORDS:
                self._total(p, [c for c in checks if c.row == p.line.number], figures, result)
        for p in placed:
            if p.kind is layout.Kind.NOTE:
                notes.append(NOTE.format(file=file, row=p.line.number, text=p.line.label))
        if self.set_aside:
            notes.append(SET_ASIDE.format(cells="; ".join(self.set_aside)))
        if self.empty:
            result.count("figures:left empty", len(self.empty))
            cells = "; ".join(
                f"row {n} {f.period} ({repr(f.text) if f.text else 'blank'})" for n, f in self.empty
            )
            notes.append(NO_FIGURE.format(file=file, cells=cells))
        for where, name, written in self.unknown:
            notes.append(UNKNOWN_CATEGORY.format(where=where, name=name, written=written))
        if self.uncategorised:
            notes.append(NO_CATEGORY.format(file=file, rows=layout.rows_text(self.uncategorised)))
        if self.scope_figures:
            notes.append(SCOPE_FIGURES.format(file=file, rows=layout.rows_text(self.scope_figures)))
        for row, name, renamed in self.renamed:
            notes.append(RENAMED.format(file=file, row=row, name=name, renamed=renamed))

    def _total(
        self,
        p: layout.Placed,
        checks: Sequence[layout.Check],
        figures: dict[int, list[Figure]],
        result: ImportResult,
    ) -> None:
        file, row, label = self.table.file, p.line.number, p.line.label
        if not checks:
            result.notes.append(TOTAL_BLANK.format(file=file, row=row, label=label))
            return
        wrong = [c for c in checks if not c.agrees]
        where = {f.period: f.where for f in figures.get(row, [])}
        for c in wrong:
            result.notes.append(TOTAL_DIFFERS.format(
                where=where.get(c.period, f"{file}, row {row}"), label=label, given=f"{c.given:,}",
                summed=f"{c.summed:,}", rows=layout.rows_text(c.rows),
            ))  # fmt: skip
        if wrong:
            result.count("totals:found not to add up")
            return
        years = ", ".join(f"{c.period} ({c.given:,})" for c in checks)
        rows = layout.rows_text(checks[0].rows)
        result.notes.append(TOTAL_CHECKED.format(file=file, row=row, label=label, rows=rows,
                                                 years=years))  # fmt: skip
        result.count("totals:checked")


_SCOPE_ROWS = {layout.Kind.HEADING, layout.Kind.SCOPE_TOTAL}
