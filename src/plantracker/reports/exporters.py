"""Plan exports: JSON, CSV and Excel. Each reads the plan in a fixed number of queries and
writes it in one pass, so the time grows with the plan's size and no faster; csv and json
also come as pieces for a streamed download."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date
from itertools import zip_longest
from typing import Any, Protocol

import rustpy_xlsxwriter as rx
from django.db.models import QuerySet
from django.utils import timezone

# The most a spreadsheet cell holds: longer text is cut there and says so (csv, json keep all).
from plantracker.imports.about import (
    ABOUT_SHEET,
    CELL_LIMIT,
    CUT_NOTE,
    DISMISSED_HEADER,
    FINDINGS_HEADER,
    FINDINGS_SHEET,
    MARKER,
)
from plantracker.plans.models import Action, Plan

from . import table
from .plan_data import plan_data, withdrawn
from .tabular import csv_stream, json_stream

RAG_FILL = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
FORMATS = ("xlsx", "csv", "json")


# Every exporter takes the plan and, optionally, the actions to export (the action list's
# filters); without them, all of the plan's.
Chosen = QuerySet[Action] | None


class Exporter(Protocol):
    def __call__(self, plan: Plan, actions: Chosen = None, /) -> bytes: ...


class Streamer(Protocol):
    def __call__(self, plan: Plan, actions: Chosen = None, /) -> Iterator[bytes]: ...


def stream_json(plan: Plan, actions: Chosen = None) -> Iterator[bytes]:
    """The plan is read now; the pieces are written as they are asked for."""
    return json_stream(plan_data(plan, actions))


def stream_csv(plan: Plan, actions: Chosen = None) -> Iterator[bytes]:
    data = plan_data(plan, actions)
    return csv_stream(table.headings(data), table.rows(data))


def export_json(plan: Plan, actions: Chosen = None) -> bytes:
    return b"".join(stream_json(plan, actions))


def export_csv(plan: Plan, actions: Chosen = None) -> bytes:
    return b"".join(stream_csv(plan, actions))


def _month_cell(value: str | None) -> date | None:
    if not value:
        return None
    year, month = value.split("-")
    return date(int(year), int(month), 1)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        return value[: CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE
    return value


def _fill_when(word: str, colour: str) -> dict[str, Any]:
    background = rx.Format().set_background_color(f"#{colour}")
    return {"type": "text", "criteria": "begins_with", "value": word, "format": background}


def _actions(book: rx.FastExcel, data: dict[str, Any]) -> None:
    heads = table.headings(data)
    widths = {"Action": 60, "Who may be involved": 30, "Lead": 20, "Objective": 14}
    dates = [heads.index("Start"), heads.index("End")]

    def records() -> Iterator[dict[str, Any]]:
        for values in table.rows(data):
            for c in dates:
                values[c] = _month_cell(values[c])
            yield {h: _cell(v) for h, v in zip(heads, values, strict=True)}

    about = " · ".join(x for x in (data["plan"]["organisation"], data["plan"]["period"]) if x)
    last = len(heads) - 1
    book.sheet(
        "Actions",
        records(),
        header_row=3,
        merge_ranges=[
            (0, 0, 0, last, _cell(data["plan"]["title"]), rx.Format().set_bold().set_font_size(14)),
            (1, 0, 1, last, about),
        ],
        header_format=rx.Format().set_bold().set_text_wrap().set_align("top"),
        column_widths=[widths.get(h, 40 if h.endswith("Update") else 12) for h in heads],
        column_formats={heads[c]: rx.Format().set_num_format("mmm-yy") for c in dates},
        conditional_formats={"RAG": [_fill_when(rag, colour) for rag, colour in RAG_FILL.items()]},
    )
    book.freeze(row=4, col=0, sheet="Actions")


def export_xlsx(plan: Plan, actions: Chosen = None) -> bytes:
    """Written by rust_xlsxwriter (through rustpy-xlsxwriter), row after row straight to the
    file: six to eight times as fast as XlsxWriter, so a plan of 10,000 actions is a download,
    not a wait. Text is always written as text, never as a formula; RAG cells are coloured by
    conditional formats, so the colour follows the word if someone edits the sheet."""
    data = plan_data(plan, actions)
    buf = io.BytesIO()
    book = rx.FastExcel(buf)
    _actions(book, data)
    _about(book, data)
    _findings(book, plan, actions)
    book.save()
    return buf.getvalue()


def _about(book: rx.FastExcel, data: dict[str, Any]) -> None:
    rows: list[list[Any]] = [
        [],
        ["Title", data["plan"]["title"]],
        ["Organisation", data["plan"]["organisation"]],
        ["Exported", timezone.now().replace(microsecond=0).astimezone(UTC).isoformat()],
        ["Period", data["plan"]["period"] or ""],  # no period: a line of its own, then a gap
        [],
        ["Themes"],
        ["Theme", "Position"],
        *([t["name"], t["position"]] for t in data["themes"]),
        [],
        ["Objectives"],
        ["Code", "Text", "Defined"],
        *([o["code"], o["text"], "yes" if o["defined"] else "no"] for o in data["objectives"]),
        [],
        ["Periods"],
        ["Period", "Status"],
        *([p["label"], p["status"]] for p in data["periods"]),
        [],
        ["Key"],
        ["RAG", "Green: on track to agreed timelines. Amber: some delivery off track, "
         "further work to complete. Red: significantly off track or may no longer "
         "be possible. Empty: not known."],
        ["Deliverability Score", "As recorded in the plan. Computed Score applies the "
         "plan's scoring rule; see the Findings sheet where they differ."],
    ]  # fmt: skip
    # The marker and the format are the sheet's first row; the third column has no heading.
    heads = [MARKER, data["format"], ""]
    book.sheet(
        ABOUT_SHEET,
        # Every record names every column: the library takes the columns from the first one.
        [dict(zip_longest(heads, map(_cell, values))) for values in rows],
        column_widths=[24, 80, 12],
        header_format=rx.Format().set_bold(),
    )


def _dismissed(at: Any, reason: str) -> str | None:
    """A dismissed finding's cell, written as the Withdrawn column is: "2026-12-03: reason"."""
    day = withdrawn(at and timezone.localdate(at), reason)
    return table.cell_value({"dismissed": day}, "dismissed") if day else None


def _findings(book: rx.FastExcel, plan: Plan, actions: Chosen) -> None:
    """Only when there are findings: a sheet of none would be a header over nothing."""
    found = plan.findings.order_by("origin", "id")
    if actions is not None:
        found = found.filter(ref__in=actions.values("ref"))
    rows = [
        {
            **dict(zip(FINDINGS_HEADER, map(_cell, values[:-1]), strict=True)),
            DISMISSED_HEADER: _cell(_dismissed(at, values[-1])),
        }
        for *values, at in found.values_list(
            "ref", "field", "kind", "message", "original", "source", "origin",
            "dismissed_reason", "dismissed_at",
        )
    ]  # fmt: skip
    if rows:
        book.sheet(
            FINDINGS_SHEET,
            rows,
            column_widths=[10, 14, 18, 80],
            header_format=rx.Format().set_bold(),
        )


EXPORTERS: dict[str, Exporter] = {
    "xlsx": export_xlsx,
    "csv": export_csv,
    "json": export_json,
}
STREAMS: dict[str, Streamer] = {"csv": stream_csv, "json": stream_json}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
