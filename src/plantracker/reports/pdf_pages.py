"""A faster way for WeasyPrint to find a page's reference while it writes a tagged PDF.

pydyf (0.13, used by WeasyPrint 70) rebuilds the tuple of every page's reference each time
`PDF.page_references` is read, and WeasyPrint's tagging reads it once per tagged element:
the cost grows with pages × elements. For a 300-action committee report (≈ 200 pages,
≈ 40,000 tagged elements) that was a quarter of the time spent writing the file. The tuple
is kept here and rebuilt only when a page has been added, which is the only way pydyf's
list of pages changes. The references written are the same (tests/reports/test_pdf_pages.py).
"""

from __future__ import annotations

from typing import Any

import pydyf

_ORIGINAL = pydyf.PDF.page_references


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    kept = pdf.__dict__.get("_plantracker_page_references")
    if kept is None or kept[0] != len(kids):
        kept = (len(kids), _ORIGINAL.fget(pdf))
        pdf.__dict__["_plantracker_page_references"] = kept
    return kept[1]  # type: ignore[no-any-return]


def install() -> None:
    """Use the kept tuple. Safe to call more than once."""
    if isinstance(_ORIGINAL, property):
        pydyf.PDF.page_references = property(_page_references)  # type: ignore[method-assign,assignment]
