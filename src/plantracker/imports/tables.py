"""Simple header-mapped tables for the framework, KPI and risk imports.

The action importer has its own, more forgiving layout detection (split headings, shifted
columns, fill colours). These tables are simpler: find the header row by the columns a kind of
file must have, map every header through a synonym list, keep the unmapped columns (a wide
layout's period columns), and hand back rows of text with their numbers in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DataError, IntegrityError, models, transaction

from . import messages
from .columns import HEADER_SCAN_ROWS, column_letter, header_key
from .normalise import clean
from .readers import ReadError, Row, Sheet, read


@dataclass
class TableRow:
    number: int
    values: dict[str, str]  # field → cleaned text
    extra: dict[int, str]  # unmapped column index → cleaned text


@dataclass
class Table:
    file: str
    columns: dict[str, int]  # field → column index
    headers: dict[int, str]  # column index → header as written
    header_row: int
    rows: list[TableRow]
    preamble: list[str] = field(default_factory=list)  # first cells of the rows above the header

    def where(self, row: int, name: str) -> str:
        """'file.csv, row 7, column C (Impact)' for messages."""
        index = self.columns.get(name)
        if index is None:
            return f"{self.file}, row {row}"
        return self.where_index(row, index)

    def where_index(self, row: int, index: int) -> str:
        header = self.headers.get(index, "")
        return f"{self.file}, row {row}, column {column_letter(index)} ({header})"

    def extra_headers(self) -> dict[int, str]:
        mapped = set(self.columns.values())
        return {i: h for i, h in self.headers.items() if i not in mapped and h}


class TableError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    file: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def lines(self) -> list[str]:
        head = f"{self.file}: dry run, nothing written." if self.dry_run else f"{self.file}:"
        body = [
            f"  {n} {_number(what, n)} {self._verb(n)} {how}" for (what, how), n in self._split()
        ]
        return [head, *body, *(f"  Note: {n}" for n in self.notes)]

    def _verb(self, n: int) -> str:
        return "would be" if self.dry_run else "was" if n == 1 else "were"

    def _split(self) -> list[tuple[tuple[str, str], int]]:
        out = []
        for key, n in sorted(self.counts.items()):
            what, _, how = key.partition(":")
            out.append(((what, how or "imported"), n))
        return out


def _number(what: str, n: int) -> str:
    """'risks' → 'risk' for one of them ('KPIs' → 'KPI')."""
    return what[:-1] if n == 1 and what.endswith("s") else what


def _row_fields(row: Row, synonyms: Mapping[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row.cells):
        name = synonyms.get(header_key(cell.text))
        if name and name not in found:
            found[name] = i
    return found


def read_table(
    path: Path,
    synonyms: Mapping[str, str],
    required: set[str],
    *,
    what: str,
    sheet: str | None = None,
) -> Table:
    """Read the first sheet (or `sheet`) of `path` into a Table. `synonyms` maps header keys
    (see columns.header_key) to field names; the header row is the first naming every
    `required` field."""
    try:
        sheets = read(path, sheet=sheet)
    except ReadError as exc:
        raise TableError([str(exc)]) from None
    data: Sheet = sheets[0]
    for row in data.rows[:HEADER_SCAN_ROWS]:
        columns = _row_fields(row, synonyms)
        if required <= set(columns):
            headers = {i: clean(c.text) for i, c in enumerate(row.cells)}
            rows = [_table_row(r, columns) for r in data.rows if r.number > row.number]
            rows = [r for r in rows if any(r.values.values()) or any(r.extra.values())]
            preamble = [clean(r.text(0)) for r in data.rows if r.number < row.number]
            return Table(path.name, columns, headers, row.number, rows, [p for p in preamble if p])
    names = ", ".join(sorted(f"'{r}'" for r in required))
    raise TableError(
        [
            f"{path.name}: no header row found in the first {HEADER_SCAN_ROWS} rows for {what}. "
            f"Expected columns {names}. Rename the columns or add a header row."
        ]
    )


def _table_row(row: Row, columns: dict[str, int]) -> TableRow:
    values = {name: clean(row.text(i)) for name, i in columns.items()}
    mapped = set(columns.values())
    extra = {i: clean(c.text) for i, c in enumerate(row.cells) if i not in mapped}
    return TableRow(row.number, values, extra)


def synonyms_of(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """{field: (header, header…)} → {header key: field}."""
    return {header_key(h): name for name, headers in table.items() for h in headers}


@contextmanager
def writing(result: ImportResult) -> Iterator[None]:
    """All or nothing: one transaction, rolled back on a dry run."""
    with transaction.atomic():
        yield
        if result.dry_run:
            transaction.set_rollback(True)


def run_import(path: Path, dry_run: bool, body: Callable[[ImportResult], None]) -> ImportResult:
    """Run `body` (which reads, validates and writes) so that any TableError leaves the
    database untouched and comes back as the result's problems."""
    result = ImportResult(file=path.name, dry_run=dry_run)
    try:
        with writing(result):
            body(result)
            if result.problems:
                raise TableError(result.problems)
    except TableError as exc:
        result.problems = exc.problems
        result.counts = {}
    except (DataError, IntegrityError) as exc:  # rolled back with the transaction
        result.problems = [messages.DATABASE_REFUSED.format(file=path.name, error=exc)]
        result.counts = {}
    except ValueError as exc:  # a value no check above caught: a message, never a traceback
        result.problems = [messages.VALUE_UNREADABLE.format(file=path.name, error=exc)]
        result.counts = {}
    return result


def save_changed(obj: models.Model, fields: Mapping[str, object]) -> str:
    """Set `fields` on `obj` and save it when it is new or something differs: 'created',
    'updated' or 'unchanged' (so re-importing the same file writes nothing)."""
    new = obj.pk is None
    changed = new or any(getattr(obj, k) != v for k, v in fields.items())
    for k, v in fields.items():
        setattr(obj, k, v)
    if changed:
        obj.save()
    return "created" if new else "updated" if changed else "unchanged"


def remove_stale(
    rows: models.QuerySet[Any], kept: Iterable[object], what: str, result: ImportResult
) -> None:
    """Delete the rows the file no longer has, counting them as `what:removed`."""
    stale = rows.exclude(pk__in=list(kept))
    if stale.exists():
        result.count(f"{what}:removed", stale.count())
        stale.delete()
