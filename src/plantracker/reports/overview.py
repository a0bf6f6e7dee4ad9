"""The organisation overview: how a council's plans are doing, on one page.

Plain functions over the domain's own rules (visibility, snapshots, KPI status, risk scores,
the carbon trajectory), returning a dataclass the page, its chart and its downloads read.

What each person sees follows core/visibility.py: the public sees published plans, counted as
published (each action's RAG and stage as its last published update left them, compared with
the frozen snapshot of the report before the latest one), the KPIs and risk registers of the
organisation and of published plans. A plan's team also sees its draft plan, and what is in
progress in its open periods: updates not started, draft, submitted, returned or approved,
and the updates overdue. Every read is a fixed number of queries however many plans,
actions, KPIs or risks there are (tests/web/test_query_counts.py), except one read per risk
register and per roadmap, as on the organisation and carbon pages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from plantracker.carbon import selectors as carbon_selectors
from plantracker.carbon.models import Roadmap
from plantracker.core import visibility
from plantracker.core.models import Organisation
from plantracker.indicators.selectors import KpiView, indicators_visible, kpi_view
from plantracker.plans.models import Action, Plan
from plantracker.plans.selectors import past_end
from plantracker.plans.vocab import RAG, Stage
from plantracker.risks.selectors import RegisterView, RiskView, register_view, registers_visible
from plantracker.updates.models import ProgressUpdate, ReportingPeriod, Snapshot
from plantracker.updates.workflow import DONE, Status

NOT_KNOWN = "Not known"
UNKNOWN = "unknown"  # the action list's filter value for "Not known"
RAGS = [RAG.RED.value, RAG.AMBER.value, RAG.GREEN.value]
STAGES = list(Stage.values)
NOT_STARTED = "not started"
PROGRESS = [NOT_STARTED, Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED]
WORST_RISKS = 10


@dataclass(frozen=True)
class Count:
    """One figure: its label, how many, the change since the report before (None when there
    is nothing to compare with) and the action list filter value that lists them."""

    label: str
    value: int
    change: int | None
    filter: str

    @property
    def change_text(self) -> str:
        if self.change is None:
            return ""
        return (
            f"+{self.change}"
            if self.change > 0
            else ("0" if self.change == 0 else f"−{-self.change}")
        )


@dataclass(frozen=True)
class OpenPeriod:
    """An open period, for the plan's team: where its updates stand, and how many actions
    still lack a done (submitted, approved or published) update when it is past its due date."""

    period: ReportingPeriod
    statuses: list[tuple[str, int]]
    missing: int  # actions with no done update
    overdue: bool

    @property
    def overdue_count(self) -> int:
        return self.missing if self.overdue else 0


@dataclass
class PlanFigures:
    plan: Plan
    total: int
    rag: list[Count]
    stage: list[Count]
    latest: str | None  # the latest published period's label
    before: str | None  # the published period the change is counted from
    past_end: list[Action]
    insider: bool  # the viewer is on the plan's team: the figures below are theirs only
    open_periods: list[OpenPeriod] = field(default_factory=list)

    @property
    def overdue_updates(self) -> int:
        return sum(p.overdue_count for p in self.open_periods)


@dataclass(frozen=True)
class WorstRisk:
    register: RegisterView
    risk: RiskView


@dataclass(frozen=True)
class EmissionsYear:
    year: int
    period: str
    measured: Decimal | None  # the inventory's measured total for the year
    trajectory: Decimal  # what the roadmap expects that year (gross)
    allowed: list[Decimal | None]  # each target's straight-line path that year (as targets)

    @property
    def gap(self) -> Decimal | None:
        return None if self.measured is None else self.measured - self.trajectory


@dataclass
class Emissions:
    roadmap: Roadmap
    targets: list[str]
    years: list[EmissionsYear]
    target_checks: list[
        tuple[str, int, Decimal, Decimal, bool]
    ]  # name, year, allowed, projected, on track
    net_targets: list[str] = field(default_factory=list)  # those counting emissions net of offsets


@dataclass
class Overview:
    organisations: list[Organisation]
    today: date
    plans: list[PlanFigures]
    kpis_off_track: list[KpiView]
    kpis_judged: int
    worst_risks: list[WorstRisk]
    overdue_reviews: list[WorstRisk]
    emissions: list[Emissions]

    @property
    def insider(self) -> bool:
        return any(p.insider for p in self.plans)


# --- Plans ---------------------------------------------------------------------------------


def _counts(values: list[str | None], keys: list[str]) -> Counter[str]:
    c: Counter[str] = Counter(v if v in keys else NOT_KNOWN for v in values)
    return c


def _count_list(now: Counter[str], before: Counter[str] | None, keys: list[str]) -> list[Count]:
    out = []
    for k in [*keys, NOT_KNOWN]:
        value = now.get(k, 0)
        change = None if before is None else value - before.get(k, 0)
        out.append(Count(k, value, change, UNKNOWN if k == NOT_KNOWN else k))
    return out


def _snapshot_counts(data: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    rows = [a for a in data.get("actions", []) if not a.get("withdrawn")]
    return (
        _counts([a.get("rag") for a in rows], RAGS),
        _counts([a.get("stage") for a in rows], STAGES),
    )


def _plans(plans: list[Plan], team: set[int], today: date) -> list[PlanFigures]:
    ids = [p.pk for p in plans]
    actions = list(
        Action.objects.filter(plan__in=ids, withdrawn_on__isnull=True).values_list(
            "plan_id", "rag", "stage"
        )
    )
    by_plan: dict[int, list[tuple[str | None, str | None]]] = defaultdict(list)
    for plan_id, rag, stage in actions:
        by_plan[plan_id].append((rag, stage))
    late = defaultdict(list)
    for a in past_end(Action.objects.filter(plan__in=ids), today).order_by("plan_id", "position"):
        late[a.plan_id].append(a)
    published = defaultdict(list)
    for period in ReportingPeriod.objects.filter(
        plan__in=ids, status=ReportingPeriod.Status.PUBLISHED
    ).order_by("plan_id", "position"):
        published[period.plan_id].append(period)
    befores = {pid: ps[-2] for pid, ps in published.items() if len(ps) > 1}
    snaps = {
        s.period_id: s.data
        for s in Snapshot.objects.filter(period__in=[p.pk for p in befores.values()])
    }
    opened = _open_periods([p for p in plans if p.pk in team], today)
    out = []
    for plan in plans:
        rows = by_plan.get(plan.pk, [])
        before = befores.get(plan.pk)
        then = _snapshot_counts(snaps[before.pk]) if before and before.pk in snaps else None
        out.append(
            PlanFigures(
                plan=plan,
                total=len(rows),
                rag=_count_list(_counts([r for r, _ in rows], RAGS), then and then[0], RAGS),
                stage=_count_list(_counts([s for _, s in rows], STAGES), then and then[1], STAGES),
                latest=published[plan.pk][-1].label if published.get(plan.pk) else None,
                before=before.label if before and then else None,
                past_end=late.get(plan.pk, []),
                insider=plan.pk in team,
                open_periods=opened.get(plan.pk, []),
            )
        )
    return out


def _open_periods(plans: list[Plan], today: date) -> dict[int, list[OpenPeriod]]:
    """For the plan's team only: each open period's updates by status."""
    if not plans:
        return {}
    ids = [p.pk for p in plans]
    periods = list(
        ReportingPeriod.objects.filter(plan__in=ids, status=ReportingPeriod.Status.OPEN).order_by(
            "plan_id", "position"
        )
    )
    in_plan = Counter(
        Action.objects.filter(plan__in=ids, withdrawn_on__isnull=True).values_list(
            "plan_id", flat=True
        )
    )
    statuses: dict[int, Counter[str]] = defaultdict(Counter)
    for period_id, status in ProgressUpdate.objects.filter(
        period__in=periods, action__withdrawn_on__isnull=True
    ).values_list("period_id", "status"):
        statuses[period_id][status] += 1
    out: dict[int, list[OpenPeriod]] = defaultdict(list)
    for p in periods:
        c = statuses[p.pk]
        started = sum(c.values())
        c[NOT_STARTED] = in_plan[p.plan_id] - started
        done = sum(c[s] for s in DONE)
        out[p.plan_id].append(
            OpenPeriod(
                period=p,
                statuses=[(str(s), c[s]) for s in PROGRESS],
                missing=in_plan[p.plan_id] - done,
                overdue=bool(p.due and p.due < today),
            )
        )
    return out


# --- KPIs, risks and carbon ----------------------------------------------------------------


def _kpis(user: Any, organisations: list[Organisation]) -> tuple[list[KpiView], int]:
    qs = (
        indicators_visible(user)
        .filter(organisation__in=organisations, retired_on__isnull=True)
        .order_by("organisation__name", "title")
    )
    views = [kpi_view(i) for i in qs]
    judged = [v for v in views if v.latest is not None]
    return [v for v in views if v.off_track], len(judged)


def _risks(
    user: Any, organisations: list[Organisation], today: date
) -> tuple[list[WorstRisk], list[WorstRisk]]:
    worst, overdue = [], []
    registers = registers_visible(user).filter(organisation__in=organisations)
    for register in registers.order_by("organisation__name", "title"):
        view = register_view(register, user)
        worst += [WorstRisk(view, r) for r in view.top(WORST_RISKS)]
        overdue += [WorstRisk(view, r) for r in view.overdue(today)]
    # Across registers the worst band first, then the highest severity on its own matrix.
    worst.sort(key=_worst)
    return worst[:WORST_RISKS], overdue


def _worst(w: WorstRisk) -> tuple[int, int]:
    """Across registers: the nearest its matrix's top band first, then the most severe score
    on its own matrix."""
    m = w.register.matrix
    below_top = len(m.bands) - 1 - m.band_rank(w.risk.current_band)
    return below_top, -m.severity(w.risk.current or 0)


def _emissions(user: Any, organisations: list[Organisation]) -> list[Emissions]:
    out = []
    for organisation in organisations:
        roadmaps = list(organisation.roadmaps.order_by("title"))  # type: ignore[attr-defined]
        if not roadmaps:
            continue
        inventory = carbon_selectors.inventory_view(organisation)
        measured = {t.year: t for t in inventory.totals}
        for roadmap in roadmaps:
            view = carbon_selectors.roadmap_view(roadmap, user=user)
            checks = [tv for tv in view.targets if tv.check is not None]
            paths = {tv.target.name: {c.year: c.allowed for c in tv.years} for tv in checks}
            years = [
                EmissionsYear(
                    year=row.year,
                    period=measured[row.year].period if row.year in measured else "",
                    measured=measured[row.year].measured if row.year in measured else None,
                    trajectory=row.gross,
                    allowed=[p.get(row.year) for p in paths.values()],
                )
                for row in view.rows
                if row.year >= roadmap.baseline_year
            ]
            finals = [
                (tv.target.name, f.year, f.allowed, f.emissions, f.on_track)
                for tv in checks
                if (f := tv.final) is not None
            ]
            net = [tv.target.name for tv in checks if tv.target.net]
            out.append(Emissions(roadmap, list(paths), years, finals, net))
    return out


def overview(
    user: Any, organisation: Organisation | None = None, today: date | None = None
) -> Overview:
    """The overview of one organisation, or with none, of every organisation whose plans
    `user` may read (a host of several councils)."""
    today = today or date.today()
    plans = list(
        Plan.objects.filter(visibility.plans(user))
        .filter(**({"organisation": organisation} if organisation else {}))
        .select_related("organisation")
        .order_by("organisation__name", "title")
    )
    team = set(
        Plan.objects.filter(visibility.team(user))
        .filter(pk__in=[p.pk for p in plans])
        .values_list("pk", flat=True)
    )
    if organisation is not None:
        organisations = [organisation]
    else:
        organisations = list(
            Organisation.objects.filter(Q(plans__in=[p.pk for p in plans]))
            .distinct()
            .order_by("name")
        )
    kpis, judged = _kpis(user, organisations)
    worst, overdue = _risks(user, organisations, today)
    return Overview(
        organisations=organisations,
        today=today,
        plans=_plans(plans, team, today),
        kpis_off_track=kpis,
        kpis_judged=judged,
        worst_risks=worst,
        overdue_reviews=overdue,
        emissions=_emissions(user, organisations),
    )


# --- Downloads -----------------------------------------------------------------------------


def _n(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value), 1)


def overview_data(o: Overview) -> dict[str, Any]:
    """The same figures as the page, as JSON (and, flattened, as the CSV's rows)."""
    plans = []
    for p in o.plans:
        row: dict[str, Any] = {
            "organisation": p.plan.organisation.name,
            "plan": p.plan.slug,
            "title": p.plan.title,
            "status": p.plan.status,
            "actions": p.total,
            "latest_published_period": p.latest,
            "change_since": p.before,
            "rag": {c.label: {"count": c.value, "change": c.change} for c in p.rag},
            "stage": {c.label: {"count": c.value, "change": c.change} for c in p.stage},
            "past_end": [a.ref for a in p.past_end],
        }
        if p.insider:
            row["open_periods"] = [
                {
                    "period": op.period.label,
                    "due": op.period.due.isoformat() if op.period.due else None,
                    "overdue": op.overdue,
                    "without_update": op.missing,
                    "updates": dict(op.statuses),
                }
                for op in p.open_periods
            ]
        plans.append(row)
    return {
        "format": "plantracker-overview/1",
        "date": o.today.isoformat(),
        "organisations": [org.name for org in o.organisations],
        "plans": plans,
        "kpis_off_track": [
            {
                "organisation": k.indicator.organisation.name,
                "slug": k.indicator.slug,
                "title": k.indicator.title,
                "status": k.status.value,
                "latest": str(k.latest.value) if k.latest else None,
                "period": k.latest.period.label if k.latest else None,
            }
            for k in o.kpis_off_track
        ],
        "kpis_with_a_status": o.kpis_judged,
        "worst_risks": [_risk(w) for w in o.worst_risks],
        "overdue_risk_reviews": [_risk(w) for w in o.overdue_reviews],
        "emissions": [
            {
                "roadmap": e.roadmap.slug,
                "title": e.roadmap.title,
                "years": [
                    {
                        "year": y.year,
                        "period": y.period or None,
                        "measured": _n(y.measured),
                        "trajectory": _n(y.trajectory),
                        "targets": {k: _n(v) for k, v in zip(e.targets, y.allowed, strict=True)},
                    }
                    for y in e.years
                ],
                "targets": [
                    {"name": n, "year": yr, "allowed": _n(a), "projected": _n(pr), "on_track": ok}
                    for n, yr, a, pr, ok in e.target_checks
                ],
            }
            for e in o.emissions
        ],
    }


def _risk(w: WorstRisk) -> dict[str, Any]:
    r = w.risk
    return {
        "register": w.register.register.slug,
        "register_title": w.register.register.title,
        "ref": r.risk.ref,
        "title": r.risk.title,
        "current": r.current,
        "band": r.current_band.name if r.current_band else None,
        "review_date": r.risk.review_date.isoformat() if r.risk.review_date else None,
    }


HEAD = ["Section", "Organisation", "Plan", "Item", "Value", "Change", "Note"]


def overview_rows(o: Overview) -> list[list[Any]]:
    """One row per figure, for the CSV and the spreadsheet."""
    rows: list[list[Any]] = []
    for p in o.plans:
        org, plan = p.plan.organisation.name, p.plan.title
        since = f"since {p.before}" if p.before else ""
        rows.append(["Actions", org, plan, "Actions in the plan", p.total, "", ""])
        rows += [["RAG", org, plan, c.label, c.value, c.change, since] for c in p.rag]
        rows += [["Stage", org, plan, c.label, c.value, c.change, since] for c in p.stage]
        refs = ", ".join(a.ref for a in p.past_end)
        rows.append(
            ["Past end", org, plan, "Actions past their end date", len(p.past_end), "", refs]
        )
        if p.insider:
            for op in p.open_periods:
                for status, n in op.statuses:
                    rows.append(
                        ["Open period", org, plan, f"{op.period.label}: {status}", n, "", ""]
                    )
                note = "overdue" if op.overdue else ""
                rows.append(
                    [
                        "Open period",
                        org,
                        plan,
                        f"{op.period.label}: without an update",
                        op.missing,
                        "",
                        note,
                    ]
                )
    for k in o.kpis_off_track:
        latest = f"{k.latest.value} ({k.latest.period.label})" if k.latest else ""
        rows.append(
            [
                "KPI off track",
                k.indicator.organisation.name,
                "",
                k.indicator.title,
                latest,
                "",
                k.status.value,
            ]
        )
    for w in o.worst_risks:
        rows.append(
            [
                "Worst risk",
                w.register.register.organisation.name,
                "",
                f"{w.register.register.title}: {w.risk.risk.ref} {w.risk.risk.title}",
                w.risk.current,
                "",
                w.risk.current_band.name if w.risk.current_band else "",
            ]
        )
    for w in o.overdue_reviews:
        due = w.risk.risk.review_date.isoformat() if w.risk.risk.review_date else ""
        rows.append(
            [
                "Risk review overdue",
                w.register.register.organisation.name,
                "",
                f"{w.register.register.title}: {w.risk.risk.ref} {w.risk.risk.title}",
                due,
                "",
                "",
            ]
        )
    for e in o.emissions:
        org = e.roadmap.organisation.name
        for y in e.years:
            if y.measured is not None:
                rows.append(
                    [
                        "Emissions",
                        org,
                        "",
                        f"{e.roadmap.title}: {y.period} measured",
                        _n(y.measured),
                        "",
                        f"roadmap expects {_n(y.trajectory)}",
                    ]
                )
        for n, yr, allowed, projected, ok in e.target_checks:
            rows.append(
                [
                    "Carbon target",
                    org,
                    "",
                    f"{n} ({yr})",
                    _n(projected),
                    "",
                    f"allowed {_n(allowed)}: {'on track' if ok else 'off track'}",
                ]
            )
    return rows


# --- Charts --------------------------------------------------------------------------------

MEASURED = "Measured emissions"
TRAJECTORY = "Roadmap trajectory"


def by_plan_rows(o: Overview, key: str) -> list[dict[str, Any]]:
    """Rows for the RAG or stage chart ({theme: the plan, <key>, <key>_order, count}: the
    plan page's chart, with plans for themes)."""
    rows = []
    for p in o.plans:
        for order, c in enumerate(getattr(p, key)):
            if c.value:
                rows.append(
                    {"theme": p.plan.title, key: c.label, f"{key}_order": order, "count": c.value}
                )
    return rows


def emissions_series(e: Emissions) -> list[str]:
    return [MEASURED, TRAJECTORY, *e.targets]


def emissions_rows(e: Emissions) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for y in e.years:
        if y.measured is not None:
            rows.append({"year": y.year, "series": MEASURED, "tco2e": _n(y.measured)})
        rows.append({"year": y.year, "series": TRAJECTORY, "tco2e": _n(y.trajectory)})
        for name, allowed in zip(e.targets, y.allowed, strict=True):
            if allowed is not None:
                rows.append({"year": y.year, "series": name, "tco2e": _n(allowed)})
    return rows
