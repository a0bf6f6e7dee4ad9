"""Theme headings between an action plan's rows, and rows that only look like them.

A heading row has only its first cell filled and reads like a heading ("Transport and
travel", "3. Buildings"). Two other shapes are common in councils' files:

- a lone letter, number or code ("a", "12", "T-3") left by an edit or a copy from a PDF:
  not a theme; the actions below stay under the heading above, and a finding says so;
- a numbered section written across the reference and action columns ("2" | "Transport"),
  in a file whose actions are numbered within the sections (2.1, 2.2) or coded (TR1): a
  theme, not an action, and a finding says how it was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import messages
from . import normalise as norm
from .columns import Layout, column_letter
from .findings import ParsedFinding
from .readers import Row

SECTION_NUMBER = re.compile(r"(?:section\s+)?\d{1,2}\.?", re.I)


def is_section_number(text: str) -> bool:
    """'2', '2.', 'Section 2' — a section's number, not an action's reference (2.1, TR1)."""
    return bool(SECTION_NUMBER.fullmatch(norm.clean(text)))


def actions_numbered_within_sections(rows: Iterable[Row], layout: Layout) -> bool:
    """Can a bare number in the reference column be a section? Only when the file has other
    columns than reference and action (so a section row stands out by leaving them empty)
    and some references are not bare numbers (2.1, TR1)."""
    ref_col = layout.index("ref")
    if ref_col is None or layout.index("theme") is not None or len(layout.columns) <= 2:
        return False
    refs = (norm.clean(r.text(ref_col)) for r in rows)
    return any(ref and not is_section_number(ref) for ref in refs)


def numbered_section(row: Row, filled: list[int], layout: Layout) -> str | None:
    """The theme a row such as '2' | 'Transport and travel' names, or None."""
    ref_col, title_col = layout.index("ref"), layout.index("title")
    if ref_col is None or title_col is None or set(filled) != {ref_col, title_col}:
        return None
    number, title = norm.clean(row.text(ref_col)), norm.clean(row.text(title_col))
    if not is_section_number(number) or not norm.reads_like_heading(title):
        return None
    return f"{number} {title}"


def not_a_heading(source: str, row: Row, filled: list[int], theme: str | None) -> ParsedFinding:
    """A lone letter, number or code where a heading could be: reported, not a theme."""
    text = " ".join(norm.clean(row.text(i)) for i in filled)
    column = column_letter(filled[0])
    fmt = messages.NOT_A_HEADING if theme else messages.NOT_A_HEADING_NO_THEME
    message = fmt.format(file=source, row=row.number, text=text, column=column, theme=theme)
    where = f"{source}, row {row.number}, column {column}"
    return ParsedFinding("", "theme", "not_a_heading", message, text, where)


def section_read(source: str, row: Row, layout: Layout, theme: str) -> ParsedFinding:
    """How a numbered section row was read: as the theme of the actions below it."""
    ref_col, title_col = layout.index("ref"), layout.index("title")
    assert ref_col is not None and title_col is not None
    number, title = norm.clean(row.text(ref_col)), norm.clean(row.text(title_col))
    message = messages.NUMBERED_SECTION.format(
        file=source,
        row=row.number,
        number=number,
        number_column=column_letter(ref_col),
        title=title,
        title_column=column_letter(title_col),
        theme=theme,
    )
    original = f"{number} | {title}"
    return ParsedFinding(
        "", "theme", "normalised", message, original, f"{source}, row {row.number}"
    )
