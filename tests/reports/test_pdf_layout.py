"""The committee PDF read back with pdfplumber: the appendix's columns never overlap, the
last page never holds a lone line, officers' Markdown is drawn (never printed raw)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pdfplumber
import pytest

from plantracker.reports.committee import CommitteeReport, committee_report
from plantracker.reports.committee_html import render_pdf
from tests.conftest import People
from tests.cycle import march_published

LONG_REFS = ["EN-10.12a", "ENV-2024/117b", "CLIMATE-ADAPT-0001", "WWWWWWWWWWWWW"]
LONG_WORD = "Decarbonisationofthecouncilsentireheatingestatebeforetwentythirty"


@pytest.fixture
def report(people: People) -> CommitteeReport:
    return committee_report(people.plan, march_published(people))


def with_actions(report: CommitteeReport, actions: list[dict[str, Any]]) -> CommitteeReport:
    return replace(report, data={**report.data, "actions": actions})


def pdf_chars(data: bytes) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages):
            yield n, [c for c in page.chars if c["text"].strip()]


def find(chars: list[dict[str, Any]], text: str) -> list[dict[str, Any]] | None:
    """The drawn characters spelling `text` (spaces and line breaks aside), in drawing order."""
    want = "".join(text.split())
    spelt = [(letter, c) for c in chars for letter in c["text"]]  # a ligature spells two
    at = "".join(letter for letter, _ in spelt).find(want)
    if at < 0:
        return None
    return list({id(c): c for _, c in spelt[at : at + len(want)]}.values())


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["x0"] < b["x1"]
        and b["x0"] < a["x1"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.django_db
def test_appendix_reference_never_runs_into_the_action(report: CommitteeReport) -> None:
    actions = [dict(a) for a in report.actions[: len(LONG_REFS) * 2]]
    for i, a in enumerate(actions):
        a["ref"] = LONG_REFS[i % len(LONG_REFS)] + ("" if i < len(LONG_REFS) else "x")
        if i % 2:
            a["title"] = f"{LONG_WORD} {a['title']}"
    data = render_pdf(with_actions(report, actions))
    pages = list(pdf_chars(data))
    start = next(n for n, chars in pages if find(chars, "Appendix: all actions"))
    checked = 0
    for a in actions:
        for _, chars in pages[start:]:
            ref = find(chars, a["ref"] + a["title"])
            if ref is None:
                continue
            ref_chars, title_chars = ref[: len(a["ref"])], ref[len(a["ref"]) :]
            assert "".join(c["text"] for c in ref_chars) == a["ref"]  # no ligature in refs
            assert not [
                (r["text"], t["text"]) for r in ref_chars for t in title_chars if overlaps(r, t)
            ]
            assert max(c["x1"] for c in ref_chars) <= min(c["x0"] for c in title_chars)
            checked += 1
            break
    assert checked == len(actions)


BOTTOM = 2 * 28.3465  # the page's bottom margin, 2 cm, in points


def with_steps(report: CommitteeReport, copies: int, n: int) -> bytes:
    """The report with `copies` more actions at the end of the appendix (copies of its last
    one), the last grown by a list of `n` one-line steps: each step makes the last row one
    line taller, so the closing line moves down a line at a time."""
    actions = [dict(a) for a in report.actions]
    last = actions[-1]
    actions += [{**last, "ref": f"Z{i}"} for i in range(1, copies + 1)]
    steps = "\n".join(f"- Step {i} agreed" for i in range(1, n + 1))
    actions[-1] = {**actions[-1], "narrative": f"{last.get('narrative') or ''}\n\n{steps}"}
    return render_pdf(with_actions(report, actions))


def body_lines(page: Any) -> set[int]:
    """The lines of the report on a page, its page number in the margin aside."""
    tops = {round(c["top"]) for c in page.chars if c["text"].strip()}
    return {top for top in tops if top < page.height - BOTTOM}


def closing(data: bytes) -> tuple[int, float]:
    """The page count and how far down its page the closing line ends."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = pdf.pages[-1]
        footer = find([c for c in last.chars if c["text"].strip()], "Produced with Plan Tracker")
        assert footer is not None
        return len(pdf.pages), max(c["bottom"] for c in footer)


@pytest.mark.django_db
def test_last_page_holds_more_than_one_line(report: CommitteeReport) -> None:
    """Reports of a few sizes: actions added until the last page is nearly full, then the
    last row grown a line at a time until the closing line no longer fits after it. The
    last page always has more than one line of the report (the last action goes over with
    the closing line)."""
    pages, bottom = closing(with_steps(report, 0, 1))
    pages_1, bottom_1 = closing(with_steps(report, 1, 1))
    assert pages_1 == pages  # room for one more action
    height = bottom_1 - bottom  # of one action's rows
    with pdfplumber.open(io.BytesIO(with_steps(report, 0, 1))) as pdf:
        room = pdf.pages[-1].height - BOTTOM - bottom
    copies = max(0, int((room - 30) // height))
    sizes: list[int] = []
    n = 1
    while len(sizes) < 4 and n < 40:
        with pdfplumber.open(io.BytesIO(with_steps(report, copies, n))) as pdf:
            text = pdf.pages[-1].extract_text()
            assert len(body_lines(pdf.pages[-1])) > 1, (copies, n, text)
            if len(pdf.pages) > pages or sizes:  # the sizes either side of a new page
                sizes.append(n)
        n += 1
    assert len(sizes) == 4  # the closing line did reach a new page


@pytest.mark.django_db
def test_officers_markdown_is_drawn_not_printed(report: CommitteeReport) -> None:
    reason = "**No funding** for _this year_:\n\n- the grant closed\n- no rounds left"
    narrative = "We **met** the _board_.\n\n- first step done\n- second step *planned*"
    exceptions = [{**report.exceptions[0], "rag_reason": reason, "narrative": narrative}]
    actions = [
        {**a, "narrative": narrative} if a["ref"] == exceptions[0]["ref"] else a
        for a in report.actions
    ]
    assert report.changes is not None
    (changed,) = report.changes.changed  # C13: its update's changes marked in the appendix
    changed.narrative_diff = [
        ("equal", "The **scheme** "),
        ("delete", "will _close_."),
        ("insert", "closed:\n\n- no rounds\n- [see the decision](https://example.org)"),
    ]
    data = render_pdf(replace(with_actions(report, actions), exceptions=exceptions))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "No funding" in text and "the grant closed" in text and "first step done" in text
    assert "The scheme will close." in text and "no rounds" in text and "see the decision" in text
    assert "](" not in text
    assert "**" not in text
    assert "_this year_" not in text and "_board_" not in text and "*planned*" not in text
    assert not [line for line in text.splitlines() if line.lstrip().startswith("- ")]
