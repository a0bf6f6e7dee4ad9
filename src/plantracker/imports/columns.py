"""Finding the header row and mapping each column to a field.

Headers are matched case-, spacing- and wording-tolerantly against synonyms. A header may
sit under title and note lines, and may run over two rows (the Environment Strategy Action
Plan has "Timescale" above "Start" and "End"). Columns we do not recognise are reported and
ignored unless the user maps them with --map COLUMN=FIELD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import messages
from .normalise import clean, delookalike
from .readers import Row, Sheet

FIELDS = {
    "ref": ["action id", "id", "ref", "ref no", "reference", "action ref", "action reference",
            "action no", "action number", "no"],
    "theme": ["theme", "section", "theme name"],
    "title": ["action", "title", "action title", "description", "action description",
              "theme / action", "theme/action", "actions"],
    "objectives": ["objective", "objectives", "objectives supported", "objective(s)",
                   "strategy objectives", "objectives supported codes"],
    "role": ["lcc role", "role", "council role", "our role", "council's role",
             "the council's role"],
    "scope": ["scope", "internal / external / both", "internal/external/both"],
    "lead": ["lead", "lead service", "lead team", "project lead", "service", "responsible",
             "responsible organisations", "responsible organisation", "responsible service",
             "responsible team"],
    "partners": ["partners", "who may be involved", "key partners", "partner", "involved"],
    "timescale": ["timescales", "timescale", "timeframe", "timescale band"],
    "start": ["start", "start date", "timescale start", "start month"],
    "end": ["end", "end date", "timescale end", "end month", "finish", "target date",
            "completion date"],
    "cost": ["cost", "cost to leicestershire", "cost to the council", "cost to council",
             "cost rating"],
    "carbon": ["carbon saving", "carbon", "carbon saving rating", "carbon impact"],
    "recorded_score": ["deliverability score", "score", "recorded score",
                       "deliverability score (recorded)", "deliverability"],
    "computed_score": ["computed score", "deliverability score (computed)"],
    "stage": ["project status", "status", "stage", "project stage", "current project stage"],
    "rag": ["rag", "rag status", "rag rating", "r/a/g"],
    "owner": ["owner", "action owner", "responsible officer", "lead officer",
              "accountable officer"],
    "success_measure": ["measure of success", "measures of success", "success measure",
                        "success measures", "indicator of success", "indicators of success",
                        "how will we measure success", "how we will measure success"],
    "withdrawn": ["withdrawn"],
    "estimated_tco2e": ["estimated tco2e saved", "tco2e saved", "estimated tco2e",
                        "co2e saved", "tonnes co2e saved"],
}  # fmt: skip

# Fields that may appear once per reporting period: "December 2023 Update".
PERIOD_FIELDS = {"update": "update", "stage": "stage", "rag": "rag", "rag status": "rag"}
PERIOD_HEADER = re.compile(r"^(?P<label>.+?)\s+(?P<kind>update|stage|rag status|rag)$", re.I)

# Fields a plain column can be mapped to with --map; "ignore" drops a column.
MAPPABLE = [*sorted([*FIELDS, "ignore"]), "update:LABEL", "stage:LABEL", "rag:LABEL"]

_SYNONYMS = {syn: name for name, syns in FIELDS.items() for syn in syns}
SYNONYMS = _SYNONYMS  # heading → field, for the look-alike hints (action_hints.py)

HEADER_SCAN_ROWS = 40


def header_key(text: object) -> str:
    """'  Deliverability  Score ' → 'deliverability score'; '&' → 'and'."""
    s = delookalike(clean(text)).lower().replace("&", "and")
    s = re.sub(r"[*:?#]+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def field_for(header: str) -> str | None:
    key = header_key(header)
    if not key:
        return None
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    m = PERIOD_HEADER.match(clean(header))
    if m:
        kind = PERIOD_FIELDS[m.group("kind").lower()]
        return f"{kind}:{clean(m.group('label'))}"
    if key == "update" or key.endswith(" update"):
        return "update:"
    return None


@dataclass
class Layout:
    """Where the header is and what each column holds."""

    header_row: Row
    sub_header_row: Row | None
    columns: dict[int, str]  # column index → field
    headers: dict[int, str]  # column index → header text as written
    ignored: list[str] = field(default_factory=list)  # "D (Notes)", "F (no heading)"
    title_lines: list[str] = field(default_factory=list)

    def used(self) -> list[str]:
        """Each column taken, as "A (Ref.) as ref", in the file's order."""

        def what(name: str) -> str:
            kind, _, period = name.partition(":")
            return f"the {period} update" if kind == "update" and period else name

        return [
            f"{column_letter(i)} ({self.headers[i]}) as {what(name)}"
            for i, name in sorted(self.columns.items())
        ]

    def index(self, name: str) -> int | None:
        for i, f in self.columns.items():
            if f == name:
                return i
        return None

    @property
    def width(self) -> int:
        return len(self.header_row.cells)


class LayoutError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def column_letter(index: int) -> str:
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def parse_map(items: list[str], *, file: str) -> dict[str, str]:
    """--map COLUMN=FIELD items → {header key: field}."""
    mapping: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise LayoutError([messages.MAP_BAD_FORM.format(item=item)])
        column, target = (p.strip() for p in item.rsplit("=", 1))
        ok = (
            target in FIELDS or target == "ignore" or re.fullmatch(r"(update|stage|rag):.+", target)
        )
        if not column or not ok:
            raise LayoutError(
                [
                    messages.MAP_UNKNOWN_FIELD.format(
                        item=item, field=target, fields=", ".join(MAPPABLE)
                    )
                ]
            )
        mapping[header_key(column)] = target
    return mapping


def _row_fields(row: Row, overrides: dict[str, str]) -> dict[int, str]:
    found = {}
    for i, cell in enumerate(row.cells):
        key = header_key(cell.text)
        target = overrides.get(key) or field_for(cell.text)
        if target and target != "ignore":
            found[i] = target
    return found


def find_layout(sheet: Sheet, overrides: dict[str, str] | None = None) -> Layout:
    overrides = overrides or {}
    best: tuple[int, Row] | None = None
    for row in sheet.rows[:HEADER_SCAN_ROWS]:
        fields = _row_fields(row, overrides)
        score = len(set(fields.values()))
        enough = score >= 2 or "title" in fields.values()
        if enough and (best is None or score > best[0]):
            best = (score, row)
    if best is None:
        raise LayoutError([messages.NO_HEADER.format(file=sheet.source, rows=HEADER_SCAN_ROWS)])
    header = best[1]
    sub = _sub_header(sheet, header, overrides)
    layout = _map_columns(sheet, header, sub, overrides)
    layout.ignored.extend(_unheaded(sheet, layout))
    return layout


def _unheaded(sheet: Sheet, layout: Layout) -> list[str]:
    """Columns with no heading that hold a value somewhere below the header: not read, and
    said so (the cells of a row one short of the header are read by parse, not here)."""
    below = layout.sub_header_row or layout.header_row
    named = set(layout.columns) | {
        i for i in range(layout.width) if clean(layout.header_row.text(i))
    }
    if layout.sub_header_row:
        named |= {i for i, c in enumerate(layout.sub_header_row.cells) if clean(c.text)}
    filled: set[int] = set()
    for row in sheet.rows:
        if row.number > below.number:
            filled |= {i for i, c in enumerate(row.cells) if i not in named and clean(c.text)}
    return [f"{column_letter(i)} (no heading)" for i in sorted(filled)]


def _next_nonblank(sheet: Sheet, after: Row) -> Row | None:
    for row in sheet.rows[after.number :]:
        if any(clean(c.text) for c in row.cells):
            return row
    return None


def _sub_header(sheet: Sheet, header: Row, overrides: dict[str, str]) -> Row | None:
    """The row under the header is part of it when it has text only where the header is
    blank or where it names a field, and nothing in the first column."""
    nxt = _next_nonblank(sheet, header)
    if nxt is None or clean(nxt.text(0)):
        return None
    filled = [i for i, c in enumerate(nxt.cells) if clean(c.text)]
    if not filled:
        return None
    fields = _row_fields(nxt, overrides)
    under_blank = [i for i in filled if not clean(header.text(i))]
    if (under_blank and all(i in fields or not clean(header.text(i)) for i in filled)) or (
        filled and all(i in fields for i in filled)
    ):
        return nxt
    return None


def _map_columns(sheet: Sheet, header: Row, sub: Row | None, overrides: dict[str, str]) -> Layout:
    columns: dict[int, str] = {}
    headers: dict[int, str] = {}
    ignored: list[str] = []
    width = max(len(header.cells), len(sub.cells) if sub else 0)
    seen: dict[str, int] = {}
    problems: list[str] = []
    parent = ""
    for i in range(width):
        top = clean(header.text(i))
        below = clean(sub.text(i)) if sub else ""
        parent = top or parent
        candidates = [c for c in (below, top, f"{parent} {below}".strip()) if c]
        target = None
        label = top or below
        for text in candidates:
            key = header_key(text)
            target = overrides.get(key) or field_for(text)
            if target:
                label = text
                break
        if target == "ignore" or target is None:
            if label:
                asked = " (as you asked)" if target == "ignore" else ""
                ignored.append(f"{column_letter(i)} ({label}){asked}")
            continue
        if target == "update:":
            problems.append(
                messages.BARE_UPDATE_COLUMN.format(
                    file=sheet.source, row=header.number, column=column_letter(i), header=label
                )
            )
            continue
        if target in seen:
            problems.append(
                messages.DUPLICATE_COLUMN.format(
                    file=sheet.source,
                    row=header.number,
                    first=column_letter(seen[target]),
                    second=column_letter(i),
                    field=target,
                )
            )
            continue
        seen[target] = i
        columns[i] = target
        headers[i] = label
    if "title" not in seen:
        problems.append(messages.NO_TITLE_COLUMN.format(file=sheet.source, row=header.number))
    if problems:
        raise LayoutError(problems)
    title_lines = [
        clean(" ".join(c.text for c in row.cells)).lstrip("#").strip()
        for row in sheet.rows[: header.number - 1]
        if clean(" ".join(c.text for c in row.cells))
    ]
    return Layout(header, sub, columns, headers, ignored, title_lines)


def check_overrides_used(
    layout: Layout, overrides: dict[str, str], items: list[str], file: str
) -> None:
    """Every --map COLUMN must name a column that exists."""
    present = {header_key(layout.header_row.text(i)) for i in range(layout.width)}
    if layout.sub_header_row:
        present |= {header_key(c.text) for c in layout.sub_header_row.cells}
    for item in items:
        column = item.rsplit("=", 1)[0].strip()
        if header_key(column) not in present:
            raise LayoutError(
                [
                    messages.MAP_UNKNOWN_COLUMN.format(
                        item=item,
                        file=file,
                        column=column,
                        columns=", ".join(sorted(h for h in present if h)),
                    )
                ]
            )
