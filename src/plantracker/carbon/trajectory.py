"""The carbon reduction roadmap's arithmetic: how much each workstream saves in each year, the
emissions trajectory from the baseline with the workstreams applied, the gap to each target, totals
by category and by area, and the waterfall from the baseline to net emissions. No Django here.

Years are whole numbers. A financial year counts as the year it ends in (2018-19 is 2019), so
"by 2030" means by the end of 2029-30.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal(0)


class Category(StrEnum):
    NATIONAL = "national"
    PLANNED = "planned"
    SIMPLE = "simple"
    COMPLEX = "complex"
    OFFSET = "offset"


CATEGORY_LABELS = {
    Category.NATIONAL: "National change",
    Category.PLANNED: "Planned improvements",
    Category.SIMPLE: "High return / simple improvements",
    Category.COMPLEX: "Low return / complex improvements",
    Category.OFFSET: "Offset balance",
}


class Area(StrEnum):
    TRAVEL = "travel"
    PREMISES = "premises"
    INFRASTRUCTURE = "infrastructure"
    NET = "net"


AREA_LABELS = {
    Area.TRAVEL: "Travel",
    Area.PREMISES: "Premises",
    Area.INFRASTRUCTURE: "Infrastructure",
    Area.NET: "Net reductions",
}
NO_AREA = "No area"


class Phasing(StrEnum):
    LINEAR = "linear"  # rises evenly from the start year to the full saving in the target year
    STEPPED = "stepped"  # the full saving from the start year on
    CUSTOM = "custom"  # a share of the saving given per year, carried forward


@dataclass(frozen=True)
class Stream:
    name: str
    category: Category
    area: Area | None
    saving: Decimal  # tCO2e a year saved by the target year
    start: int
    phasing: Phasing = Phasing.LINEAR
    shares: Mapping[int, Decimal] = field(default_factory=dict)  # CUSTOM: year → share 0–1

    @property
    def is_offset(self) -> bool:
        return self.category is Category.OFFSET


def share(stream: Stream, year: int, target_year: int) -> Decimal:
    """The fraction of the stream's saving achieved in `year`."""
    if year < stream.start:
        return ZERO
    if stream.phasing is Phasing.STEPPED:
        return Decimal(1)
    if stream.phasing is Phasing.CUSTOM:
        known = [y for y in stream.shares if y <= year]
        return min(Decimal(1), max(ZERO, stream.shares[max(known)])) if known else ZERO
    if year >= target_year or stream.start >= target_year:
        return Decimal(1)
    return Decimal(year - stream.start + 1) / Decimal(target_year - stream.start + 1)


def saving_in(stream: Stream, year: int, target_year: int) -> Decimal:
    return stream.saving * share(stream, year, target_year)


@dataclass(frozen=True)
class YearRow:
    year: int
    by_category: dict[Category, Decimal]  # saved that year
    gross: Decimal  # baseline less every saving but offsets
    offsets: Decimal
    net: Decimal  # gross less offsets

    @property
    def saved(self) -> Decimal:
        return sum(self.by_category.values(), ZERO)


def trajectory(
    baseline: Decimal,
    years: Iterable[int],
    streams: Sequence[Stream],
    target_year: int,
    *,
    off: Iterable[str] = (),
) -> list[YearRow]:
    """Emissions each year with the workstreams applied; `off` names categories or streams
    switched off (a what-if)."""
    skip = set(off)
    live = [s for s in streams if s.name not in skip and s.category.value not in skip]
    rows = []
    for year in years:
        by_cat = {c: ZERO for c in Category}
        for s in live:
            by_cat[s.category] += saving_in(s, year, target_year)
        offsets = by_cat[Category.OFFSET]
        gross = baseline - (sum(by_cat.values(), ZERO) - offsets)
        rows.append(YearRow(year, by_cat, gross, offsets, gross - offsets))
    return rows


@dataclass(frozen=True)
class Target:
    name: str
    reduction: Decimal  # percent of the target's own baseline, e.g. 64 or 100
    year: int
    goal: Decimal  # the emissions allowed in the target year, tCO2e
    net: bool = False  # judged on emissions net of offsets


def goal_of(reduction: Decimal, baseline: Decimal | None) -> Decimal | None:
    """The emissions a % reduction allows; a 100% reduction needs no baseline figure."""
    if reduction >= 100:
        return ZERO
    return None if baseline is None else baseline * (1 - reduction / 100)


@dataclass(frozen=True)
class TargetCheck:
    target: Target
    year: int
    allowed: Decimal  # the straight-line path from the start to the target
    emissions: Decimal  # gross or net, as the target counts
    gap: Decimal  # emissions above the path (negative: below it)

    @property
    def on_track(self) -> bool:
        return self.gap <= 0


def path_value(start: Decimal, start_year: int, target: Target, year: int) -> Decimal:
    """The straight line from (start_year, start) to (target year, goal)."""
    if year >= target.year or target.year <= start_year:
        return target.goal
    if year <= start_year:
        return start
    done = Decimal(year - start_year) / Decimal(target.year - start_year)
    return start + (target.goal - start) * done


def check(
    rows: Sequence[YearRow], start: Decimal, start_year: int, target: Target
) -> list[TargetCheck]:
    """Each year from the start to the target's, against the straight-line path."""
    out = []
    for r in rows:
        if r.year < start_year:
            continue
        if r.year > target.year:
            break
        allowed = path_value(start, start_year, target, r.year)
        emissions = r.net if target.net else r.gross
        out.append(TargetCheck(target, r.year, allowed, emissions, emissions - allowed))
    return out


def rule_text(target: Target, baseline_label: str, start_label: str) -> str:
    counted = "net of offsets" if target.net else "before offsets"
    percent = f"{Decimal(target.reduction).normalize():f}"
    return (
        f"{target.name}: emissions ({counted}) {percent}% below the {baseline_label} "
        f"level by {target.year}, that is at most {target.goal:,.0f} tCO2e. Each year from "
        f"{start_label} is on track when the emissions are at or below the straight line to the "
        "target, and off track when above it."
    )


def totals(streams: Iterable[Stream], key: str) -> dict[str, Decimal]:
    """Full savings by category or by area (streams with no area under NO_AREA), in the
    order the categories or areas are listed."""
    order = [c.value for c in Category] if key == "category" else [a.value for a in Area]
    out: dict[str, Decimal] = {k: ZERO for k in order}
    for s in streams:
        value = getattr(s, key)
        name = value.value if value is not None else NO_AREA
        out[name] = out.get(name, ZERO) + s.saving
    return out


@dataclass(frozen=True)
class Step:
    label: str
    value: Decimal  # the change (negative: a saving) or, for totals, the level
    level: Decimal  # emissions after this step
    total: bool = False


def waterfall(baseline: Decimal, streams: Iterable[Stream], baseline_label: str) -> list[Step]:
    """Baseline → each category's saving → residual → offsets → net."""
    by_cat = totals(streams, "category")
    steps = [Step(f"Baseline ({baseline_label})", baseline, baseline, total=True)]
    level = baseline
    for c in Category:
        if c is Category.OFFSET:
            continue
        level -= by_cat[c.value]
        steps.append(Step(CATEGORY_LABELS[c], -by_cat[c.value], level))
    steps.append(Step("Residual emissions", level, level, total=True))
    level -= by_cat[Category.OFFSET.value]
    steps.append(Step(CATEGORY_LABELS[Category.OFFSET], -by_cat[Category.OFFSET.value], level))
    steps.append(Step("Net emissions", level, level, total=True))
    return steps
