"""The mapping engine of every table importer but the action plan's: strategy, KPIs, risks,
emissions, activity and roadmap files.

Each importer declares its fields and their heading synonyms; this module finds the header
row by the columns a kind of file must have, maps every heading through the synonyms and the
person's own `--map COLUMN=FIELD` choices, keeps the unmapped columns (a wide layout's period
columns, which the importer then takes), and hands back rows of text with their numbers in the
file. When the import is done, every column of the file has been used or is named as not used,
and a heading that looks like one of the importer's fields but was not understood gets a note
saying how to map it.

The action importer has its own, more forgiving layout detection (split headings, shifted
columns, fill colours) in columns.py, with the same --map syntax.
"""

from __future__ import annotations

import re
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

IGNORE = "ignore"


class Remembered(dict[str, str]):
    """Column choices made on the web and kept for the organisation: used where the file has
    the heading, passed over quietly where it has not (unlike a --map, which must match)."""


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
    taken: dict[int, str] = field(default_factory=dict)  # unmapped column index → what it gave
    skipped: set[int] = field(default_factory=set)  # columns the person said to ignore
    synonyms: Mapping[str, str] = field(default_factory=dict)  # the importer's heading keys

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

    def take(self, index: int, as_what: str) -> None:
        """An importer used an unmapped column (a period's values, say) as `as_what`."""
        self.taken[index] = as_what

    def _label(self, index: int) -> str:
        header = self.headers.get(index, "") or "no heading"
        return f"{column_letter(index)} ({header})"

    def used(self) -> list[str]:
        by_index = {i: name for name, i in self.columns.items()} | self.taken
        return [f"{self._label(i)} as {what}" for i, what in sorted(by_index.items())]

    def not_used(self) -> list[int]:
        """Columns with a heading or any value that nothing took."""
        used = set(self.columns.values()) | set(self.taken)
        filled = {i for i, h in self.headers.items() if h}
        filled |= {i for row in self.rows for i, text in row.extra.items() if text}
        return sorted(filled - used)

    def described(self) -> list[dict[str, str]]:
        """Each column with content, for the web's check page: its letter, heading, heading
        key and what it was taken as ("" when not used)."""
        by_index = {i: name for name, i in self.columns.items()} | self.taken
        filled = set(by_index) | set(self.not_used())
        return [
            {
                "letter": column_letter(i),
                "heading": self.headers.get(i, ""),
                "key": header_key(self.headers.get(i, "")),
                "as": by_index.get(i, ""),
                "field": next((n for n, j in self.columns.items() if j == i), ""),
            }
            for i in sorted(filled)
        ]

    def ignored(self) -> list[str]:
        return [
            self._label(i) + (" (as you asked)" if i in self.skipped else "")
            for i in self.not_used()
        ]


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
    maps: Mapping[str, str] = field(default_factory=dict)  # heading key → field or "ignore"
    tables: list[Table] = field(default_factory=list)  # what read_table read for this import

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def lines(self, *, columns: bool = True) -> list[str]:
        """What the import did, for the command line; without `columns` (the web's check
        page shows them as a table) the columns used and not used are left out, the hints
        about look-alike headings kept."""
        head = f"{self.file}: dry run, nothing written." if self.dry_run else f"{self.file}:"
        body = [
            f"  {n} {_number(what, n)} {self._verb(n)} {how}" for (what, how), n in self._split()
        ]
        tail = self.column_lines() if columns else [f"  Check: {h}" for h in self.hints()]
        return [head, *body, *(f"  Note: {n}" for n in self.notes), *tail]

    def columns_used(self) -> list[str]:
        return [c for t in self.tables for c in t.used()]

    def columns_ignored(self) -> list[str]:
        return [c for t in self.tables for c in t.ignored()]

    def hints(self) -> list[str]:
        return [h for t in self.tables for h in look_alikes(t)]

    def column_lines(self) -> list[str]:
        lines = []
        if used := self.columns_used():
            lines.append("  Columns used: " + "; ".join(used) + ".")
        if ignored := self.columns_ignored():
            lines.append("  Columns not used: " + "; ".join(ignored) + ".")
        return lines + [f"  Check: {h}" for h in self.hints()]

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


def _row_fields(
    row: Row, synonyms: Mapping[str, str], maps: Mapping[str, str]
) -> tuple[dict[str, int], set[int]]:
    """The fields a header row names (the person's --map first) and the columns to ignore."""
    found: dict[str, int] = {}
    skipped: set[int] = set()
    for i, cell in enumerate(row.cells):
        key = header_key(cell.text)
        name = maps.get(key) or synonyms.get(key)
        if name == IGNORE:
            skipped.add(i)
        elif name and name not in found:
            found[name] = i
    return found, skipped


def parse_maps(items: Iterable[str], synonyms: Mapping[str, str]) -> dict[str, str]:
    """--map COLUMN=FIELD (or COLUMN=ignore) items → {heading key: field}, checked against the
    importer's fields."""
    fields = sorted(set(synonyms.values()))
    maps: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise TableError([messages.MAP_BAD_FORM.format(item=item)])
        column, target = (p.strip() for p in item.rsplit("=", 1))
        if not column or (target not in fields and target != IGNORE):
            raise TableError(
                [
                    messages.MAP_UNKNOWN_FIELD.format(
                        item=item, field=target, fields=", ".join([*fields, IGNORE])
                    )
                ]
            )
        maps[header_key(column)] = target
    return maps


def read_table(
    path: Path,
    synonyms: Mapping[str, str],
    required: set[str],
    *,
    what: str,
    sheet: str | None = None,
    into: ImportResult | None = None,
    guess: Callable[[list[str]], dict[str, int]] | None = None,
    keep_lines: Iterable[str] = (),
) -> Table:
    """Read the first sheet (or `sheet`) of `path` into a Table. `synonyms` maps header keys
    (see columns.header_key) to field names, and `into.maps` (the person's --map) comes
    first; the header row is the first naming every `required` field. The table is recorded
    in `into`, whose result then names every column used and not used. `guess` is the
    importer's own reading of a row the headings alone do not make a header row of (its cell
    texts → fields it finds by position, e.g. a blank heading above the row labels), tried
    only when no row is a header row by its headings; what it finds wins over the synonyms
    for that column, never over --map. The fields named in `keep_lines` keep the line
    breaks within their cells (a risk's causes, say)."""
    maps = into.maps if into is not None else {}
    try:
        sheets = read(path, sheet=sheet)
    except ReadError as exc:
        raise TableError([str(exc)]) from None
    data: Sheet = sheets[0]
    attempts = [None] if guess is None else [None, guess]
    scans = [(row, a) for a in attempts for row in data.rows[:HEADER_SCAN_ROWS]]
    for row, attempt in scans:
        columns, skipped = _row_fields(row, synonyms, maps)
        if attempt is not None and not required <= set(columns):
            columns = _guessed(row, columns, attempt, maps)
        if required <= set(columns):
            headers = {i: clean(c.text) for i, c in enumerate(row.cells)}
            multiline = set(keep_lines)
            rows = [_table_row(r, columns, multiline) for r in data.rows if r.number > row.number]
            rows = [r for r in rows if any(r.values.values()) or any(r.extra.values())]
            preamble = [clean(r.text(0)) for r in data.rows if r.number < row.number]
            table = Table(
                path.name, columns, headers, row.number, rows, [p for p in preamble if p],
                skipped=skipped, synonyms=synonyms,
            )  # fmt: skip
            if into is not None:
                into.tables.append(table)
            return table
    if not isinstance(maps, Remembered):
        _unmapped_columns(path, data, maps)
    if into is not None:  # no header row: the likeliest one, for the person to say what is what
        into.tables.append(_likely_header(path.name, data, synonyms))
    names = ", ".join(sorted(f"'{r}'" for r in required))
    raise TableError(
        [
            f"{path.name}: no header row found in the first {HEADER_SCAN_ROWS} rows for {what}. "
            f"Expected columns {names}. Rename the columns, add a header row, or say which "
            "column is which with --map 'Your heading=FIELD'."
        ]
    )


def _guessed(
    row: Row,
    columns: dict[str, int],
    guess: Callable[[list[str]], dict[str, int]],
    maps: Mapping[str, str],
) -> dict[str, int]:
    for name, i in guess([clean(c.text) for c in row.cells]).items():
        if name not in columns and header_key(row.text(i)) not in maps:
            columns = {n: j for n, j in columns.items() if j != i} | {name: i}
    return columns


def _likely_header(file: str, data: Sheet, synonyms: Mapping[str, str]) -> Table:
    """The first of the first rows with the most filled cells, as a table of no rows."""
    rows = data.rows[:HEADER_SCAN_ROWS] or [Row(1, [])]
    best = max(rows, key=lambda r: (sum(1 for c in r.cells if clean(c.text)), -r.number))
    headers = {i: clean(c.text) for i, c in enumerate(best.cells)}
    return Table(file, {}, headers, best.number, [], synonyms=synonyms)


def _unmapped_columns(path: Path, data: Sheet, maps: Mapping[str, str]) -> None:
    """A --map naming a heading the file does not have is a mistake worth saying."""
    seen = {header_key(c.text) for r in data.rows[:HEADER_SCAN_ROWS] for c in r.cells}
    missing = [k for k in maps if k not in seen]
    if missing:
        raise TableError(
            [f"{path.name}: --map names a column the file does not have: '{k}'." for k in missing]
        )


_WORD = re.compile(r"[a-z0-9]+")


def look_alikes(table: Table) -> list[str]:
    """Headings not used that hold one of the importer's headings among more words, a year or
    a unit ('Target 2023/24', 'Risk owner (service)'): each with how to map it. The longest
    heading found wins, and a field no other column gave comes first."""
    out = []
    for index in table.not_used():
        header = table.headers.get(index, "")
        words = f" {' '.join(_WORD.findall(header_key(header)))} "
        found = [
            (name not in table.columns, len(phrase), key, name)
            for key, name in table.synonyms.items()
            if (phrase := " ".join(_WORD.findall(key))) and f" {phrase} " in words
        ]
        if found and index not in table.skipped:
            *_, key, name = max(found)
            out.append(
                f"column {column_letter(index)} '{header}' looks like {name} but was not "
                f"used: its heading has more in it than '{key}'. If it is the {name}, "
                f"import again with --map '{header}={name}'; if not, nothing needs doing."
            )
    return out


def clean_lines(text: object) -> str:
    """clean() each line of a cell, keeping the line breaks between them."""
    if text is None:
        return ""
    return "\n".join(clean(line) for line in str(text).splitlines()).strip("\n")


def _table_row(row: Row, columns: dict[str, int], keep_lines: set[str] = frozenset()) -> TableRow:
    values = {
        name: (clean_lines if name in keep_lines else clean)(row.text(i))
        for name, i in columns.items()
    }
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


def run_import(
    path: Path,
    dry_run: bool,
    body: Callable[[ImportResult], None],
    *,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    """Run `body` (which reads, validates and writes) so that any TableError leaves the
    database untouched and comes back as the result's problems. `maps` is the person's
    --map, read by read_table(..., into=result)."""
    result = ImportResult(file=path.name, dry_run=dry_run, maps=maps or {})
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
