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


def test_changes_to_markdown_marked_without_the_markup() -> None:
    from plantracker.updates.diff import word_diff
    from plantracker.updates.markdown import plain_diff

    old = "The scheme **will conclude** in 2024.\n\n- one round left"
    new = "The scheme **concluded** in 2024.\n\n- no rounds left"
    segments = plain_diff(word_diff(old, new))
    assert "".join(t for op, t in segments if op != "insert") == (
        "The scheme will conclude in 2024.\n• one round left"
    )
    assert "".join(t for op, t in segments if op != "delete") == (
        "The scheme concluded in 2024.\n• no rounds left"
    )
    assert ("delete", "will conclude") in segments or any(
        op == "delete" and "will" in t for op, t in segments
    )
    plain = word_diff("Old words here", "New words here")
    assert plain_diff(plain) == plain  # plain text: the diff as it was made


def test_quick_marked_runs_match_python_docx() -> None:
    from docx.enum.text import WD_UNDERLINE

    from plantracker.reports.docx_runs import RED, diff_runs

    doc = Document()
    segments = [
        ("equal", "Kept "),
        ("delete", " gone "),
        ("insert", "new"),
        ("insert", "two\nlines"),
    ]
    ours, theirs = doc.add_paragraph(), doc.add_paragraph()
    diff_runs(ours, segments)
    for op, text in segments:
        run = theirs.add_run(text)
        if op == "insert":
            run.font.color.rgb = RED
            run.font.underline = WD_UNDERLINE.SINGLE
        elif op == "delete":
            run.font.strike = True
    assert ours._p.xml == theirs._p.xml


def test_quick_styled_runs_match_python_docx() -> None:
    from plantracker.reports.docx_runs import CODE_FONT, styled_run

    doc = Document()
    for bold, italic, code in ((True, False, False), (False, True, True), (True, True, False)):
        for text in ("word", " spaced ", "a\nbreak"):
            ours, theirs = doc.add_paragraph(), doc.add_paragraph()
            styled_run(ours, text, bold, italic, code)
            run = theirs.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            if code:
                run.font.name = CODE_FONT
            assert ours._p.xml == theirs._p.xml, (text, bold, italic, code)
