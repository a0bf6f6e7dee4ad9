"""The committee report as a council sends it: its own text sections (per period, with the
plan's defaults, frozen at publication), each update labelled with the period it was
written in, actions past their end listed as overdue, and no operator's words."""

from __future__ import annotations

import io
import re
from datetime import date

import pdfplumber
import pytest

from plantracker.plans.models import Plan
from plantracker.reports import council_text
from plantracker.reports.committee import committee_report, is_overdue, reference_month
from plantracker.reports.committee_formats import RENDERERS
from plantracker.updates import report_text, services
from plantracker.updates.changes import effective_end
from plantracker.updates.markdown import blocks, plain
from plantracker.updates.models import ReportingPeriod
from plantracker.updates.snapshots import build
from tests.conftest import People
from tests.cycle import c13_update, march, publish

TEXT = {
    "agenda_item": "Item 7",
    "purpose": "To report progress on **net zero** for the quarter.",
    "recommendations": "That the committee notes the progress\nThat officers report again in June",
    "background": "Agreed by Cabinet in 2023.",
    "resources": "No extra money is needed.",
    "legal": "None arising from this report.",
    "equality": "A screening assessment found no full assessment was needed.",
    "environmental": "The plan cuts the council's emissions.",
    "risk": "Delivery depends on grant funding.",
    "consultation": "Environment and Transport Overview and Scrutiny Committee, 5 March 2024.",
    "background_papers": "- [Net Zero Action Plan](https://example.org/plan)",
    "appendices": "Appendix A – Action tracker",
    "contacts": [
        {
            "name": "Sam Officer",
            "role": "Climate Change Manager",
            "phone": "0116 000 0000",
            "email": "sam.officer@example.org",
        },
    ],
}


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def html_text(report) -> str:  # type: ignore[no-untyped-def]
    html = RENDERERS["html"](report).decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the text, as data --------------------------------------------------------------------


def test_section_keys_and_headings_agree() -> None:
    assert [k for k, _, _ in council_text.SECTIONS] == report_text.SECTION_KEYS


def test_recommendations_are_numbered_one_per_line() -> None:
    text = council_text.numbered("That the Committee:\nnotes the report\n- asks for more")
    assert [b.kind for b in blocks(text)] == ["paragraph", "number", "number"]
    assert plain(text).splitlines() == ["That the Committee:", "1. notes the report",
                                        "2. asks for more"]  # fmt: skip
    already = "1. One\n2. Two"
    assert council_text.numbered(already) == already


def test_merged_takes_the_periods_text_then_the_plans() -> None:
    defaults = {"legal": "Plan legal", "purpose": "Plan purpose",
                "contacts": [{"name": "Plan Officer"}]}  # fmt: skip
    text = {"purpose": "Period purpose", "agenda_item": "Item 3"}
    out = report_text.merged(defaults, text)
    assert out["purpose"] == "Period purpose"
    assert out["legal"] == "Plan legal"
    assert out["agenda_item"] == "Item 3"
    assert out["contacts"] == [{"name": "Plan Officer", "role": "", "phone": "", "email": ""}]


def test_cleaned_drops_blank_contacts_and_trims() -> None:
    kept = report_text.cleaned(
        {"purpose": "  Why  ", "legal": " ", "contacts": [{"name": " "}, {"name": "A", "x": 1}]},
        period=False,
    )
    assert kept == {"purpose": "Why",
                    "contacts": [{"name": "A", "role": "", "phone": "", "email": ""}]}  # fmt: skip


# --- the report ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_sections_in_order_with_the_text_entered_in_html_and_pdf(people: People) -> None:
    period = march(people)
    period = services.period_report_save(period=period, user=people.editor, text=TEXT,
                                         meeting="Scrutiny Commission")  # fmt: skip
    report = committee_report(people.plan, period)
    headings = [s.heading for s in report.text.front + report.text.back]
    assert headings == [h for _, h, _ in council_text.SECTIONS]
    text = html_text(report)
    pdf = pdf_text(RENDERERS["pdf"](report))
    for rendered in (text, " ".join(pdf.split())):
        found = [rendered.find(h) for h in headings]
        assert all(i >= 0 for i in found), list(zip(headings, found, strict=True))
        assert found == sorted(found)
        assert "To report progress on net zero for the quarter." in rendered
        assert "1. That the committee notes the progress" in rendered or (
            "That the committee notes the progress" in rendered
        )
        assert "Sam Officer" in rendered and "sam.officer@example.org" in rendered
        assert "Item 7" in rendered
        assert "**" not in rendered
    # Sections come before the figures (front) and after them (back).
    assert text.find("Background") < text.find("Summary of progress") < text.find(
        "Legal implications") < text.find("Appendix: all actions")  # fmt: skip


@pytest.mark.django_db
def test_plan_defaults_fill_what_the_period_leaves_empty(people: People) -> None:
    services.plan_report_defaults_save(
        plan=people.plan, user=people.editor, text={"legal": "Standing legal text."}
    )
    period = march(people)
    period = services.period_report_save(period=period, user=people.editor, text={"legal": ""})
    report = committee_report(Plan.objects.get(pk=people.plan.pk), period)
    assert [s.text for s in report.text.back if s.key == "legal"] == ["Standing legal text."]
    # Nobody wrote a purpose: the report says its own.
    purpose = next(s.text for s in report.text.front if s.key == "purpose")
    assert "March 2024" in purpose


@pytest.mark.django_db
def test_published_text_is_frozen(people: People) -> None:
    services.plan_report_defaults_save(plan=people.plan, user=people.editor,
                                       text={"legal": "Legal as published."})  # fmt: skip
    period = march(people)
    period = services.period_report_save(period=period, user=people.editor, text=TEXT)
    publish(people, period)
    services.plan_report_defaults_save(plan=people.plan, user=people.editor,
                                       text={"legal": "Changed later.", "risk": "New"})  # fmt: skip
    period.refresh_from_db()
    report = committee_report(Plan.objects.get(pk=people.plan.pk), period)
    back = {s.key: s.text for s in report.text.back}
    assert back["legal"] == TEXT["legal"]
    assert back["risk"] == TEXT["risk"]
    with pytest.raises(services.NotAllowed, match="published"):
        services.period_report_save(period=period, user=people.editor, text={"purpose": "x"})


@pytest.mark.django_db
def test_defaults_frozen_into_a_published_period(people: People) -> None:
    services.plan_report_defaults_save(plan=people.plan, user=people.editor,
                                       text={"risk": "Risk at publication."})  # fmt: skip
    period = march(people)
    publish(people, period)
    services.plan_report_defaults_save(plan=people.plan, user=people.editor,
                                       text={"risk": "Risk later."})  # fmt: skip
    period.refresh_from_db()
    assert period.report_text["risk"] == "Risk at publication."
    report = committee_report(Plan.objects.get(pk=people.plan.pk), period)
    assert {s.key: s.text for s in report.text.back}["risk"] == "Risk at publication."


@pytest.mark.django_db
def test_contributor_cannot_write_the_report(people: People) -> None:
    period = march(people)
    with pytest.raises(services.NotAllowed):
        services.period_report_save(period=period, user=people.contributor, text=TEXT)
    with pytest.raises(services.NotAllowed):
        services.plan_report_defaults_save(plan=people.plan, user=people.contributor, text=TEXT)


@pytest.mark.django_db
def test_update_without_this_periods_text_is_labelled_in_html_and_pdf(people: People) -> None:
    period = march(people)
    update = c13_update(people, period)
    services.update_review(update=update, user=people.approver, approve=True,
                           version=update.version)  # fmt: skip
    publish(people, period)
    period.refresh_from_db()
    report = committee_report(people.plan, period)
    data = build(people.plan, period)
    stale = [a for a in data["actions"] if a.get("narrative_period") != "March 2024"]
    assert stale and len(report.no_update) == len(stale)
    assert "C13" not in {a["ref"] for a in stale}
    said = {a["ref"]: report.update_label(a) for a in report.actions}
    assert said["C13"] == ""
    for a in stale:
        when = a["narrative_period"]
        assert said[a["ref"]] == (f"No update this period — last reported {when}" if when
                                  else "No update has been given for this action")  # fmt: skip
    text = html_text(report)
    pdf = " ".join(pdf_text(RENDERERS["pdf"](report)).split())
    for rendered in (text, pdf):
        assert rendered.count("No update this period — last reported December 2023") == len(
            [a for a in stale if a["narrative_period"] == "December 2023"]
        ) + sum(1 for a in report.exceptions if a in stale)
        assert f"{len(stale)} of the {len(report.counted)} actions in the plan have no update"\
            in rendered  # fmt: skip


@pytest.mark.django_db
def test_actions_past_their_end_are_overdue(action_plan: Plan) -> None:
    period = ReportingPeriod.objects.create(
        plan=action_plan, label="March 2024", slug="march-2024", due=date(2024, 3, 15)
    )
    report = committee_report(action_plan, period)
    expected = sorted(
        a.ref for a in action_plan.actions.all()
        if a.withdrawn_on is None and (a.revised_end or a.end)
        and (a.revised_end or a.end) < date(2024, 3, 1) and a.stage != "Completed"
    )  # fmt: skip
    assert expected, "the action plan has actions ending before March 2024"
    assert sorted(a["ref"] for a in report.overdue) == expected
    text = html_text(report)
    assert "Actions past their end date" in text
    section = text[text.find("Actions past their end date") : text.find("KPIs off track")]
    for ref in expected:
        assert f" {ref} " in section


def test_overdue_rule_uses_the_revised_end_and_ignores_completed() -> None:
    assert is_overdue({"end": "2022-01", "stage": "Delivery"}, "2024-03")
    assert not is_overdue({"end": "2022-01", "revised_end": "2025-01"}, "2024-03")
    assert is_overdue({"end": "2025-01", "revised_end": "2023-06"}, "2024-03")
    assert not is_overdue({"end": "2022-01", "stage": "Completed"}, "2024-03")
    assert not is_overdue({"end": "2024-03"}, "2024-03")
    assert not is_overdue({"end": None}, "2024-03")
    assert effective_end({"end": "2022-01", "revised_end": "2023-01"}) == "2023-01"
    period = ReportingPeriod(label="x", due=date(2024, 3, 15))
    assert reference_month(period, date(2026, 1, 1)) == "2024-03"
    assert reference_month(ReportingPeriod(label="x"), date(2026, 1, 9)) == "2026-01"


def test_appendices_and_papers_one_per_line_unless_a_list() -> None:
    text = council_text.one_per_line("Appendix A – Tracker\nAppendix B – Changes")
    assert [b.text for b in blocks(text)] == ["Appendix A – Tracker", "Appendix B – Changes"]
    listed = "- [Plan](https://example.org)\n- Report"
    assert council_text.one_per_line(listed) == listed


@pytest.mark.django_db
def test_stage_and_rag_words_are_never_split_in_the_pdf_appendix(people: People) -> None:
    period = march(people)
    update = c13_update(people, period)
    services.update_review(update=update, user=people.approver, approve=True,
                           version=update.version)  # fmt: skip
    report = committee_report(people.plan, period)
    with pdfplumber.open(io.BytesIO(RENDERERS["pdf"](report))) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    assert "Discovery" in words and "Delivery" in words
    split = {"Discover", "Discove", "Delive", "Ambe", "Gree"}  # ("Deliver" is a word)
    assert not words & split, sorted(words & split)


@pytest.mark.django_db
def test_word_report_is_a4_even_from_a_letter_template(people: People, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile
    from docx import Document
    from docx.shared import Cm, Inches

    template = Document()
    template.sections[0].page_width, template.sections[0].page_height = Inches(8.5), Inches(11)
    buffer = io.BytesIO()
    template.save(buffer)
    org = people.plan.organisation
    org.word_template.save("letter.docx", ContentFile(buffer.getvalue()), save=True)
    period = march(people)
    doc = Document(io.BytesIO(RENDERERS["docx"](committee_report(people.plan, period))))
    assert abs(doc.sections[0].page_width - Cm(21)) < Cm(0.01)
    assert abs(doc.sections[0].page_height - Cm(29.7)) < Cm(0.01)
