"""Import a carbon reduction roadmap's workstreams: name, category, area, tCO2e saved by the
target year, start year, phasing, status and the actions that deliver them. The categories and
areas are read as the council writes them ("Do Nothing", "Planned Changes", "Simple / High
Return", "Net reductions"…)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.text import slugify

from plantracker.carbon.models import Roadmap, Workstream
from plantracker.carbon.trajectory import Area, Category, Phasing
from plantracker.core import strict
from plantracker.core.models import Organisation
from plantracker.plans.models import Action, Plan

from .columns import header_key
from .numbers import figure
from .tables import (
    ImportResult,
    Table,
    TableError,
    read_table,
    remove_stale,
    run_import,
    save_changed,
    synonyms_of,
)

COLUMNS = synonyms_of(
    {
        "name": ("workstream", "item", "programme item", "project", "name"),
        "category": ("category",),
        "area": ("area", "theme"),
        "saving": (
            "tco2e saved by 2030", "tco2e saved", "tonnes co2e saved", "saving", "tco2e",
            "tonnes co2e removed",
        ),
        "start": ("start", "start year"),
        "phasing": ("phasing", "profile"),
        "shares": ("shares", "custom phasing"),
        "status": ("status",),
        "actions": ("linked actions", "actions", "action refs"),
        "note": ("note", "notes"),
    }
)  # fmt: skip

CATEGORY_WORDS = {
    Category.NATIONAL: ("national change", "national changes", "do nothing",
                        "impact of national changes", "national"),
    Category.PLANNED: ("planned improvements", "planned changes", "planned"),
    Category.SIMPLE: ("high return / simple improvements", "simple / high return", "simple",
                      "high return", "simple improvements"),
    Category.COMPLEX: ("low return / complex improvements", "complex / low return", "complex",
                       "low return", "complex improvements"),
    Category.OFFSET: ("offset balance", "offset", "offsets", "offsetting"),
}  # fmt: skip
AREA_WORDS = {
    Area.TRAVEL: ("travel", "transport"),
    Area.PREMISES: ("premises", "buildings"),
    Area.INFRASTRUCTURE: ("infrastructure",),
    Area.NET: ("net reductions", "net", "net reduction"),
}
CATEGORIES = {header_key(w): c for c, words in CATEGORY_WORDS.items() for w in words}
AREAS = {header_key(w): a for a, words in AREA_WORDS.items() for w in words}


@dataclass
class RoadmapSettings:
    slug: str
    organisation: str | None = None
    title: str | None = None
    baseline_period: str | None = None  # "2018-19"
    baseline_tco2e: Decimal | None = None
    baseline_note: str = ""
    first_year: int | None = None
    target_year: int | None = None
    plan: str | None = None  # where the linked action references live


def _number(text: str) -> Decimal:
    return figure(text, digits=12)


def _settings_roadmap(s: RoadmapSettings, source: str) -> Roadmap:
    from plantracker.indicators import periods

    roadmap = Roadmap.objects.filter(slug=s.slug).first()
    if roadmap is None:
        missing = [
            flag
            for flag, value in (
                ("--organisation NAME", s.organisation),
                ("--baseline-period 2018-19", s.baseline_period),
                ("--baseline TCO2E", s.baseline_tco2e),
                ("--target-year 2030", s.target_year),
            )
            if value is None
        ]
        if missing:
            raise TableError(
                [f"Roadmap '{s.slug}' does not exist yet. Give " + ", ".join(missing) + "."]
            )
        org, _ = Organisation.objects.get_or_create(
            name=s.organisation, defaults={"slug": slugify(s.organisation or "")[:100]}
        )
        roadmap = Roadmap(organisation=org, slug=s.slug, title=s.title or s.slug)
    if s.baseline_period:
        try:
            period = periods.parse(s.baseline_period)
        except periods.PeriodError:
            raise TableError(
                [f"--baseline-period {s.baseline_period!r}: write a financial year like 2018-19."]
            ) from None
        roadmap.baseline_period = period.label
        roadmap.baseline_year = period.end.year
    for field in ("title", "baseline_tco2e", "target_year", "first_year"):
        value = getattr(s, field)
        if value is not None:
            setattr(roadmap, field, value)
    if s.baseline_note:
        roadmap.baseline_note = s.baseline_note
    if not roadmap.first_year:
        roadmap.first_year = roadmap.baseline_year
    roadmap.source = source
    roadmap.save()
    return roadmap


@dataclass
class ParsedStream:
    row: int
    fields: dict[str, object]
    actions: list[str]


def _parse(table: Table) -> list[ParsedStream]:
    out: list[ParsedStream] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        v = row.values
        name = v.get("name", "")
        if not name:
            if any(v.get(k) for k in ("category", "saving")):
                problems.append(f"{table.where(row.number, 'name')}: the workstream has no name.")
            continue
        where = lambda field, n=row.number: table.where(n, field)  # noqa: E731
        if name in seen:
            problems.append(f"{where('name')}: '{name}' is listed again (first at row "
                            f"{seen[name]}). Give each workstream once.")  # fmt: skip
            continue
        seen[name] = row.number
        fields: dict[str, object] = {"name": name, "status": v.get("status", ""),
                                     "note": v.get("note", "")}  # fmt: skip
        category = CATEGORIES.get(header_key(v.get("category", "")))
        if category is None:
            problems.append(
                f"{where('category')}: '{v.get('category', '')}' is not a category. Use one of: "
                "National change, Planned improvements, High return / simple improvements, "
                "Low return / complex improvements, Offset balance."
            )
        fields["category"] = category
        area_text = v.get("area", "")
        area = AREAS.get(header_key(area_text)) if area_text else None
        if area_text and area is None:
            problems.append(
                f"{where('area')}: '{area_text}' is not an area. Use Travel, Premises, "
                "Infrastructure or Net reductions, or leave it empty."
            )
        fields["area"] = area.value if area else ""
        try:
            saving = _number(v.get("saving", "") or "0")
            if saving < 0:
                raise InvalidOperation
            fields["saving"] = saving
        except InvalidOperation:
            problems.append(f"{where('saving')}: '{v.get('saving')}' is not a number of tonnes. "
                            "Write it like 3200 or 3,200.")  # fmt: skip
        start = v.get("start", "")
        try:
            fields["start_year"] = strict.year(start)
        except strict.NotValid as exc:
            problems.append(f"{where('start')}: {exc}. Write it like 2021.")
        phasing = (v.get("phasing", "") or "linear").lower()
        if phasing not in {p.value for p in Phasing}:
            problems.append(f"{where('phasing')}: '{phasing}' is not a phasing. Use linear, "
                            "stepped or custom.")  # fmt: skip
        fields["phasing"] = phasing
        fields["shares"] = {}
        if phasing == Phasing.CUSTOM:
            try:
                shares = {strict.year(y): float(x)
                          for y, x in json.loads(v.get("shares") or "").items()}  # fmt: skip
                if not all(math.isfinite(x) for x in shares.values()):
                    raise ValueError(shares)
                fields["shares"] = {str(y): x for y, x in sorted(shares.items())}
            except (ValueError, TypeError, AttributeError):
                problems.append(f"{where('shares')}: custom phasing needs the share for each "
                                'year, like {"2022": 0.25, "2025": 1}.')  # fmt: skip
        actions = [a.strip() for a in re.split(r"[,;]", v.get("actions", "")) if a.strip()]
        out.append(ParsedStream(row.number, fields, actions))
    if problems:
        raise TableError(problems)
    return out


def roadmap_import(
    path: Path,
    settings: RoadmapSettings,
    *,
    dry_run: bool = False,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(
            path, COLUMNS, {"name", "category", "saving"}, what="a roadmap", into=result
        )
        roadmap = _settings_roadmap(settings, path.name)
        parsed = _parse(table)
        plan = None
        if settings.plan:
            plan = Plan.objects.filter(slug=settings.plan).first()
            if plan is None:
                raise TableError([f"--plan {settings.plan}: there is no such plan."])
        _write(roadmap, parsed, plan, table, result)

    return run_import(path, dry_run, body, maps=maps)


def _write(
    roadmap: Roadmap, parsed: list[ParsedStream], plan: Plan | None, table: Table,
    result: ImportResult,
) -> None:  # fmt: skip
    existing = {w.name: w for w in roadmap.workstreams.prefetch_related("actions")}
    refs = {a.ref: a for a in Action.objects.filter(plan=plan)} if plan else {}
    problems = []
    kept = []
    for pos, p in enumerate(parsed):
        stream = existing.get(str(p.fields["name"])) or Workstream(roadmap=roadmap)
        how = save_changed(stream, {**p.fields, "position": pos})
        missing = [a for a in p.actions if a not in refs]
        if missing:
            where = table.where(p.row, "actions")
            owner = f"plan '{plan.slug}'" if plan else "no plan: give --plan SLUG"
            problems.append(f"{where}: action {', '.join(missing)} is not in {owner}. Use the "
                            "references on the plan's page, or leave the cell empty.")  # fmt: skip
        wanted = {refs[a].pk for a in p.actions if a in refs}
        if {a.pk for a in stream.actions.all()} != wanted:
            stream.actions.set(wanted)
            how = "updated" if how == "unchanged" else how
        result.count(f"workstreams:{how}")
        kept.append(stream.pk)
    if problems:
        raise TableError(problems)
    remove_stale(roadmap.workstreams.all(), kept, "workstreams", result)
