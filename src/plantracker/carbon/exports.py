"""The carbon pages' figures as plain data (for JSON, the API and snapshots) and as sheets
(for csv and xlsx). Numbers go out as floats rounded to the tonne's tenth where the source is
a calculation, as they are where the source is a file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import trajectory as t
from .selectors import AreaView, InventoryView, RoadmapView

Sheet = tuple[str, list[str], list[list[Any]]]


def _n(value: Decimal | None, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


def roadmap_data(view: RoadmapView) -> dict[str, Any]:
    r = view.roadmap
    by_cat = view.by("category")
    by_area = view.by("area")
    final = view.target_row()
    return {
        "slug": r.slug,
        "title": r.title,
        "organisation": r.organisation.name,
        "baseline": {
            "period": r.baseline_period,
            "tco2e": _n(r.baseline_tco2e),
            "note": r.baseline_note,
        },
        "target_year": r.target_year,
        "switched_off": sorted(view.off),
        "workstreams": [
            {
                "name": w.name,
                "category": w.get_category_display(),
                "area": w.get_area_display() or None,
                "tco2e_saved_by_target_year": _n(w.saving),
                "start_year": w.start_year,
                "phasing": w.phasing,
                "status": w.status,
                "included": w.included and w.name not in view.off and w.category not in view.off,
                "actions": [a.ref for a in w.actions.all()],
            }
            for w in view.workstreams
        ],
        "by_category": {t.CATEGORY_LABELS[t.Category(k)]: _n(v) for k, v in by_cat.items()},
        "by_area": {
            (t.AREA_LABELS[t.Area(k)] if k != t.NO_AREA else k): _n(v) for k, v in by_area.items()
        },
        "total_saved": _n(view.total()),
        "residual_before_offsets": _n(final.gross),
        "net": _n(final.net),
        "trajectory": [
            {
                "year": row.year,
                "gross": _n(row.gross),
                "offsets": _n(row.offsets),
                "net": _n(row.net),
                **{t.CATEGORY_LABELS[c]: _n(v) for c, v in row.by_category.items()},
            }
            for row in view.rows
        ],
        "waterfall": [
            {"step": s.label, "change": _n(s.value), "level": _n(s.level), "total": s.total}
            for s in view.waterfall()
        ],
        "targets": [
            {
                "name": tv.target.name,
                "reduction_percent": _n(tv.target.reduction, 2),
                "year": tv.target.year,
                "baseline_period": tv.target.baseline_period,
                "net_of_offsets": tv.target.net,
                "allowed_tco2e": _n(tv.check.goal) if tv.check else None,
                "rule": tv.rule or tv.why_not,
                "gap_in_target_year": _n(tv.final.gap) if tv.final else None,
                "on_track": tv.final.on_track if tv.final else None,
                "years": [
                    {
                        "year": c.year,
                        "path": _n(c.allowed),
                        "emissions": _n(c.emissions),
                        "gap": _n(c.gap),
                        "on_track": c.on_track,
                    }
                    for c in tv.years
                ],
            }
            for tv in view.targets
        ],
    }


def roadmap_sheets(data: dict[str, Any]) -> list[Sheet]:
    cats = list(t.CATEGORY_LABELS.values())
    return [
        ("Workstreams",
         ["Workstream", "Category", "Area", "tCO2e saved by target year", "Start year",
          "Phasing", "Status", "Included", "Actions"],
         [[w["name"], w["category"], w["area"], w["tco2e_saved_by_target_year"],
           w["start_year"], w["phasing"], w["status"], "yes" if w["included"] else "no",
           ", ".join(w["actions"])] for w in data["workstreams"]]),
        ("Trajectory",
         ["Year", *(f"Saved: {c}" for c in cats), "Emissions before offsets", "Offsets",
          "Net emissions"],
         [[y["year"], *(y[c] for c in cats), y["gross"], y["offsets"], y["net"]]
          for y in data["trajectory"]]),
        ("Totals",
         ["Totals by", "Name", "tCO2e saved by target year"],
         [["Category", k, v] for k, v in data["by_category"].items()]
         + [["Area", k, v] for k, v in data["by_area"].items()]),
        ("Waterfall", ["Step", "Change tCO2e", "Emissions after tCO2e"],
         [[s["step"], None if s["total"] else s["change"], s["level"]]
          for s in data["waterfall"]]),
        ("Targets",
         ["Target", "Year", "Path tCO2e", "Emissions tCO2e", "Gap tCO2e", "On track"],
         [[tg["name"], y["year"], y["path"], y["emissions"], y["gap"],
           "yes" if y["on_track"] else "no"] for tg in data["targets"] for y in tg["years"]]),
    ]  # fmt: skip


def inventory_data(view: InventoryView) -> dict[str, Any]:
    return {
        "organisation": view.organisation.name,
        "baseline_period": view.baseline or None,
        "sources": [
            {
                "name": s.name,
                "scope": s.get_scope_display(),
                "category": s.get_category_display(),
                "measured": s.measured,
                "owner": s.owner,
                "records": [
                    {
                        "period": r.period,
                        "tco2e": _n(r.tco2e, 4),
                        "quality": r.quality,
                        "method": r.method,
                        "factor_set": r.factor_set,
                        "factor_id": r.factor_ref or None,
                        "factor_year": r.factor_year,
                        "note": r.note,
                    }
                    for r in view.row(s)
                    if r is not None
                ],
            }
            for s in view.sources
        ],
        "totals": [
            {
                "period": p.period,
                "measured": _n(p.measured),
                "unmeasured_estimates": _n(p.unmeasured),
                "total": _n(p.total),
                "change_from_baseline_percent": _n(p.change),
            }
            for p in view.totals
        ],
    }


def inventory_sheets(data: dict[str, Any]) -> list[Sheet]:
    records = [
        [s["name"], s["scope"], s["category"], "yes" if s["measured"] else "no", s["owner"],
         r["period"], r["tco2e"], r["quality"], r["method"], r["factor_set"], r["factor_id"],
         r["factor_year"], r["note"]]
        for s in data["sources"] for r in s["records"]
    ]  # fmt: skip
    heads = ["Source", "Scope", "Category", "Measured", "Owner", "Period", "tCO2e", "Quality",
             "Method", "Factor set", "Factor ID", "Factor year", "Note"]  # fmt: skip
    totals = [[p["period"], p["measured"], p["unmeasured_estimates"], p["total"],
               p["change_from_baseline_percent"]] for p in data["totals"]]  # fmt: skip
    return [
        ("Records", heads, records),
        ("Totals", ["Period", "Measured tCO2e", "Estimated unmeasured tCO2e", "Total tCO2e",
                    "Change from baseline %"], totals),
    ]  # fmt: skip


def area_data(view: AreaView) -> dict[str, Any]:
    return {
        "code": view.code,
        "name": view.name,
        "unit": "kt CO2",
        "source": view.source,
        "years": [
            {
                "year": y,
                "total": _n(view.totals.get(y), 4),
                "sectors": {
                    s: _n(v, 4) for s, v in zip(view.sectors, view.sector_row(y), strict=True)
                },
                "population_thousands": _n(view.population.get(y), 3),
            }
            for y in view.years
        ],
        "quoted": [
            {
                "quote": q.figure.quote,
                "source": q.figure.source,
                "year": q.figure.year,
                "value": _n(q.figure.value),
                "unit": q.figure.unit,
                "data_set_value": _n(q.data_value, 4),
                "difference": _n(q.difference, 4),
            }
            for q in view.quoted
        ],
        "council_share": [
            {"what": w, "text": s.sentence(view.name), "percent": _n(s.percent, 3)}
            for w, s in view.shares
        ],
    }


def area_sheets(data: dict[str, Any], sectors: list[str]) -> list[Sheet]:
    return [
        ("Emissions",
         ["Year", *(f"{s} (kt CO2)" for s in sectors), "Total (kt CO2)", "Population (000s)",
          "Source"],
         [[y["year"], *(y["sectors"][s] for s in sectors), y["total"],
           y["population_thousands"], data["source"]] for y in data["years"]]),
    ]  # fmt: skip


NET_LAYER = "Net emissions"


def wedge_layers() -> list[str]:
    """Bottom to top: what is left, then offsets, then the categories, national change on top."""
    cats = [t.CATEGORY_LABELS[c] for c in reversed(t.Category) if c is not t.Category.OFFSET]
    return [NET_LAYER, t.CATEGORY_LABELS[t.Category.OFFSET], *cats]


def wedge_rows(view: RoadmapView) -> list[dict[str, Any]]:
    layers = wedge_layers()
    out = []
    for row in view.rows:
        values = {
            NET_LAYER: row.net,
            **{t.CATEGORY_LABELS[c]: v for c, v in row.by_category.items()},
        }
        for order, layer in enumerate(layers):
            out.append({"year": row.year, "layer": layer, "order": order,
                        "tco2e": _n(values[layer])})  # fmt: skip
    return out


def waterfall_rows(view: RoadmapView) -> list[dict[str, Any]]:
    out = []
    offsets = t.CATEGORY_LABELS[t.Category.OFFSET]
    for s in view.waterfall():
        kind = "Emissions" if s.total else "Offsets" if s.label == offsets else "Saving"
        start = 0.0 if s.total else _n(s.level - s.value)
        out.append({"step": s.label, "start": start, "end": _n(s.level),
                    "change": _n(s.value), "kind": kind})  # fmt: skip
    return out


def sector_rows(view: AreaView) -> list[dict[str, Any]]:
    return [
        {"year": y, "sector": s, "kt": _n(v, 3)}
        for y in view.years
        for s, v in zip(view.sectors, view.sector_row(y), strict=True)
        if v is not None
    ]


FACTOR_SOURCE = (
    "Department for Energy Security and Net Zero, Greenhouse gas reporting: conversion factors, "
    "Open Government Licence v3"
)
FACTOR_KEYS = ["year", "factor_id", "scope", "level_1", "level_2", "level_3", "level_4",
               "column_text", "unit", "ghg", "value"]  # fmt: skip


def factors_data(factors: Any) -> dict[str, Any]:
    rows = [dict(zip(FACTOR_KEYS, r, strict=True)) for r in factors.values_list(*FACTOR_KEYS)]
    for r in rows:
        r["value"] = float(r["value"])
    return {"source": FACTOR_SOURCE, "factors": rows}


def factors_sheets(data: dict[str, Any]) -> list[Sheet]:
    heads = ["Year", "ID", "Scope", "Level 1", "Level 2", "Level 3", "Level 4", "Column Text",
             "UOM", "GHG/Unit", "kg per unit", "Source"]  # fmt: skip
    rows = [[*(f[k] for k in FACTOR_KEYS), data["source"]] for f in data["factors"]]
    return [("Factors", heads, rows)]
