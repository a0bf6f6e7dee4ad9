"""One entry point for every format of the committee report, for the web and the CLI."""

from __future__ import annotations

from collections.abc import Callable

from .committee import CommitteeReport
from .committee_docx import render_docx
from .committee_html import render_html, render_pdf
from .council_xlsx import render_xlsx

RENDERERS: dict[str, Callable[[CommitteeReport], bytes]] = {
    "html": lambda r: render_html(r).encode("utf-8"),
    "pdf": render_pdf,
    "docx": render_docx,
    "xlsx": render_xlsx,
}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filename(report: CommitteeReport, fmt: str) -> str:
    return f"{report.plan.slug}-{report.period.slug}-report.{fmt}"
