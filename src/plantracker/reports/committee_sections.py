"""The committee report's sections on what success looks like: KPIs off track, the top
risks of each register and the gaps in the plan's coverage of its strategy.

KPIs and risks come from the period's snapshot, so a published report keeps the figures
members saw. Coverage compares the snapshot's actions with the strategy's objectives as they
stand (a strategy is not edited period by period). Snapshots taken before KPIs and risks were
recorded have neither, and the sections say so rather than showing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plantracker.indicators.status import BAD, Status
from plantracker.risks.matrix import Matrix
from plantracker.strategy.coverage import ActionCoverage, ActionRow, action_coverage

TOP_RISKS = 5


@dataclass(frozen=True)
class KpiLine:
    title: str
    status: str
    target: str | None
    latest: str  # "64.2 % (2018-19)" or "No data"
    rule: str


@dataclass(frozen=True)
class RegisterTop:
    title: str
    rule: str
    count: int  # risks in the register
    risks: list[dict[str, Any]]  # the worst first, as in the snapshot
    overdue: list[dict[str, Any]] = field(default_factory=list)  # open, review date passed
    as_of: date | None = None  # the day the review dates are judged on


@dataclass(frozen=True)
class KpiSummary:
    recorded: bool  # False for snapshots taken before KPIs were kept in them
    total: int
    counts: list[tuple[str, int]]  # status → KPIs, every status in order
    off_track: list[KpiLine]


def _figure(value: float, unit: str) -> str:
    text = f"{value:g}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def kpi_line(kpi: dict[str, Any]) -> KpiLine:
    obs = kpi.get("observations") or []
    unit = kpi.get("unit") or ""
    latest = f"{_figure(obs[-1]['value'], unit)} ({obs[-1]['period']})" if obs else "No data"
    return KpiLine(kpi["title"], kpi["status"], kpi.get("target"), latest, kpi.get("rule") or "")


def kpi_summary(data: dict[str, Any]) -> KpiSummary:
    kpis = data.get("kpis")
    if kpis is None:
        return KpiSummary(False, 0, [], [])
    kpis = [k for k in kpis if not k.get("retired")]  # kept in the snapshot, not counted
    counts = [(s.value, sum(1 for k in kpis if k["status"] == s.value)) for s in Status]
    bad = {s.value for s in BAD}
    off = [kpi_line(k) for k in kpis if k["status"] in bad]
    return KpiSummary(True, len(kpis), counts, off)


def _matrix(register: dict[str, Any]) -> Matrix:
    m = register["matrix"]
    return Matrix.from_settings(m["scale"], m["method"], m["one_is_highest"], m["bands"])


def review_overdue(risk: dict[str, Any], as_of: date | None) -> date | None:
    """The review date of an open risk (as in a snapshot) when it is before `as_of`."""
    text = risk.get("review_date")
    if not text or as_of is None or risk.get("status", "open") != "open":
        return None
    try:
        when = date.fromisoformat(text)
    except ValueError:
        return None
    return when if when < as_of else None


def overdue_text(when: date) -> str:
    return f"Review overdue since {when.day} {when:%B %Y}"


def top_risks(
    data: dict[str, Any], n: int = TOP_RISKS, as_of: date | None = None
) -> list[RegisterTop] | None:
    """Each register's `n` worst risks by the score that stands now (residual when
    assessed), on the register's own scale, and its open risks whose review date was before
    `as_of`; None when the snapshot kept no registers."""
    registers = data.get("risks")
    if registers is None:
        return None
    out = []
    for reg in registers:
        matrix = _matrix(reg)
        # Closed and inactive risks are on the register page, not among the worst now.
        scored = [r for r in reg["risks"] if r.get("current") is not None
                  and r.get("status", "open") == "open"]  # fmt: skip
        # sorted() is stable: equal scores keep the register's order.
        worst = sorted(scored, key=lambda r: -matrix.severity(r["current"]))[:n]
        late = sorted((r for r in reg["risks"] if review_overdue(r, as_of)),
                      key=lambda r: r["review_date"])  # fmt: skip
        out.append(RegisterTop(reg["title"], reg["matrix"]["rule"], len(reg["risks"]), worst,
                               late, as_of))  # fmt: skip
    return out


def current_band(risk: dict[str, Any]) -> str | None:
    if risk.get("residual_score") is not None:
        return risk.get("residual_band")  # type: ignore[no-any-return]
    return risk.get("band")  # type: ignore[no-any-return]


def coverage_gaps(plan: Any, actions: list[dict[str, Any]]) -> ActionCoverage | None:
    """The snapshot's actions against the plan's strategy; None when the plan follows none."""
    if not plan.framework_id:
        return None
    from plantracker.strategy.selectors import objective_rows

    rows = [ActionRow(a["ref"], a["title"], tuple(a.get("objectives") or ())) for a in actions]
    return action_coverage(objective_rows(plan.framework), rows)


# The sections' tables, as cells: the same for the web page, the PDF and the Word document.

KPI_HEAD = ["KPI", "Target", "Latest value", "Status", "How it is judged"]
RISK_HEAD = ["Ref", "Risk", "Owner", "Score now", "Inherent", "Residual", "Review date"]
OBJECTIVE_HEAD = ["Code", "Objective", "Aim", "Internal or external"]
UNLINKED_HEAD = ["Action", "Why it is a gap"]


def kpi_cells(line: KpiLine) -> list[str]:
    return [line.title, line.target or "No target", line.latest, line.status, line.rule]


def _assessed(score: int | None, band: str | None, impact: Any, likelihood: Any) -> str:
    if score is None:
        return "Not assessed"
    named = f"{score} {band}" if band else str(score)
    return f"{named} (impact {impact}, likelihood {likelihood})"


def _review(risk: dict[str, Any], as_of: date | None) -> str:
    when = review_overdue(risk, as_of)
    if when is not None:
        return overdue_text(when)
    return risk.get("review_date") or "Not set"


def risk_cells(risk: dict[str, Any], as_of: date | None = None) -> list[str]:
    band = current_band(risk)
    return [
        risk["ref"],
        risk["title"],
        risk.get("owner") or "Not given",
        f"{risk['current']} {band}" if band else str(risk["current"]),
        _assessed(risk.get("score"), risk.get("band"), risk["impact"], risk["likelihood"]),
        _assessed(
            risk.get("residual_score"),
            risk.get("residual_band"),
            risk.get("residual_impact"),
            risk.get("residual_likelihood"),
        ),
        _review(risk, as_of),
    ]


OVERDUE_HEAD = ["Ref", "Risk to review", "Owner", "Review"]


def overdue_cells(risk: dict[str, Any], as_of: date | None) -> list[str]:
    when = review_overdue(risk, as_of)
    return [risk["ref"], risk["title"], risk.get("owner") or "Not given",
            overdue_text(when) if when else ""]  # fmt: skip


def overdue_caption(reg: RegisterTop) -> str:
    n = len(reg.overdue)
    return f"{reg.title}: {n} open risk{'s' if n != 1 else ''} overdue for review"


def top_text(reg: RegisterTop) -> str:
    shown = len(reg.risks)
    return (
        f"{reg.rule} Shown: the {shown} highest of its {reg.count} risks by the score that "
        "stands now, which is the residual score where controls have been assessed and the "
        "inherent score where not."
    )


NO_KPI_OFF_TRACK = "No KPI is off track or has missed its target."
NO_RISK_SCORED = "No risk in this register has been scored."


def kpi_text(summary: KpiSummary, plan: str) -> str:
    if not summary.recorded:
        return (
            "This report was published before KPIs were reported with it, so it has none to show."
        )
    if not summary.total:
        return f"No KPIs are recorded for {plan}."
    counts = ", ".join(f"{n} {status}" for status, n in summary.counts)
    s = "s" if summary.total != 1 else ""
    return f"Of the plan's {summary.total} KPI{s}: {counts}."


def kpi_caption(summary: KpiSummary) -> str:
    return f"KPIs off track or not met ({len(summary.off_track)})"


def risks_text(top: list[RegisterTop] | None, plan: str) -> str:
    """What to say when there is no register to show; empty when there is."""
    if top is None:
        return (
            "This report was published before risk registers were reported with it, so it has "
            "none to show."
        )
    return "" if top else f"{plan} has no risk register."


def coverage_text(coverage: ActionCoverage | None, plan: Any) -> str:
    if coverage is None:
        return (
            f"{plan.title} is not linked to a strategy, so there are no objectives to check "
            "its actions against."
        )
    strategy = plan.framework.title
    n = len(coverage.objectives)
    covered = n - len(coverage.uncovered)
    return (
        f"The plan's actions against the {n} objectives of the {strategy}: {covered} have at "
        f"least one action, {len(coverage.uncovered)} have none, and {len(coverage.unlinked)} "
        "actions name no particular objective."
    )


@dataclass(frozen=True)
class GapTable:
    heading: str
    caption: str
    head: list[str]
    rows: list[list[str]]
    none: str  # said instead of an empty table


def gap_tables(coverage: ActionCoverage) -> list[GapTable]:
    tables = [
        GapTable(
            "Objectives no action supports",
            f"Objectives with no action ({len(coverage.uncovered)})",
            OBJECTIVE_HEAD,
            [[o.code, o.text, o.aim, o.kind] for o in coverage.uncovered],
            "Every objective has at least one action.",
        ),
        GapTable(
            "Actions that name no objective",
            f"Actions with no particular objective ({len(coverage.unlinked)})",
            UNLINKED_HEAD,
            [[f"{u.ref} {u.title}", u.reason] for u in coverage.unlinked],
            "Every action names at least one of the strategy's objectives.",
        ),
    ]
    if coverage.unknown:
        tables.append(
            GapTable(
                "Objective codes the strategy does not have",
                f"Codes named by actions but not in the strategy ({len(coverage.unknown)})",
                ["Code", "Actions naming it"],
                [[code, ", ".join(refs)] for code, refs in coverage.unknown.items()],
                "",
            )
        )
    return tables
