"""How councils lay out an emissions inventory, as plain rules (no Django).

- A row naming only a scope ("Scope 1", "Scope 2 – indirect emissions from electricity") gives
  that scope to the rows below it, up to the next such row.
- "Total", "Grand total", "Overall", "Sub-total", "Total Scope 1", "Scope 1 total" rows are
  totals, not sources: each is checked against the sum of the rows it covers.
- A scope row with figures is that scope's total when sources follow it, and the scope's own
  figure when none do (a table of scope totals only).
- "Not recorded", "n/a", "-", "TBC"… or a blank cell is no figure, never 0.
- Tonnes may carry thousands separators and a unit: "1,234 t", "1 234 tCO2e".

See docs/importing.md, "Emissions inventories".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from plantracker.indicators import periods

from .numbers import figure

NO_FIGURE = frozenset(
    {"", "-", "–", "—", "n/a", "na", "n.a", "not applicable", "not recorded", "no data",
     "not measured", "not yet measured", "not available", "not known", "unknown", "tbc",
     "tbd", "to be confirmed", "no figure", "?"}
)  # fmt: skip

_SPACES = re.compile(r"\s+")
_SCOPE = re.compile(r"^scope\s*([123])(?![0-9])\s*(?P<rest>.*)$")
_OUTSIDE = re.compile(r"^(outside( of)? (the )?scopes?|out of scope)$")
_SCOPE_REST = re.compile(r"^(?:[-–—:(,/|]|emissions\b|direct\b|indirect\b)")
_SCOPE_LIST = re.compile(r"^scopes?\s*([123](?:\s*(?:,|and|&|\+)\s*[123])*)$")
_UNIT = re.compile(
    r"\s*\(?\s*(?:t|tonnes?|tco2e?|t\s*co2e?|tonnes?\s*(?:of\s*)?co2e?|kt\s*co2e?)\s*\)?\.?$", re.I
)
_GROUPED = re.compile(r"^[-−]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:\.[0-9]+)?$")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip().lower()


# --- Figures -----------------------------------------------------------------------------


def is_no_figure(text: str) -> bool:
    """A blank cell or a word standing where a figure would be: no figure, never 0."""
    return _key(text).rstrip(".") in NO_FIGURE


def tonnes(text: str) -> Decimal:
    """'1,234 t', '1 234.5 tCO2e', '-300' → the figure. Raises InvalidOperation when the cell
    is not a figure (see numbers.figure)."""
    bare = _UNIT.sub("", text.strip()).strip()
    if _GROUPED.match(bare):
        bare = re.sub(r"[ \u00a0\u202f]", "", bare)
    if not bare:
        raise InvalidOperation(text)
    return figure(bare.replace("−", "-"), digits=12)


def year_heading(text: str) -> str | None:
    """The financial year a column heading names, with or without a unit: '2018/19',
    '2018-19 (tCO2e)', 'FY 2019/20 tonnes CO2e' → '2018-19'…; None for anything else."""
    bare = re.sub(r"\(.*?\)", " ", text)
    bare = re.sub(r"\b(tco2e?|tonnes?|co2e?|emissions|ghg|t)\b", " ", bare, flags=re.I)
    try:
        period = periods.parse(_key(bare))
    except periods.PeriodError:
        return None
    return period.label if period.kind is periods.Kind.FINANCIAL_YEAR else None


def label_column(cells: Sequence[str]) -> int | None:
    """A heading row whose first cell is blank above the sources, with years across ('',
    '2018/19', '2019/20'), or names what the figures are with two years or more across
    ('Emissions (tonnes CO2e)', '2019/20', '2020/21'): the first column holds the sources.
    One year beside a label ('Reporting year', '2022/23') is not taken for a heading row."""
    if not cells or year_heading(cells[0]):
        return None
    years = sum(1 for c in cells[1:] if year_heading(c))
    return 0 if years >= (1 if not cells[0].strip() else 2) else None


# --- Scope and total rows -----------------------------------------------------------------


def scope_named(text: str) -> str | None:
    """'Scope 1', 'SCOPE 3', 'Scope 2 – indirect emissions from electricity', 'Outside of
    scopes' → '1', '3', '2', 'outside'; None when the text is anything else (or a total)."""
    key = _key(text)
    if total_of(text) is not None:
        return None
    if _OUTSIDE.match(key):
        return "outside"
    m = _SCOPE.match(key)
    if m and (not m["rest"] or _SCOPE_REST.match(m["rest"])):
        return m[1]
    return None


class Kind(StrEnum):
    SOURCE = "source"
    HEADING = "scope heading"  # gives its scope to the rows below
    SCOPE_FIGURE = "scope figure"  # a scope's own figure, no sources under it
    TOTAL = "total"  # everything above, up to the previous total
    GRAND_TOTAL = "grand total"  # everything above, up to the previous grand total
    SUBTOTAL = "sub-total"  # the rows above, up to the previous heading or total
    SCOPE_TOTAL = "scope total"  # every row of the scopes it names
    NOTE = "note"  # a line of text under a total (a footnote), not a source


@dataclass(frozen=True)
class TotalName:
    kind: Kind
    scopes: frozenset[str] = frozenset()


_GRAND = re.compile(
    r"^(?:grand total|overall|overall total|total all scopes|total for all scopes)$"
)
_SUB = re.compile(r"^sub ?-? ?totals?$")


def total_of(text: str) -> TotalName | None:
    """'Total' → TOTAL; 'Grand total', 'Overall' → GRAND_TOTAL; 'Sub-total', 'Subtotal' → SUBTOTAL;
    'Total Scope 1', 'Scope 1 total', 'Total scope 1 and 2' → SCOPE_TOTAL; else None.
    A unit in brackets ('Total (tCO2e)') is allowed."""
    key = _key(re.sub(r"\(.*?\)", " ", text)).rstrip(":.")
    key = re.sub(r"\s+(tco2e?|tonnes co2e|emissions)$", "", key)
    if key == "total":
        return TotalName(Kind.TOTAL)
    if _GRAND.match(key):
        return TotalName(Kind.GRAND_TOTAL)
    if _SUB.match(key):
        return TotalName(Kind.SUBTOTAL)
    for pattern in (r"^(?:sub ?-? ?)?total (?:for |of )?(?P<s>scopes? .+?)(?: emissions)?$",
                    r"^(?P<s>scopes? .+?)(?: emissions)? (?:sub ?-? ?)?totals?$"):  # fmt: skip
        m = re.match(pattern, key)
        scopes = m and _SCOPE_LIST.match(m["s"])
        if scopes:
            return TotalName(Kind.SCOPE_TOTAL, frozenset(re.findall(r"[123]", scopes[1])))
    return None


# --- A whole table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One row of the table as the rules need it: its number, its label (the source column)
    and the figures it gives, by financial year."""

    number: int
    label: str
    figures: dict[str, Decimal] = field(default_factory=dict)
    scope: str | None = None  # the row's own scope column, when it has one
    only_label: bool = False  # nothing in the row but its label


@dataclass(frozen=True)
class Placed:
    line: Line
    kind: Kind
    scope: str | None  # a source's scope (own, else the heading's); a heading's scope
    section: int  # how many scope rows come before it, itself included


@dataclass(frozen=True)
class Check:
    """A total row's figure for one year beside the sum of the rows it covers."""

    row: int
    label: str
    period: str
    given: Decimal
    summed: Decimal
    rows: tuple[int, ...]  # the rows it covers
    parts: int  # how many of them give a figure for the year

    @property
    def agrees(self) -> bool:
        return abs(self.given - self.summed) < allowance(self.parts)


def allowance(parts: int) -> Decimal:
    """What rounding to whole tonnes can explain: a total and the sum of its rows differ by
    less than half a tonne for the total and for each figure it adds up."""
    return Decimal("0.5") * (parts + 1)


def place(lines: Sequence[Line]) -> list[Placed]:
    """Each row's kind and scope. A scope row with figures is the scope's total when sources
    follow it before the next scope row, else the scope's own figure. Rows of nothing but
    text under a total or grand total (footnotes) are notes, not sources."""
    named = [(line, total_of(line.label), scope_named(line.label)) for line in lines]
    out: list[Placed] = []
    scope: str | None = None
    section = 0
    for i, (line, total, scope_row) in enumerate(named):
        if (
            line.only_label
            and total is None
            and scope_row is None
            and out
            and (out[-1].kind in _CLOSING)
        ):
            out.append(Placed(line, Kind.NOTE, None, section))
        elif total is not None:
            out.append(Placed(line, total.kind, None, section))
        elif scope_row is not None:
            scope, section = scope_row, section + 1
            sources_follow = any(
                t is None and s is None for _, t, s in _until_next_scope(named[i + 1 :])
            )
            if not line.figures:
                kind = Kind.HEADING
            else:
                kind = Kind.SCOPE_TOTAL if sources_follow else Kind.SCOPE_FIGURE
            out.append(Placed(line, kind, scope_row, section))
        else:
            out.append(Placed(line, Kind.SOURCE, line.scope or scope, section))
    return out


_CLOSING = {Kind.TOTAL, Kind.GRAND_TOTAL, Kind.NOTE}


def _until_next_scope(
    rest: Sequence[tuple[Line, TotalName | None, str | None]],
) -> list[tuple[Line, TotalName | None, str | None]]:
    """The rows of a scope's section: up to the next scope row, total or grand total."""
    out = []
    for item in rest:
        total = item[1]
        if item[2] is not None or (total and total.kind in (Kind.TOTAL, Kind.GRAND_TOTAL)):
            break
        out.append(item)
    return out


def checks(placed: Sequence[Placed]) -> list[Check]:
    """Every total row's figures checked against the rows it covers:
    - a sub-total: the rows above it up to the previous heading or total;
    - a scope row with figures and sources under it: the sources of its section;
    - "Total Scope 1", "Scope 1 and 2 total": those scopes' rows since the last grand total;
    - a total: every row since the previous total — or, when that does not add up but the
      rows since the previous heading or sub-total do, those (a "Total" closing a section);
    - a grand total ("Grand total", "Overall"): every row since the previous grand total."""
    out: list[Check] = []
    start = grand = 0  # where the rows a total and a grand total cover begin
    for i, p in enumerate(placed):
        since_grand = [q for q in placed[grand:i] if _counts(q)]
        if p.kind is Kind.SCOPE_TOTAL and p.scope is not None:
            out += _check(p, [q for q in placed[i + 1 :] if q.section == p.section and _counts(q)])
        elif p.kind is Kind.SCOPE_TOTAL:
            named = total_of(p.line.label)
            wanted = named.scopes if named else frozenset()
            out += _check(p, [q for q in since_grand if q.scope in wanted])
        elif p.kind is Kind.SUBTOTAL:
            out += _check(p, _block(placed, i) or [q for q in placed[start:i] if _counts(q)])
        elif p.kind is Kind.GRAND_TOTAL:
            out += _check(p, since_grand)
            start = grand = i + 1
        elif p.kind is Kind.TOTAL:
            whole = [q for q in placed[start:i] if _counts(q)]
            found, block = _check(p, whole), _block(placed, i)
            if block and len(block) < len(whole) and not all(c.agrees for c in found):
                alt = _check(p, block)
                if all(c.agrees for c in alt):
                    out += alt
                    continue
            out += found
            start = i + 1
    return out


def _counts(p: Placed) -> bool:
    return p.kind in (Kind.SOURCE, Kind.SCOPE_FIGURE)


def _block(placed: Sequence[Placed], i: int) -> list[Placed]:
    """The sources right above row i, up to the previous heading or total."""
    out: list[Placed] = []
    for q in reversed(placed[:i]):
        if not _counts(q):
            break
        out.append(q)
    return out[::-1]


def _check(total: Placed, covered: Sequence[Placed]) -> list[Check]:
    rows = tuple(q.line.number for q in covered)
    out = []
    for period, given in total.line.figures.items():
        parts = [q.line.figures[period] for q in covered if period in q.line.figures]
        summed = sum(parts, Decimal(0))
        out.append(Check(total.line.number, total.line.label, period, given, summed, rows,
                         len(parts)))  # fmt: skip
    return out


def rows_text(rows: Sequence[int]) -> str:
    """(3, 4, 5, 8) → 'rows 3–5, 8'."""
    if not rows:
        return "no rows"
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return ("row " if len(rows) == 1 else "rows ") + ", ".join(parts)
