"""Chart labels are never cut short: every theme's name is whole in the chart's SVG text (as
drawn for documents and as the web's spec draws it), and inside the image in the PDF."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pdfplumber
import pytest
import vl_convert

from plantracker.reports import chart_images, charts

THEME_SETS = {
    # "Enabling Action" the longest name: the one that was cut at the image's left edge.
    "short": ["Buildings", "Enabling Action", "Transport", "Waste"],
    # one longer than the old limit of 260 pixels, which cut it short with an ellipsis.
    "long": [
        "Enabling Action",
        "Buildings",
        "Communities, partnerships and the council's own estate in every district",
    ],
}
CASES = [(which, themes) for which in ("rag", "stage") for themes in THEME_SETS]


def spec(which: str, themes: str) -> dict[str, Any]:
    key, domain, chart = {
        "rag": ("rag", charts.RAGS, charts.rag_by_theme),
        "stage": ("stage", charts.STAGES, charts.stage_by_theme),
    }[which]
    rows = [
        {"theme": t, key: v, f"{key}_order": i, "count": 1 + i}
        for t in THEME_SETS[themes]
        for i, v in enumerate(domain[:2])
    ]
    return chart(rows)


def svg_texts(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize(("which", "themes"), CASES)
def test_document_chart_has_every_theme_whole(which: str, themes: str) -> None:
    texts = svg_texts(chart_images.svg(spec(which, themes)))
    for theme in THEME_SETS[themes]:
        assert theme in texts
    assert not [t for t in texts if t.endswith("…")]


@pytest.mark.parametrize(("which", "themes"), CASES)
def test_web_chart_has_every_theme_whole(which: str, themes: str) -> None:
    """The web's spec as vega-embed draws it in a narrow container (here 300 pixels)."""
    web = {**spec(which, themes), "width": 300}
    texts = svg_texts(vl_convert.vegalite_to_svg(vl_spec=web))
    for theme in THEME_SETS[themes]:
        assert theme in texts
    assert not [t for t in texts if t.endswith("…")]


@pytest.mark.parametrize(("which", "themes"), CASES)
def test_pdf_chart_labels_lie_inside_the_image(which: str, themes: str) -> None:
    """WeasyPrint draws the SVG's text with its own fonts and clips it to the image: each
    label's characters are drawn, within the image's box."""
    from weasyprint import HTML

    uri = chart_images.svg_data_uri(spec(which, themes))
    page = (
        '<html lang="en-GB"><body style="margin:0">'
        f'<img style="max-width:100%" src="{uri}" alt="">'
        "</body></html>"
    )
    data = HTML(string=page).write_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (p,) = pdf.pages
        chars = [c for c in p.chars if c["text"].strip()]
        spelt = "".join(c["text"] for c in chars)
        # The image's box: the chart's background rectangle is its first drawn rectangle.
        box = max(p.rects, key=lambda r: r["width"] * r["height"])
        for theme in THEME_SETS[themes]:
            want = "".join(theme.split())
            at = spelt.find(want)
            assert at >= 0, theme
            drawn = chars[at : at + len(want)]
            assert min(c["x0"] for c in drawn) >= box["x0"] - 0.5, theme
            assert max(c["x1"] for c in drawn) <= box["x1"] + 0.5, theme
