"""Markdown as Excel rich text (pure functions, no database)."""

import pytest
from openpyxl.cell.rich_text import CellRichText

from plantracker.reports.xlsx_text import RED, diff_rich, markdown_rich
from plantracker.updates.diff import word_diff


def runs(value: object) -> list[tuple[str, bool, bool, str]]:
    assert isinstance(value, CellRichText), value
    out = []
    for p in value:
        op = "delete" if p.font.strike else "insert" if p.font.color else "equal"
        if p.font.color:
            assert p.font.color.rgb == RED
        out.append((p.text, bool(p.font.b), bool(p.font.i), op))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain words.", "Plain words."),
        ("- one\n- two", "• one\n• two"),
        ("1. one\n2. two", "1. one\n2. two"),
        ("- one\n  - inner", "• one\n  • inner"),
        ("See [the plan](https://example.org/p).", "See the plan (https://example.org/p)."),
        ("Mail <mailto:a@example.org>", "Mail mailto:a@example.org"),
        ("Para one.\n\nPara two.", "Para one.\nPara two."),
    ],
)
def test_plain_text_cells(text: str, expected: str) -> None:
    value = markdown_rich(text)
    got = value if isinstance(value, str) else "".join(p.text for p in value)
    assert got == expected


def test_bold_and_italic_runs() -> None:
    assert runs(markdown_rich("A **bold** and *italic* word")) == [
        ("A ", False, False, "equal"),
        ("bold", True, False, "equal"),
        (" and ", False, False, "equal"),
        ("italic", False, True, "equal"),
        (" word", False, False, "equal"),
    ]


def test_nothing_written_is_an_empty_cell() -> None:
    assert markdown_rich("") is None and markdown_rich(None) is None


def test_diff_read_without_markup_keeps_emphasis() -> None:
    segments = word_diff("Work **will start** soon.", "Work **started** in *May*.")
    found = runs(diff_rich(segments))
    text = "".join(t for t, *_ in found)
    assert "**" not in text
    assert "".join(t for t, _, _, op in found if op != "insert") == "Work will start soon."
    assert "".join(t for t, _, _, op in found if op != "delete") == "Work started in May."
    assert ("started", True, False, "insert") in found
    assert any(t.startswith("will start") and b and op == "delete" for t, b, _, op in found)
    assert any("May" in t and i and op == "insert" for t, _, i, op in found)
