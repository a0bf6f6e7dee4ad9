"""The quick run-adding path writes the same XML as python-docx's own."""

from docx import Document

from plantracker.reports.committee_docx import add_run


def test_quick_runs_match_python_docx() -> None:
    doc = Document()
    for text in ("Plain words", " spaced at the ends ", "Two\nlines", "A\ttab", ""):
        ours, theirs = doc.add_paragraph(), doc.add_paragraph()
        add_run(ours, text)
        theirs.add_run(text)
        assert ours._p.xml == theirs._p.xml, text
        assert ours.text == text
