"""From rows to actions: headings, repeated headers, shifted columns, values normalised.

The result is a `ParsedPlan`: what the file says, with every problem (blocking) and every
finding (kept, reported, never silently fixed) tied to its row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plantracker.core import strict

from . import headings, messages
from . import normalise as norm
from .columns import Layout, column_letter
from .findings import ParsedFinding
from .readers import Cell, Row, Sheet

WITHDRAWN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:\s*:\s*(.*))?", re.DOTALL)


def withdrawn(text: str) -> tuple[date | None, str]:
    """The export's Withdrawn cell, "2026-11-30: the reason", as (day, reason); empty: the
    action is in the plan."""
    if not text:
        return None, ""
    found = WITHDRAWN.fullmatch(text.strip())
    if not found:
        raise ValueError(
            f"'{text[:40]}' is not a day and a reason. Write it as the export does, for "
            "example 2026-11-30: merged into C4, or leave it empty"
        )
    year, month, day, reason = found.groups()
    try:
        on = date(strict.check_year(int(year)), int(month), int(day))
    except (ValueError, strict.NotValid) as exc:
        raise ValueError(f"'{text[:10]}' is not a day ({exc})") from None
    return on, (reason or "").strip()


__all__ = ["ParsedAction", "ParsedFinding", "ParsedPlan", "parse"]


@dataclass
class ParsedAction:
    row: int
    ref: str | None
    title: str
    theme: str | None
    values: dict[str, object]
    objectives: tuple[str, ...] = ()
    partners: list[str] = field(default_factory=list)
    updates: dict[str, dict[str, object]] = field(default_factory=dict)
    findings: list[ParsedFinding] = field(default_factory=list)
    fields_present: set[str] = field(default_factory=set)


@dataclass
class ParsedPlan:
    source: str
    layout: Layout
    actions: list[ParsedAction]
    themes: list[str]
    periods: list[str]
    problems: list[str]
    findings: list[ParsedFinding]  # findings not tied to an action (headings)
    skipped: dict[str, int]

    @property
    def title(self) -> str | None:
        return self.layout.title_lines[0] if self.layout.title_lines else None


VOCAB = {
    "role": norm.role,
    "scope": norm.scope,
    "timescale": norm.timescale,
    "cost": norm.rating,
    "carbon": norm.rating,
    "stage": norm.stage,
    "rag": norm.rag,
    "recorded_score": norm.score,
    "computed_score": norm.score,
    "start": norm.month,
    "end": norm.month,
    "estimated_tco2e": norm.tonnes,
}


def _kind_of(name: str) -> str:
    return name.split(":", 1)[0]


def cell_is_valid(name: str, cell: Cell) -> bool:
    """Would this cell read cleanly as this field? Used to spot shifted columns."""
    kind = _kind_of(name)
    if kind == "ref":
        return norm.looks_like_reference(cell.value)
    if kind == "title":
        return bool(norm.clean(cell.value))
    if kind == "objectives":
        codes = norm.objective_codes(cell.value)
        return not codes.malformed
    parser = VOCAB.get(kind)
    if parser is None:
        return True
    try:
        parser(cell.value)
    except ValueError:  # Unreadable, or anything else a normaliser cannot take
        return False
    return True


def _fit(layout: Layout, cells: list[Cell]) -> int:
    return sum(
        cell_is_valid(name, cells[i] if i < len(cells) else Cell(None))
        for i, name in layout.columns.items()
    )


def realign(layout: Layout, row: Row) -> tuple[list[Cell], int | None]:
    """A text row one cell short of the header may have lost a column (the seed's rows
    C17–C21 lost their RAG cell, so the update sits one column to the left). Try an empty
    cell at each position and keep the one that reads best, if it beats the row as is."""
    cells = list(row.cells)
    short = layout.width - len(cells)
    if short != 1 or not norm.clean(cells[-1].text if cells else ""):
        return cells, None
    best_fit, best_at = _fit(layout, cells), None
    for at in range(len(cells) + 1):
        candidate = [*cells[:at], Cell(None), *cells[at:]]
        score = _fit(layout, candidate)
        if score > best_fit:
            best_fit, best_at = score, at
    if best_at is None:
        return cells, None
    return [*cells[:best_at], Cell(None), *cells[best_at:]], best_at


def _row_signature(row: Row) -> tuple[str, ...]:
    texts = [norm.clean(c.text).lower() for c in row.cells]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def parse(sheet: Sheet, layout: Layout, *, period: str | None = None) -> ParsedPlan:
    header_sig = _row_signature(layout.header_row)
    sub_sig = _row_signature(layout.sub_header_row) if layout.sub_header_row else None
    banners = {line.lower() for line in layout.title_lines}
    title_col = layout.index("title")
    assert title_col is not None
    ref_col = layout.index("ref")
    theme_col = layout.index("theme")
    last_header = (layout.sub_header_row or layout.header_row).number
    periods = [
        name.split(":", 1)[1] for name in layout.columns.values() if name.startswith("update:")
    ]

    actions: list[ParsedAction] = []
    themes: list[str] = []
    problems: list[str] = []
    loose_findings: list[ParsedFinding] = []
    skipped = {"blank": 0, "repeated header": 0, "page banner": 0, "not a heading": 0}
    theme: str | None = None
    first_ref: dict[str, int] = {}
    first_title: dict[str, int] = {}
    sections_numbered = headings.actions_numbered_within_sections(sheet.rows[last_header:], layout)

    for row in sheet.rows[last_header:]:
        filled = [i for i, c in enumerate(row.cells) if norm.clean(c.text)]
        if not filled:
            skipped["blank"] += 1
            continue
        sig = _row_signature(row)
        if sig == header_sig or (sub_sig is not None and sig == sub_sig):
            skipped["repeated header"] += 1
            continue
        if len(filled) == 1 and norm.clean(row.cells[filled[0]].text).lower() in banners:
            skipped["page banner"] += 1
            continue
        title_text = norm.clean(row.text(title_col))
        is_heading = set(filled) <= {0, 1} and not (title_text and title_col != 0)
        if is_heading and theme_col is None:
            if not norm.reads_like_heading(" ".join(row.text(i) for i in filled)):
                loose_findings.append(headings.not_a_heading(sheet.source, row, filled, theme))
                skipped["not a heading"] += 1
                continue
            heading = norm.join_split_heading([row.text(i) for i in filled])
            theme = str(heading.value)
            if theme not in themes:
                themes.append(theme)
            if heading.note:
                loose_findings.append(
                    ParsedFinding(
                        "",
                        "theme",
                        "normalised",
                        heading.note,
                        " | ".join(norm.clean(row.text(i)) for i in filled),
                        f"{sheet.source}, row {row.number}",
                    )
                )
            continue
        section = headings.numbered_section(row, filled, layout) if sections_numbered else None
        if section is not None:
            theme = section
            if theme not in themes:
                themes.append(theme)
            loose_findings.append(headings.section_read(sheet.source, row, layout, theme))
            continue
        action = _parse_action(sheet, layout, row, theme, problems)
        if action is None:
            continue
        if action.theme and action.theme not in themes:
            themes.append(action.theme)
        if ref_col is not None:
            if not action.ref:
                problems.append(
                    messages.MISSING_REF.format(
                        file=sheet.source, row=row.number, column=column_letter(ref_col)
                    )
                )
                continue
            if action.ref in first_ref:
                problems.append(
                    messages.DUPLICATE_REF.format(
                        file=sheet.source,
                        row=row.number,
                        column=column_letter(ref_col),
                        ref=action.ref,
                        first=first_ref[action.ref],
                    )
                )
                continue
            first_ref[action.ref] = row.number
        else:
            key = action.title.lower()
            if key in first_title:
                problems.append(
                    messages.DUPLICATE_TITLE.format(
                        file=sheet.source,
                        row=row.number,
                        column=column_letter(title_col),
                        title=action.title[:60],
                        first=first_title[key],
                    )
                )
                continue
            first_title[key] = row.number
        actions.append(action)

    if not actions and not problems:
        problems.append(messages.NO_ACTIONS.format(file=sheet.source, row=layout.header_row.number))
    if period and not periods:
        periods = [period]
    return ParsedPlan(
        sheet.source, layout, actions, themes, periods, problems, loose_findings, skipped
    )


def _parse_action(
    sheet: Sheet, layout: Layout, row: Row, theme: str | None, problems: list[str]
) -> ParsedAction | None:
    cells, shifted_at = realign(layout, row)
    values: dict[str, object] = {}
    findings: list[ParsedFinding] = []
    updates: dict[str, dict[str, object]] = {}
    objectives: tuple[str, ...] = ()
    partners: list[str] = []
    ref: str | None = None
    title = ""
    row_theme = theme
    ok = True
    present: set[str] = set()

    def source(i: int) -> str:
        return f"{sheet.source}, row {row.number}, column {column_letter(i)}"

    def unreadable(i: int, name: str, exc: Exception) -> str:
        return messages.BAD_VALUE.format(
            file=sheet.source,
            row=row.number,
            column=column_letter(i),
            header=layout.headers.get(i, name),
            problem=exc,
        )

    pending: list[tuple[str, str, str, str, str]] = []  # field, kind, message, original, where

    for i, name in layout.columns.items():
        cell = cells[i] if i < len(cells) else Cell(None)
        kind = _kind_of(name)
        present.add(name)
        raw = cell.value
        if kind == "ref":
            try:
                result = norm.reference(raw)
            except ValueError as exc:  # Unreadable, or anything a normaliser cannot take
                problems.append(unreadable(i, name, exc))
                ok = False
                continue
            ref = result.value if isinstance(result.value, str) else None
            if result.note:
                pending.append(("ref", "normalised", result.note, norm.clean(raw), source(i)))
            continue
        if kind == "title":
            title = norm.clean(raw)
            continue
        if kind == "theme":
            row_theme = norm.clean(raw) or theme
            continue
        if kind in {"lead", "owner"}:
            values[kind] = norm.clean(raw)
            continue
        if kind == "success_measure":
            values[kind] = norm.long_text(raw)
            continue
        if kind == "withdrawn":
            try:
                values["withdrawn_on"], values["withdrawn_reason"] = withdrawn(norm.clean(raw))
            except ValueError as exc:
                problems.append(unreadable(i, name, exc))
                ok = False
            continue
        if kind == "partners":
            partners = norm.partners(raw)
            values["partners_text"] = norm.clean(raw)
            continue
        if kind == "objectives":
            codes = norm.objective_codes(raw)
            objectives = codes.codes
            original = norm.clean(raw)
            if codes.note:
                pending.append(("objectives", "normalised", codes.note, original, source(i)))
            for dup in codes.duplicates:
                pending.append(
                    (
                        "objectives",
                        "duplicate_objective",
                        f"objective {dup} is listed more than once in {original!r}; kept once",
                        original,
                        source(i),
                    )
                )
            for bad in codes.malformed:
                pending.append(
                    (
                        "objectives",
                        "unknown_objective",
                        f"{bad!r} is not an objective code (codes look like A1, 3 or "
                        f"All); not linked",
                        original,
                        source(i),
                    )
                )
            continue
        parser = VOCAB.get(kind)
        if parser is None:  # update text
            label = name.split(":", 1)[1]
            updates.setdefault(label, {})["text"] = norm.clean_text(raw)
            continue
        try:
            result = parser(raw)
        except ValueError as exc:  # Unreadable, or anything a normaliser cannot take
            problems.append(unreadable(i, name, exc))
            ok = False
            continue
        value = result.value
        if kind == "rag" and value is None and cell.fill:
            value = norm.rag_from_fill(cell.fill)
            if value:
                pending.append(
                    (
                        name,
                        "normalised",
                        f"RAG read from the cell's fill colour #{cell.fill[-6:]}: {value}",
                        f"(no text, fill #{cell.fill[-6:]})",
                        source(i),
                    )
                )
        if result.note:
            pending.append((name, "normalised", result.note, norm.clean(raw), source(i)))
        if ":" in name:
            label = name.split(":", 1)[1]
            updates.setdefault(label, {})[kind] = value
        elif kind != "computed_score":
            values[kind] = value

    if shifted_at is not None:
        missing = layout.columns.get(shifted_at)
        header = layout.headers.get(shifted_at, column_letter(shifted_at))
        pending.append(
            (
                missing or "",
                "shifted",
                f"this row has one cell fewer than the header: the {header} column is "
                f"missing, so it is read as empty and the cells after it are read one "
                f"column to the right",
                "",
                f"{sheet.source}, row {row.number}",
            )
        )
    if not ok:
        return None
    if not title:
        problems.append(
            messages.BAD_VALUE.format(
                file=sheet.source,
                row=row.number,
                column=column_letter(layout.index("title") or 0),
                header="title",
                problem="the action has no title",
            )
        )
        return None
    display_ref = ref or ""
    for fld, kind, message, original, where in pending:
        findings.append(ParsedFinding(display_ref, fld, kind, message, original, where))
    return ParsedAction(
        row.number, ref, title, row_theme, values, objectives, partners, updates, findings, present
    )
