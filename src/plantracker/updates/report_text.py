"""The committee report's own text — agenda item, purpose, recommendations, background,
implications, consultation, background papers, appendices and the officers to contact —
as kept on a plan (its defaults) and on a period (what it says this time).

Stored as plain dicts in JSON fields. A period's empty entry falls back to the plan's, and
the plan's to the wording the report writes itself. Publishing a period fills in the
plan's defaults, so the published report never changes when the defaults do later."""

from __future__ import annotations

from typing import Any

# The sections a council writes, in the order a report prints them.
SECTION_KEYS = [
    "purpose",
    "recommendations",
    "background",
    "resources",
    "legal",
    "equality",
    "environmental",
    "risk",
    "consultation",
    "background_papers",
    "appendices",
]
CONTACT_FIELDS = ("name", "role", "phone", "email")
MAX_CONTACTS = 6
MAX_SECTION = 20_000


def contacts(text: dict[str, Any]) -> list[dict[str, str]]:
    """The officers to contact in `text`, each with every field, blank ones dropped."""
    out = []
    for c in text.get("contacts") or []:
        row = {f: str(c.get(f) or "").strip() for f in CONTACT_FIELDS}
        if any(row.values()):
            out.append(row)
    return out


def cleaned(values: dict[str, Any], *, period: bool) -> dict[str, Any]:
    """What is kept from a form's values: each section's text with its ends trimmed, the
    agenda item for a period, and the contacts with something in them."""
    out: dict[str, Any] = {k: str(values.get(k) or "").strip() for k in SECTION_KEYS}
    if period:
        out["agenda_item"] = str(values.get("agenda_item") or "").strip()
    out["contacts"] = contacts(values)
    return {k: v for k, v in out.items() if v}


def merged(defaults: dict[str, Any], text: dict[str, Any]) -> dict[str, Any]:
    """The period's text with the plan's defaults where the period has nothing."""
    out = {k: text.get(k) or defaults.get(k) or "" for k in SECTION_KEYS}
    out["agenda_item"] = text.get("agenda_item") or ""
    out["contacts"] = contacts(text) or contacts(defaults)
    return {k: v for k, v in out.items() if v}
