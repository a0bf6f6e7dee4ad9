"""The kept page references give what pydyf itself gives, as pages are added."""

import pydyf
import pytest

from plantracker.reports import pdf_pages


@pytest.fixture
def patched():
    pdf_pages.install()
    yield
    pydyf.PDF.page_references = pdf_pages._ORIGINAL


def test_same_references_as_pydyf_while_pages_are_added(patched) -> None:
    pdf = pydyf.PDF()
    for n in range(5):
        assert pdf.page_references == pdf_pages._ORIGINAL.fget(pdf)
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_page(page)
        assert pdf.page_references[-1] == f"{page.number} 0 R".encode("ascii")
        assert len(pdf.page_references) == n + 1
    first = pdf.page_references
    assert pdf.page_references is first  # kept, not rebuilt, while no page is added


def test_tagged_pdf_is_the_same_byte_for_byte(patched, monkeypatch) -> None:
    from weasyprint import HTML

    # fontTools stamps each embedded font subset's `head` table with the time it was written,
    # to the second: two writes either side of a second's turn differed only there. Its clock
    # is SOURCE_DATE_EPOCH when that is set (the reproducible-builds convention), so every
    # other byte is still compared.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    html = "<h1>One</h1><p>Text</p>" + "".join(
        f"<h2 style='break-before: page'>Page {n}</h2><table><tr><th>A</th><td>{n}</td></tr>"
        "</table>"
        for n in range(2, 6)
    )
    document = HTML(string=html).render(pdf_tags=True)
    kept = document.write_pdf(pdf_tags=True)
    pydyf.PDF.page_references = pdf_pages._ORIGINAL
    rebuilt = document.write_pdf(pdf_tags=True)
    assert len(document.pages) == 5
    assert kept == rebuilt
