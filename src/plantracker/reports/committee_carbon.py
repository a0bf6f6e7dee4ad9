"""The committee report's carbon section: each roadmap that delivers the plan's actions, what
it removes by category, and where it leaves each target. Read from the period's snapshot, so a
published report keeps the figures members saw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NONE = "No carbon reduction roadmap names this plan's actions."
NOT_RECORDED = (
    "This report was published before carbon reduction roadmaps were reported with it, so "
    "it cannot show them as they stood."
)
CATEGORY_HEAD = ["Category", "tCO2e removed"]
TARGET_HEAD = ["Target", "By", "Allowed tCO2e", "Projected tCO2e", "Gap tCO2e", "Status"]


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class RoadmapSection:
    title: str
    text: str
    tables: list[Table]


def _t(value: float | None) -> str:
    return "–" if value is None else f"{(round(value) or 0):,}"


def _target_row(tg: dict[str, Any]) -> list[str]:
    final = tg["years"][-1] if tg["years"] else None
    if final is None:
        return [tg["name"], str(tg["year"]), "–", "–", "–", tg["rule"]]
    status = "On track" if final["on_track"] else "Off track"
    return [tg["name"], str(tg["year"]), _t(final["path"]), _t(final["emissions"]),
            _t(final["gap"]), status]  # fmt: skip


def roadmap_section(r: dict[str, Any]) -> RoadmapSection:
    b = r["baseline"]
    text = (
        f"Baseline {_t(b['tco2e'])} tCO2e in {b['period']}. The roadmap removes "
        f"{_t(r['total_saved'])} tCO2e by {r['target_year']}, leaving "
        f"{_t(r['residual_before_offsets'])} tCO2e before offsets and {_t(r['net'])} tCO2e net."
    )
    cats = [[k, _t(v)] for k, v in r["by_category"].items()]
    cats.append(["Total", _t(r["total_saved"])])
    return RoadmapSection(
        r["title"],
        text,
        [
            Table(f"{r['title']}: tCO2e removed by {r['target_year']}", CATEGORY_HEAD, cats),
            Table(f"{r['title']}: targets", TARGET_HEAD, [_target_row(t) for t in r["targets"]]),
        ],
    )


def carbon_sections(data: dict[str, Any]) -> list[RoadmapSection] | None:
    """None when the snapshot predates carbon; [] when no roadmap delivers the plan."""
    roadmaps = data.get("carbon")
    if roadmaps is None:
        return None
    return [roadmap_section(r) for r in roadmaps]


def carbon_text(sections: list[RoadmapSection] | None) -> str:
    if sections is None:
        return NOT_RECORDED
    return "" if sections else NONE
