"""Chart specs (Vega-Lite, built with altair). Every chart is shown beside a data table."""

from __future__ import annotations

from typing import Any

import altair as alt

from plantracker.plans.vocab import Stage

STAGE_COLOURS = ["#5694ca", "#912b88", "#f47738", "#00703c", "#b1b4b6"]  # GOV.UK palette


def stage_by_theme(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars: actions per theme, split by stage. rows: {theme, stage, count}."""
    stages = [*Stage.values, "Not known"]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("theme:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("count:Q", title="Actions", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "stage:N",
                title="Stage",
                scale=alt.Scale(domain=stages, range=STAGE_COLOURS),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("stage_order:Q"),
            tooltip=["theme:N", "stage:N", "count:Q"],
        )
        .properties(width="container", height=alt.Step(24))
    )
    return chart.to_dict()
