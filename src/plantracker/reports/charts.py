"""Chart specs (Vega-Lite, built with altair). Every chart is shown beside a data table.

The same spec is drawn by vega-embed on the web and by vl-convert in PDF and Word."""

from __future__ import annotations

from collections import Counter
from typing import Any

import altair as alt

from plantracker.plans.vocab import RAG, Stage

NOT_KNOWN = "Not known"
STAGE_COLOURS = ["#5694ca", "#912b88", "#f47738", "#00703c", "#b1b4b6"]  # GOV.UK palette
RAG_COLOURS = ["#d4351c", "#ffdd00", "#00703c", "#b1b4b6"]
STAGES = [*Stage.values, NOT_KNOWN]
RAGS = ["Red", "Amber", "Green", NOT_KNOWN]
assert set(RAGS[:3]) == set(RAG.values)


def _by_theme(
    rows: list[dict[str, Any]], key: str, title: str, domain: list[str], colours: list[str]
) -> dict[str, Any]:
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            # labelLimit 0: a theme's name is never cut short, however long.
            y=alt.Y("theme:N", title=None, sort=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("count:Q", title="Actions", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                f"{key}:N",
                title=title,
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order(f"{key}_order:Q"),
            tooltip=["theme:N", f"{key}:N", "count:Q"],
        )
        .properties(width="container", height=alt.Step(24))
    )
    return chart.to_dict()


def stage_by_theme(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars: actions per theme, split by stage. rows: {theme, stage, count}."""
    return _by_theme(rows, "stage", "Stage", STAGES, STAGE_COLOURS)


def rag_by_theme(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars: actions per theme, split by RAG. rows: {theme, rag, count}."""
    return _by_theme(rows, "rag", "RAG", RAGS, RAG_COLOURS)


def count_by_theme(
    actions: list[dict[str, Any]], themes: list[str], key: str, domain: list[str]
) -> list[dict[str, Any]]:
    """Rows for the charts above from snapshot actions: {theme, <key>, <key>_order, count}."""
    counts = Counter((a.get("theme"), a.get(key) or NOT_KNOWN) for a in actions)
    rows = []
    for theme in [*themes, None]:
        for order, value in enumerate(domain):
            n = counts.get((theme, value), 0)
            if n:
                rows.append(
                    {"theme": theme or "No theme", key: value, f"{key}_order": order, "count": n}
                )
    return rows


# The font a document's chart is measured and drawn in. vl-convert lays the labels out with
# its own font metrics and WeasyPrint draws the SVG's text with the font fontconfig gives:
# when these differ (vl-convert's "sans-serif" is narrower than Debian's DejaVu Sans) the
# longest label ran past the image's left edge and was cut ("Enabling Action"). Naming one
# installed font for both keeps the measured and the drawn widths the same.
DOCUMENT_FONT = "DejaVu Sans"


def fixed_width(spec: dict[str, Any], width: int = 420) -> dict[str, Any]:
    """Documents have no container to fill: give the chart a width, and the font the
    document draws it in."""
    config = {**spec.get("config", {}), "font": DOCUMENT_FONT}
    return {**spec, "width": width, "config": config}


def kpi_chart(
    title: str,
    unit: str,
    points: list[dict[str, Any]],
    path: list[dict[str, Any]],
    goal: float | None,
) -> dict[str, Any]:
    """Observations as a line with points; the path to the target dashed; the target a rule."""
    y_title = f"{title} ({unit})" if unit else title
    order = [p["period"] for p in sorted(points + path, key=lambda p: p["end"])]
    x = alt.X("period:N", title=None, sort=list(dict.fromkeys(order)))
    layers = [
        alt.Chart(alt.Data(values=points))
        .mark_line(point=True, color="#1d70b8")
        .encode(x=x, y=alt.Y("value:Q", title=y_title))
    ]
    if path:
        layers.append(
            alt.Chart(alt.Data(values=path))
            .mark_line(strokeDash=[6, 4], color="#505a5f")
            .encode(x=x, y="value:Q")
        )
    if goal is not None:
        layers.append(
            alt.Chart(alt.Data(values=[{"goal": goal}]))
            .mark_rule(color="#d4351c")
            .encode(y="goal:Q")
        )
    chart = alt.layer(*layers).properties(width="container", height=240)
    return chart.to_dict()  # type: ignore[no-any-return]


SECTOR_COLOURS = ["#1d70b8", "#912b88", "#f47738", "#00703c", "#5694ca", "#85994b", "#6f72af",
                  "#b58840", "#505a5f"]  # fmt: skip
WEDGE_COLOURS = ["#505a5f", "#85994b", "#f499be", "#f47738", "#5694ca", "#1d70b8"]


def wedges_chart(rows: list[dict[str, Any]], layers: list[str], y_title: str) -> dict[str, Any]:
    """Stacked areas by year, `layers` bottom to top: rows {year, layer, order, tco2e}
    (the pack's "GHG Emissions Profile": net emissions at the bottom, each category's saving
    stacked on it up to the baseline)."""
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_area()
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("tco2e:Q", title=y_title, stack="zero"),
            color=alt.Color(
                "layer:N",
                title=None,
                scale=alt.Scale(domain=layers, range=WEDGE_COLOURS[: len(layers)]),
                sort=layers,
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            order=alt.Order("order:Q"),
            tooltip=["year:O", "layer:N", alt.Tooltip("tco2e:Q", format=",.0f")],
        )
        .properties(width="container", height=300)
    )
    return chart.to_dict()  # type: ignore[no-any-return]


def waterfall_chart(steps: list[dict[str, Any]], y_title: str) -> dict[str, Any]:
    """Floating bars from `start` to `end` per step, in order; totals drawn from zero.
    steps: {step, start, end, kind (total/saving/offset), order}."""
    chart = (
        alt.Chart(alt.Data(values=steps))
        .mark_bar()
        .encode(
            x=alt.X("step:N", title=None, sort=None, axis=alt.Axis(labelAngle=-30, labelLimit=180)),
            y=alt.Y("start:Q", title=y_title),
            y2="end:Q",
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(
                    domain=["Emissions", "Saving", "Offsets"],
                    range=["#505a5f", "#00703c", "#5694ca"],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["step:N", alt.Tooltip("change:Q", format=",.0f")],
        )
        .properties(width="container", height=300)
    )
    return chart.to_dict()  # type: ignore[no-any-return]


def sectors_chart(rows: list[dict[str, Any]], sectors: list[str]) -> dict[str, Any]:
    """Stacked bars: an area's emissions by sector for each year. rows {year, sector, kt}."""
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("kt:Q", title="kt CO2"),
            color=alt.Color(
                "sector:N",
                title=None,
                sort=sectors,
                scale=alt.Scale(domain=sectors, range=SECTOR_COLOURS[: len(sectors)]),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            tooltip=["year:O", "sector:N", alt.Tooltip("kt:Q", format=",.1f")],
        )
        .properties(width="container", height=300)
    )
    return chart.to_dict()  # type: ignore[no-any-return]


EMISSIONS_COLOURS = ["#1d70b8", "#505a5f", "#d4351c", "#f47738", "#912b88"]


def emissions_chart(rows: list[dict[str, Any]], series: list[str], y_title: str) -> dict[str, Any]:
    """Lines by year, one per series (measured emissions, the roadmap's trajectory, each
    target's path): rows {year, series, tco2e}; measured drawn with points."""
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("tco2e:Q", title=y_title),
            color=alt.Color(
                "series:N",
                title=None,
                sort=series,
                scale=alt.Scale(domain=series, range=EMISSIONS_COLOURS[: len(series)]),
                legend=alt.Legend(orient="bottom", columns=1),
            ),
            strokeDash=alt.StrokeDash("series:N", sort=series, legend=None),
            tooltip=["year:O", "series:N", alt.Tooltip("tco2e:Q", format=",.0f")],
        )
        .properties(width="container", height=300)
    )
    return chart.to_dict()  # type: ignore[no-any-return]
