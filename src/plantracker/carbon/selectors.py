"""Reading roadmaps, targets and the inventory, with the trajectory maths applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum

from plantracker.core import visibility
from plantracker.core.models import Organisation
from plantracker.plans.models import Action

from . import area
from . import trajectory as t
from .models import (
    AreaEmission,
    CarbonProfile,
    CarbonTarget,
    ConversionFactor,
    EmissionRecord,
    EmissionSource,
    QuotedFigure,
    Roadmap,
    Workstream,
)


def stream_of(w: Workstream) -> t.Stream:
    return t.Stream(
        name=w.name,
        category=t.Category(w.category),
        area=t.Area(w.area) if w.area else None,
        saving=w.saving,
        start=w.start_year,
        phasing=t.Phasing(w.phasing),
        shares={int(y): Decimal(str(x)) for y, x in (w.shares or {}).items()},
    )


def inventory_total(organisation_id: int, period: str) -> Decimal | None:
    """The organisation's measured emissions for one financial year (None when none): targets
    are judged on what the annual report measures, not on estimates for other sources."""
    found = EmissionRecord.objects.filter(
        source__organisation_id=organisation_id, source__measured=True, period=period
    ).aggregate(total=Sum("tco2e"))["total"]
    return found  # type: ignore[no-any-return]


@dataclass(frozen=True)
class TargetView:
    target: CarbonTarget
    check: t.Target | None  # None when its baseline figure is not known
    years: list[t.TargetCheck]
    rule: str
    why_not: str = ""

    @property
    def final(self) -> t.TargetCheck | None:
        return self.years[-1] if self.years else None


@dataclass(frozen=True)
class RoadmapView:
    roadmap: Roadmap
    workstreams: list[Workstream]
    streams: list[t.Stream]
    off: frozenset[str]
    rows: list[t.YearRow]
    targets: list[TargetView]

    @property
    def live(self) -> list[t.Stream]:
        return [s for s in self.streams if s.name not in self.off and s.category not in self.off]

    def by(self, key: str) -> dict[str, Decimal]:
        return t.totals(self.live, key)

    def total(self) -> Decimal:
        return sum((s.saving for s in self.live), t.ZERO)

    def target_row(self) -> t.YearRow:
        return next(r for r in self.rows if r.year == self.roadmap.target_year)

    def waterfall(self) -> list[t.Step]:
        r = self.roadmap
        return t.waterfall(r.baseline_tco2e, self.live, r.baseline_period)


def _target_view(roadmap: Roadmap, target: CarbonTarget, rows: list[t.YearRow]) -> TargetView:
    if target.baseline_period == roadmap.baseline_period:
        base: Decimal | None = roadmap.baseline_tco2e
    else:
        base = inventory_total(roadmap.organisation_id, target.baseline_period)
    goal = t.goal_of(target.reduction, base)
    if goal is None:
        why = (
            f"No emissions are recorded for {target.baseline_period}, so the tonnes this target "
            "allows cannot be worked out until the council's emissions for that year are "
            "recorded."
        )
        return TargetView(target, None, [], "", why)
    check = t.Target(target.name, target.reduction, target.year, goal, target.net)
    years = t.check(rows, roadmap.baseline_tco2e, roadmap.baseline_year, check)
    rule = t.rule_text(check, target.baseline_period, roadmap.baseline_period)
    return TargetView(target, check, years, rule)


def roadmap_view(roadmap: Roadmap, off: Iterable[str] = (), user: Any = None) -> RoadmapView:
    """`user`: whose view, for the actions delivering each workstream (the public's by
    default: a draft plan's actions are not shown to people outside its team)."""
    actions = Action.objects.filter(visibility.plans(user, "plan__")).select_related("plan")
    workstreams = list(roadmap.workstreams.prefetch_related(Prefetch("actions", actions)))
    streams = [stream_of(w) for w in workstreams if w.included]  # switched off: listed only
    switched = frozenset(off)
    last = max(roadmap.target_year, roadmap.baseline_year)
    years = range(min(roadmap.first_year, roadmap.baseline_year), last + 1)
    rows = t.trajectory(roadmap.baseline_tco2e, years, streams, roadmap.target_year, off=switched)
    targets = [
        _target_view(roadmap, target, rows)
        for target in CarbonTarget.objects.filter(organisation_id=roadmap.organisation_id)
    ]
    return RoadmapView(roadmap, workstreams, streams, switched, rows, targets)


# --- The inventory -------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodTotal:
    period: str
    year: int
    measured: Decimal  # sources counted in the annual report
    unmeasured: Decimal  # estimates for sources not yet measured
    estimated: int  # how many of the period's figures are estimates
    by_scope: dict[str, Decimal]
    change: Decimal | None  # % change of the measured total from the baseline

    @property
    def total(self) -> Decimal:
        return self.measured + self.unmeasured


@dataclass(frozen=True)
class InventoryView:
    organisation: Organisation
    sources: list[EmissionSource]
    periods: list[str]
    cells: dict[tuple[int, str], EmissionRecord]  # (source id, period) → record
    totals: list[PeriodTotal]
    baseline: str

    def row(self, source: EmissionSource) -> list[EmissionRecord | None]:
        return [self.cells.get((source.pk, p)) for p in self.periods]

    def total_for(self, period: str) -> PeriodTotal | None:
        return next((t for t in self.totals if t.period == period), None)


def inventory_view(organisation: Organisation) -> InventoryView:
    sources = list(EmissionSource.objects.filter(organisation=organisation))
    records = list(
        EmissionRecord.objects.filter(source__organisation=organisation).order_by("year")
    )
    measured = {s.pk: s.measured for s in sources}
    scope = {s.pk: s.scope for s in sources}
    profile = CarbonProfile.objects.filter(organisation=organisation).first()
    baseline = profile.baseline_period if profile else ""
    by_period: dict[str, list[EmissionRecord]] = {}
    for r in records:
        by_period.setdefault(r.period, []).append(r)
    ordered = sorted(by_period, key=lambda p: by_period[p][0].year)
    base_total = sum(
        (r.tco2e for r in by_period.get(baseline, []) if measured[r.source_id]), t.ZERO
    )
    totals = []
    for p in ordered:
        rs = by_period[p]
        m = sum((r.tco2e for r in rs if measured[r.source_id]), t.ZERO)
        u = sum((r.tco2e for r in rs if not measured[r.source_id]), t.ZERO)
        scopes: dict[str, Decimal] = {}
        for r in rs:
            scopes[scope[r.source_id]] = scopes.get(scope[r.source_id], t.ZERO) + r.tco2e
        change = (
            (m - base_total) / base_total * 100 if baseline in by_period and base_total else None
        )
        estimated = sum(1 for r in rs if r.quality == EmissionRecord.Quality.ESTIMATED)
        totals.append(PeriodTotal(p, rs[0].year, m, u, estimated, scopes, change))
    cells = {(r.source_id, r.period): r for r in records}
    return InventoryView(organisation, sources, ordered, cells, totals, baseline)


# --- Area-wide emissions -------------------------------------------------------------------


@dataclass(frozen=True)
class Quoted:
    figure: QuotedFigure
    data_value: Decimal | None  # what the data set gives for the same area, year and item

    @property
    def difference(self) -> Decimal | None:
        return None if self.data_value is None else self.figure.value - self.data_value


@dataclass(frozen=True)
class AreaView:
    code: str
    name: str
    years: list[int]
    sectors: list[str]
    by_sector: dict[tuple[int, str], Decimal]  # (year, sector) → the sector's total, kt CO2
    totals: dict[int, Decimal]  # year → total emissions, kt CO2
    population: dict[int, Decimal]  # year → thousands
    quoted: list[Quoted]
    shares: list[tuple[str, area.Share]]  # (what, share)
    source: str

    def sector_row(self, year: int) -> list[Decimal | None]:
        return [self.by_sector.get((year, s)) for s in self.sectors]


def area_codes() -> list[tuple[str, str]]:
    return list(AreaEmission.objects.values_list("code", "name").distinct().order_by("name"))


def area_view(code: str) -> AreaView | None:
    rows = list(
        AreaEmission.objects.filter(code=code)
        .filter(Q(item="Total") | Q(sector__in=[area.TOTAL, area.CONTEXT]))
        .values_list("name", "year", "sector", "item", "value", "source")
    )
    if not rows:
        return None
    by_sector, totals, population = {}, {}, {}
    for _name, year, sector, item, value, _src in rows:
        if item == area.TOTAL_ITEM:
            totals[year] = value
        elif item == "Population":
            population[year] = value
        elif item == "Total" and sector not in (area.TOTAL, area.CONTEXT):
            by_sector[(year, sector)] = value
    present = {s for _, s in by_sector}
    sectors = [s for s in area.SECTORS if s in present] + sorted(present - set(area.SECTORS))
    quoted = []
    for q in QuotedFigure.objects.filter(code=code):
        found = (
            AreaEmission.objects.filter(code=code, year=q.year, sector=q.sector, item=q.item)
            .values_list("value", flat=True)
            .first()
            if q.item
            else None
        )
        quoted.append(Quoted(q, found))
    return AreaView(
        code, rows[0][0], sorted({r[1] for r in rows}), sectors, by_sector, totals, population,
        quoted, _shares(code, totals), rows[0][5],
    )  # fmt: skip


def _shares(code: str, totals: dict[int, Decimal]) -> list[tuple[str, area.Share]]:
    out: list[tuple[str, area.Share]] = []
    for profile in CarbonProfile.objects.filter(area_code=code).select_related("organisation"):
        org = profile.organisation
        view = inventory_view(org)
        for p in view.totals:
            for what, value in (("measured sources", p.measured), ("with estimates", p.total)):
                if what == "with estimates" and not p.unmeasured:
                    continue
                s = area.share_of_area(value, p.period, p.year, totals)
                if s is not None:
                    out.append((f"{org.name}, {what}", s))
        if not view.totals:
            for r in Roadmap.objects.filter(organisation=org):
                s = area.share_of_area(r.baseline_tco2e, r.baseline_period, r.baseline_year, totals)
                if s is not None:
                    out.append((f"{org.name}, {r.title} baseline", s))
    return out


def factors_search(year: int | None, text: str) -> QuerySet[ConversionFactor]:
    found = ConversionFactor.objects.all()
    if year:
        found = found.filter(year=year)
    for word in text.split():
        found = found.filter(
            Q(level_1__icontains=word) | Q(level_2__icontains=word) | Q(level_3__icontains=word)
            | Q(level_4__icontains=word) | Q(column_text__icontains=word)
            | Q(unit__icontains=word) | Q(factor_id__iexact=word)
        )  # fmt: skip
    return found
