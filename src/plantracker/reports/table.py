"""The action table in the council's layout, shared by the xlsx and csv exports.

Column headings are the ones the import reads back, so an export re-imports cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

FIXED = [
    ("Action ID", "ref"),
    ("Theme", "theme"),
    ("Objective", "objectives"),
    ("Action", "title"),
    ("Role", "role"),
    ("Scope", "scope"),
    ("Lead", "lead"),
    ("Who may be involved", "partners"),
    ("Timescales", "timescale"),
    ("Start", "start"),
    ("End", "end"),
    ("Cost", "cost"),
    ("Carbon Saving", "carbon"),
    ("Deliverability Score", "recorded_score"),
    ("Computed Score", "score"),
    ("Project Status", "stage"),
    ("RAG", "rag"),
    ("Owner", "owner"),
    ("Estimated tCO2e saved", "estimated_tco2e"),
    ("Measure of success", "success_measure"),
    ("Withdrawn", "withdrawn"),
]


def period_columns(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(heading, period label, key) for each period's columns.

    Every period gets "<label> Update". The latest period's stage and RAG are the
    Project Status and RAG columns; a period gets its own Stage / RAG columns only when its
    updates say something those columns do not. One pass over the updates."""
    labels = [p["label"] for p in data["periods"]]
    latest = labels[-1] if labels else None
    said: set[tuple[str, str]] = set()
    for a in data["actions"]:
        for u in a["updates"]:
            for key in ("stage", "rag"):
                if u[key] != (a[key] if u["period"] == latest else None):
                    said.add((u["period"], key))
    out = []
    for label in labels:
        out.append((f"{label} Update", label, "text"))
        out += [(f"{label} {heading}", label, key)
                for key, heading in (("stage", "Stage"), ("rag", "RAG"))
                if (label, key) in said]  # fmt: skip
    return out


def headings(data: dict[str, Any]) -> list[str]:
    return [h for h, _ in FIXED] + [h for h, _, _ in period_columns(data)]


def cell_value(action: dict[str, Any], key: str) -> Any:
    value = action[key]
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dict):  # withdrawn: "2026-11-30: the reason"
        return f"{value['on']}: {value['reason']}" if value["reason"] else value["on"]
    return value


def rows(data: dict[str, Any]) -> Iterator[list[Any]]:
    """One row per action, made as it is asked for."""
    periods = period_columns(data)
    for a in data["actions"]:
        by_period = {u["period"]: u for u in a["updates"]}
        row = [cell_value(a, key) for _, key in FIXED]
        for _, label, key in periods:
            u = by_period.get(label)
            row.append(u[key] if u else None)
        yield row
