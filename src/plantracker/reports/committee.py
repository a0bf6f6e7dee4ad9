"""The committee report for a period: what members read before a scrutiny meeting.

Built once as plain data from the period's snapshot (so a published period's report is
the same however the plan changes later), then drawn as HTML, PDF, Word or Excel by the
modules beside this one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from plantracker.plans.models import Plan
from plantracker.strategy.coverage import ActionCoverage
from plantracker.updates.changes import ChangeReport, compare, effective_end
from plantracker.updates.diff import Segment
from plantracker.updates.markdown import plain
from plantracker.updates.models import ReportingPeriod
from plantracker.updates.snapshots import build, previous_published, snapshot_data

from . import charts
from .brand import Brand, brand_for
from .committee_carbon import RoadmapSection, carbon_sections
from .committee_sections import (
    KpiSummary,
    RegisterTop,
    coverage_gaps,
    kpi_summary,
    top_risks,
)
from .council_text import CouncilText, council_text
from .plan_data import day_label, month_label

EXCEPTION_RAGS = ("Red", "Amber")
NARRATIVE_CHANGED = "text changed: marked in the appendix"


@dataclass(frozen=True)
class ActionChanges:
    """One action's lines in the "what changed" table: (what, was, now, change) each."""

    ref: str
    title: str
    title_diff: list[Segment] | None
    rows: list[tuple[str, str, str, str]]


@dataclass
class CommitteeReport:
    plan: Plan
    period: ReportingPeriod
    data: dict[str, Any]
    since: ReportingPeriod | None
    changes: ChangeReport | None
    rag_rows: list[dict[str, Any]]
    stage_rows: list[dict[str, Any]]
    rag_totals: list[tuple[str, int]]
    stage_totals: list[tuple[str, int]]
    exceptions: list[dict[str, Any]]
    slipped: list[dict[str, Any]]
    overdue: list[dict[str, Any]]  # past their end (or revised end), not completed
    no_update: list[dict[str, Any]]  # in the plan, with no update written for this period
    withdrawn: list[dict[str, Any]]
    kpis: KpiSummary
    top_risks: list[RegisterTop] | None
    coverage: ActionCoverage | None
    carbon: list[RoadmapSection] | None
    brand: Brand
    text: CouncilText

    @property
    def title(self) -> str:
        return f"{self.plan.title}: progress report, {self.period.label}"

    @property
    def published(self) -> bool:
        return self.period.status == ReportingPeriod.Status.PUBLISHED

    @property
    def actions(self) -> list[dict[str, Any]]:
        return self.data["actions"]  # type: ignore[no-any-return]

    @property
    def counted(self) -> list[dict[str, Any]]:
        """The actions in the plan: every one but those withdrawn."""
        return [a for a in self.actions if not a.get("withdrawn")]

    @property
    def appendix(self) -> list[tuple[dict[str, Any], list[Segment] | None]]:
        """Every action with its update's changes since the last report, or None where the
        text did not change: the appendix marks them as the council's tracker does."""
        diffs = {c.ref: c.narrative_diff for c in self.changes.changed} if self.changes else {}
        return [(a, diffs.get(a["ref"])) for a in self.actions]

    def update_label(self, action: dict[str, Any]) -> str:
        """Said above an action's update text when it was not written for this period:
        every renderer prints it, so old text is never passed off as this period's."""
        return update_label(action, self.period.label)

    @property
    def change_table(self) -> list[ActionChanges]:
        return change_table(self.changes) if self.changes else []

    @property
    def meeting_date(self) -> date | None:
        return self.period.meeting_date

    def rag_chart(self) -> dict[str, Any]:
        return charts.rag_by_theme(self.rag_rows)

    def stage_chart(self) -> dict[str, Any]:
        return charts.stage_by_theme(self.stage_rows)

    def chart_text(self, which: str) -> str:
        """Alt text: the chart's figures in words, for screen readers in PDF and Word."""
        rows = self.rag_rows if which == "rag" else self.stage_rows
        key = "rag" if which == "rag" else "stage"
        label = "RAG rating" if which == "rag" else "stage"
        parts: dict[str, list[str]] = {}
        for r in rows:
            parts.setdefault(r["theme"], []).append(f"{r['count']} {r[key]}")
        body = "; ".join(f"{theme}: {', '.join(p)}" for theme, p in parts.items())
        return f"Bar chart of actions in each theme by {label}. {body}."


def update_label(action: dict[str, Any], period: str) -> str:
    written = action.get("narrative_period")
    if written == period:
        return ""
    if written and action.get("narrative"):
        return f"No update this period — last reported {written}"
    return "No update has been given for this action"


def reference_month(period: ReportingPeriod, as_of: date) -> str:
    """The month an action's end is judged against: the month updates were due, else the
    meeting's, else the day the report is as of ("2024-03")."""
    when = period.due or period.meeting_date or as_of
    return f"{when.year:04d}-{when.month:02d}"


def is_overdue(action: dict[str, Any], month: str) -> bool:
    """Past its end (or revised end) month and not completed, whether or not it moved."""
    end = effective_end(action)
    return bool(end) and str(end)[:7] < month and action.get("stage") != "Completed"


def _withdrawn(action: dict[str, Any], what: str) -> str:
    """The day and reason beside a withdrawn action's line."""
    if what != "Withdrawn" or not action.get("withdrawn"):
        return ""
    on, reason = action["withdrawn"]["on"], action["withdrawn"]["reason"]
    said = day_label(on)
    return f"{said}: {plain(reason)}" if reason else said


def change_table(changes: ChangeReport) -> list[ActionChanges]:
    """The changes since the last report as one table, the lines of each action together,
    as on the council workbook's Changes sheet. Changed update text is marked where it is
    read, in the appendix, rather than printed twice."""
    out = [
        ActionChanges(a["ref"], a["title"], None, [(what, "", _withdrawn(a, what), "")])
        for what, actions in (
            ("Added", changes.added),
            ("Removed", changes.removed),
            ("Withdrawn", changes.withdrawn),
            ("Restored to the plan", changes.restored),
        )
        for a in actions
    ]
    for c in changes.changed:
        rows: list[tuple[str, str, str, str]] = []
        if c.title_diff:
            rows.append(("Title", "", "", "reworded"))
        for f in c.fields:
            old = month_label(f.old) if f.field == "end" else f.old_text
            new = month_label(f.new) if f.field == "end" else f.new_text
            rows.append((f.label, old, new, f.direction))
        if c.rag_reason:
            rows.append(("Reason for the RAG rating", "", plain(c.rag_reason), ""))
        if c.narrative_diff:
            rows.append(("Update", "", "", NARRATIVE_CHANGED))
        out.append(ActionChanges(c.ref, c.title, c.title_diff, rows))
    return out


def _totals(actions: list[dict[str, Any]], key: str, domain: list[str]) -> list[tuple[str, int]]:
    counts = Counter(a.get(key) or charts.NOT_KNOWN for a in actions)
    return [(v, counts.get(v, 0)) for v in domain]


def _as_of(period: ReportingPeriod, published: bool) -> date:
    """The day review dates are judged on: the day a published period was published (its
    report does not change later), else today."""
    if published and period.published_at is not None:
        return timezone.localdate(period.published_at)
    return timezone.localdate()


def committee_report(
    plan: Plan, period: ReportingPeriod, since: ReportingPeriod | None = None
) -> CommitteeReport:
    """The report for `period`, with changes since `since` (default: the last published
    period before it). An unpublished period is reported as it stands now: a preview."""
    published = period.status == ReportingPeriod.Status.PUBLISHED
    data = snapshot_data(period) if published else build(plan)
    if not published:
        data = {**data, "label": period.label}
    since = since or previous_published(period)
    changes = compare(snapshot_data(since), data) if since else None
    # Withdrawn actions stay in the appendix and the changes, not in the counts and charts.
    actions = [a for a in data["actions"] if not a.get("withdrawn")]
    month = reference_month(period, _as_of(period, published))
    themes = data["themes"]
    return CommitteeReport(
        plan=plan,
        period=period,
        data=data,
        since=since,
        changes=changes,
        rag_rows=charts.count_by_theme(actions, themes, "rag", charts.RAGS),
        stage_rows=charts.count_by_theme(actions, themes, "stage", charts.STAGES),
        rag_totals=_totals(actions, "rag", charts.RAGS),
        stage_totals=_totals(actions, "stage", charts.STAGES),
        exceptions=[a for a in actions if a.get("rag") in EXCEPTION_RAGS],
        slipped=[
            a
            for a in actions
            if a.get("revised_end") and a.get("end") and effective_end(a) > a["end"]
        ],
        overdue=[a for a in actions if is_overdue(a, month)],
        no_update=[a for a in actions if a.get("narrative_period") != period.label],
        withdrawn=[a for a in data["actions"] if a.get("withdrawn")],
        kpis=kpi_summary(data),
        top_risks=top_risks(data, as_of=_as_of(period, published)),
        coverage=coverage_gaps(plan, actions),
        carbon=carbon_sections(data),
        brand=brand_for(plan.organisation),
        text=council_text(plan, period, since, len(data["actions"]), len(themes)),
    )
