"""A committee report is read by councillors: it never tells them to run an import or a
command, never shows the software's own identifiers, and never prints Markdown as typed.
Every format of the report is read back as text for a plan with KPIs, risks, a carbon
roadmap with a target it cannot check, withdrawn and stale actions, and formatted updates."""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from plantracker.carbon.models import CarbonTarget, Roadmap
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS
from plantracker.updates import services
from plantracker.updates.models import ReportingPeriod
from tests.conftest import People
from tests.web.test_permissions import build_world

# Words for the people who run the software, not for the committee it reports to.
OPERATOR_TERMS = [
    r"\bimport(s|ed|ing)?\b", r"\bcommand\b", r"inventory for that year", r"\bslug\b",
    r"\bsnapshot", r"\bupload", r"\bdatabase\b", r"\bmarkdown\b", r"\bjson\b", r"\bcsv\b",
    r"\bdjango\b", r"\btraceback\b", r"\bNone\b", r"\bnull\b", r"\bTrue\b", r"\bFalse\b",
    r"\bplantracker\b", r"\bmanage\.py\b", r"\bsettings\b", r"\badmin\b", r"\bthe worker\b",
    r"\{\{", r"\{%", r"\*\*", r"^\s*- ", r"\[[^\]]+\]\(",
]  # fmt: skip
FORMATTED = "**No funding** has been found yet.\n\n- Bid submitted\n- *Decision* due in May"


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
        if c.value is not None
    )  # fmt: skip


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def html_text(data: bytes) -> str:
    body = data.decode()
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", body))


READ = {"html": html_text, "pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}


@pytest.fixture
def report(people: People):  # type: ignore[no-untyped-def]
    world = build_world(people)
    plan = world.plan
    org = plan.organisation
    roadmap = Roadmap.objects.get(organisation=org, slug="t1")
    roadmap.workstreams.first().actions.add(plan.actions.get(ref="C13"))
    CarbonTarget.objects.create(organisation=org, name="Older baseline", reduction=Decimal(40),
                                year=2030, baseline_period="2016-17")  # fmt: skip
    period = ReportingPeriod.objects.get(plan=plan, slug="march-2024")
    action = plan.actions.get(ref="C1")
    update = services.update_write(
        action=action, period=period, user=people.admin,
        data=services.UpdateInput(narrative=FORMATTED, rag="Amber",
                                  rag_reason="**Funding** is *not* agreed"),
        version=0, submit=True,
    )  # fmt: skip
    services.update_review(update=update, user=people.admin, approve=True,
                           version=update.version)  # fmt: skip
    c2 = plan.actions.get(ref="C2")
    c2.withdrawn_on, c2.withdrawn_reason = date(2024, 2, 1), "Merged into C1"
    c2.save()
    return committee_report(plan, period)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", sorted(READ))
def test_no_operator_words_and_no_raw_markup(report, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = READ[fmt](RENDERERS[fmt](report))
    flat = " ".join(text.split())
    assert "No funding" in flat and "Bid submitted" in flat, fmt  # the update is there
    found = [
        (term, line.strip()[:80])
        for line in text.splitlines()
        for term in OPERATOR_TERMS
        if re.search(term, line, flags=re.I if term[1:3] != "bN" else 0)
    ]
    assert not found, (fmt, found[:10])


@pytest.mark.django_db
def test_the_target_without_a_baseline_is_explained_in_councillors_words(report) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(html_text(RENDERERS["html"](report)).split())
    assert "No emissions are recorded for 2016-17" in text
    assert "until the council's emissions for that year are recorded" in text


def test_the_term_list_catches_what_it_should() -> None:
    said = "Import the inventory for that year.\n- list\n**bold** {{ x }} None"
    hits = {t for t in OPERATOR_TERMS for line in said.splitlines() if re.search(t, line, re.I)}
    assert len(hits) >= 6
    assert zipfile  # the docx and xlsx readers above unzip real files
