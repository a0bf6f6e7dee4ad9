"""Reading roadmaps, targets and the inventory, with the trajectory maths applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from . import trajectory as t
from .models import CarbonTarget, EmissionRecord, Roadmap, Workstream


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
    """The organisation's recorded emissions for one financial year (None when none)."""
    found = EmissionRecord.objects.filter(
        source__organisation_id=organisation_id, period=period
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
            "allows cannot be worked out. Import the inventory for that year."
        )
        return TargetView(target, None, [], "", why)
    check = t.Target(target.name, target.reduction, target.year, goal, target.net)
    years = t.check(rows, roadmap.baseline_tco2e, roadmap.baseline_year, check)
    rule = t.rule_text(check, target.baseline_period, roadmap.baseline_period)
    return TargetView(target, check, years, rule)


def roadmap_view(roadmap: Roadmap, off: Iterable[str] = ()) -> RoadmapView:
    workstreams = list(roadmap.workstreams.prefetch_related("actions__plan"))
    streams = [stream_of(w) for w in workstreams]
    switched = frozenset(off)
    last = max(roadmap.target_year, roadmap.baseline_year)
    years = range(min(roadmap.first_year, roadmap.baseline_year), last + 1)
    rows = t.trajectory(roadmap.baseline_tco2e, years, streams, roadmap.target_year, off=switched)
    targets = [
        _target_view(roadmap, target, rows)
        for target in CarbonTarget.objects.filter(organisation_id=roadmap.organisation_id)
    ]
    return RoadmapView(roadmap, workstreams, streams, switched, rows, targets)
