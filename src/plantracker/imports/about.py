"""The "About" and "Findings" sheets of a Plan Tracker xlsx export.

They carry what the action table cannot: the plan's title, themes in order (even empty
ones), objective texts, period statuses, and the findings recorded when the plan was first
imported, so export → import gives back the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from .normalise import clean
from .readers import Sheet

MARKER = "Plan Tracker export"
ABOUT_SHEET = "About"
FINDINGS_SHEET = "Findings"
FINDINGS_HEADER = ["Ref", "Field", "Kind", "Message", "Original", "Source", "Found by"]
# After them since 2026-12: "2026-12-03: the reason" for a finding an editor dismissed.
DISMISSED_HEADER = "Dismissed"
# The most a spreadsheet cell holds: the Excel export cuts longer text there and says so with
# this note, by which an import knows the cell is not the whole text.
CELL_LIMIT = 32_767
CUT_NOTE = (
    " [cut: an Excel cell holds at most 32,767 characters;"
    " the csv and json downloads have the whole text]"
)


@dataclass
class About:
    title: str = ""
    organisation: str = ""
    period: str = ""
    exported: datetime | None = None  # when the export was made (UTC), if it says
    themes: list[str] = field(default_factory=list)
    objectives: list[tuple[str, str, bool]] = field(default_factory=list)
    periods: list[tuple[str, str]] = field(default_factory=list)
    findings: list[dict[str, str]] = field(default_factory=list)


def is_about(sheet: Sheet) -> bool:
    return bool(sheet.rows) and clean(sheet.rows[0].text(0)) == MARKER


def is_findings(sheet: Sheet) -> bool:
    return (
        sheet.name == FINDINGS_SHEET
        and bool(sheet.rows)
        and [clean(c.text) for c in sheet.rows[0].cells[: len(FINDINGS_HEADER)]] == FINDINGS_HEADER
    )


def _sections(sheet: Sheet) -> dict[str, list[list[str]]]:
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for row in sheet.rows[1:]:
        texts = [clean(c.text) for c in row.cells]
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            current = None
            continue
        if current is None:
            current = sections.setdefault(texts[0], [])
            if len(texts) > 1:  # a key/value line
                current.append(texts[1:])
                current = None
            continue
        current.append(texts)
    return sections


def exported_at(text: str) -> datetime | None:
    """The About sheet's "Exported" line (ISO 8601, UTC); None when missing or unreadable."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def read_about(about: Sheet | None, findings: Sheet | None) -> About | None:
    if about is None:
        return None
    s = _sections(about)
    result = About(
        title=(s.get("Title") or [[""]])[0][0],
        organisation=(s.get("Organisation") or [[""]])[0][0],
        period=(s.get("Period") or [[""]])[0][0],
        exported=exported_at((s.get("Exported") or [[""]])[0][0]),
    )
    for row in s.get("Themes", [])[1:]:
        result.themes.append(row[0])
    for row in s.get("Objectives", [])[1:]:
        code, text, defined = ([*row, "", "", ""])[:3]
        result.objectives.append((code, text, defined.lower() == "yes"))
    for row in s.get("Periods", [])[1:]:
        label, status = ([*row, "", ""])[:2]
        result.periods.append((label, status.lower() or "open"))
    if findings is not None:
        heads = [*FINDINGS_HEADER, DISMISSED_HEADER]
        has_dismissed = len(findings.rows[0].cells) > len(FINDINGS_HEADER) and (
            clean(findings.rows[0].cells[len(FINDINGS_HEADER)].text) == DISMISSED_HEADER
        )
        width = len(heads) if has_dismissed else len(FINDINGS_HEADER)
        for row in findings.rows[1:]:
            texts = [clean(c.text) for c in row.cells[:width]]
            texts += [""] * (len(heads) - len(texts))
            if any(texts):
                result.findings.append(dict(zip(heads, texts, strict=True)))
    return result
