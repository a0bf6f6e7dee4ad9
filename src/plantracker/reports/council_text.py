"""The parts of a committee report a council writes itself: agenda item, purpose,
recommendations, background, implications, consultation, background papers, the list of
appendices and the officers to contact.

Text is Markdown (bold, italics, lists, links), as in updates. Each renderer draws
`front` after the report's heading table, `back` after the progress sections and before
the appendix, then the contacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plantracker.updates.markdown import blocks
from plantracker.updates.report_text import contacts, merged

# key, heading, where it goes: "front" (before the figures) or "back" (after them).
SECTIONS: list[tuple[str, str, str]] = [
    ("purpose", "Purpose of the report", "front"),
    ("recommendations", "Recommendations", "front"),
    ("background", "Background", "front"),
    ("resources", "Resource and financial implications", "back"),
    ("legal", "Legal implications", "back"),
    ("equality", "Equality and human rights implications", "back"),
    ("environmental", "Environmental implications", "back"),
    ("risk", "Risk implications", "back"),
    ("consultation", "Consultation", "back"),
    ("background_papers", "Background papers", "back"),
    ("appendices", "List of appendices", "back"),
]
HEADINGS = {key: heading for key, heading, _ in SECTIONS}


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ReportSection:
    key: str
    heading: str
    text: str  # Markdown


@dataclass(frozen=True)
class CouncilText:
    agenda_item: str = ""
    front: list[ReportSection] = field(default_factory=list)
    back: list[ReportSection] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


ONE_PER_LINE = {"appendices", "background_papers"}


def one_per_line(text: str) -> str:
    """Each line its own paragraph (the hint says one per line), unless it is a list."""
    if any(b.kind in ("bullet", "number") for b in blocks(text)):
        return text
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def numbered(text: str) -> str:
    """Recommendations as a numbered list: kept as written when already numbered, else each
    line a recommendation (a line ending in ":" stays as the lead-in)."""
    if any(b.kind == "number" for b in blocks(text)):
        return text
    lead, items = [], []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if not items and line.endswith(":"):
            lead.append(line)
        else:
            items.append(line.lstrip("-*• ").strip())
    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    return "\n\n".join([*lead, listed]) if lead else listed


def _written(period: Any) -> dict[str, Any]:
    """A published period's text as frozen; an open or closed one's with the plan's
    defaults (periods published before reports had text of their own take the defaults)."""
    if period.status == "published" and period.report_text:
        return period.report_text  # type: ignore[no-any-return]
    return merged(period.plan.report_defaults, period.report_text)


def council_text(plan: Any, period: Any, since: Any, actions: int, themes: int) -> CouncilText:
    """The report's own text: what the council wrote, else the report's own wording."""
    written = _written(period)
    automatic = default_text(plan, period, since, actions, themes)
    said = {s.key: s.text for s in automatic.front}
    front, back = [], []
    for key, heading, where in SECTIONS:
        text = written.get(key) or said.get(key, "")
        if not text:
            continue
        if key == "recommendations":
            text = numbered(text)
        elif key in ONE_PER_LINE:
            text = one_per_line(text)
        (front if where == "front" else back).append(ReportSection(key, heading, text))
    people = [Contact(**c) for c in contacts(written)]
    return CouncilText(written.get("agenda_item", ""), front, back, people)


def default_text(plan: Any, period: Any, since: Any, actions: int, themes: int) -> CouncilText:
    """What a report says where the council has written nothing of its own."""
    changes = f", and of the changes since the last report ({since.label})" if since else ""
    purpose = (
        f"To inform the committee of progress with the delivery of the {plan.title} as "
        f"reported for {period.label}{changes}."
    )
    span = f" ({plan.period})" if plan.period and plan.period not in plan.title else ""
    in_themes = f" in {themes} theme{'s' if themes != 1 else ''}" if themes else ""
    background = (
        f"{plan.title}{span} has {actions} action{'s' if actions != 1 else ''}{in_themes}. "
        "Each action's owner reports its progress every reporting period: what has happened, "
        "its stage and a RAG rating."
    )
    if plan.description:
        background += f"\n\n{plan.description}"
    front = [
        ReportSection("purpose", HEADINGS["purpose"], purpose),
        ReportSection(
            "recommendations",
            HEADINGS["recommendations"],
            "1. That the committee notes the progress reported.",
        ),
        ReportSection("background", HEADINGS["background"], background),
    ]
    return CouncilText(front=front)
