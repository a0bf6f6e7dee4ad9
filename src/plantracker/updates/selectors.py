"""Reads for reporting cycles: a contributor's to-do list, a period's updates, audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from plantracker.core import visibility
from plantracker.core.models import Membership
from plantracker.plans.models import Action, Plan

from .models import ProgressUpdate, ReportingPeriod, UpdateEvent
from .workflow import DONE, Event, Status

# Who did something, when there is no account to name: an update that came from a
# spreadsheet has no author, and deleting a person's account keeps their steps, unnamed.
IMPORTED = "imported from a spreadsheet"
FORMER_USER = "a former user"


def periods_visible(plan: Plan, user: Any) -> QuerySet[ReportingPeriod]:
    return plan.periods.filter(visibility.periods(user))


def period_get(plan: Plan, slug: str, user: Any) -> ReportingPeriod | None:
    return periods_visible(plan, user).filter(slug=slug).first()


@dataclass
class Task:
    action: Action
    update: ProgressUpdate | None

    @property
    def status(self) -> str:
        return self.update.status if self.update else "not started"

    @property
    def done(self) -> bool:
        return bool(self.update and self.update.status in DONE)


@dataclass
class PeriodTasks:
    period: ReportingPeriod
    tasks: list[Task] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return bool(self.period.due and self.period.due < timezone.localdate())

    def due(self) -> list[Task]:
        return [t for t in self.tasks if not t.done]

    def done(self) -> list[Task]:
        return [t for t in self.tasks if t.done]


def my_tasks(user: Any, *, period: ReportingPeriod | None = None) -> list[PeriodTasks]:
    """For each open period, the actions assigned to `user` and where their update stands.
    Only plans they still hold a role on count: an assignment outlasting the role is not theirs."""
    actions_qs = Action.objects.filter(assignees=user, withdrawn_on__isnull=True)
    if not user.is_superuser:
        role = Membership.objects.filter(
            Q(plan=OuterRef("plan")) | Q(plan__isnull=True),
            user=user,
            organisation=OuterRef("plan__organisation"),
        )
        actions_qs = actions_qs.filter(Exists(role))
    actions = list(actions_qs.select_related("plan", "theme").order_by("plan_id", "position"))
    if not actions:
        return []
    periods = ReportingPeriod.objects.filter(
        status=ReportingPeriod.Status.OPEN, plan__in={a.plan_id for a in actions}
    ).select_related("plan")
    if period is not None:
        periods = periods.filter(pk=period.pk)
    periods_list = list(periods)
    if not periods_list:
        return []
    updates = {
        (u.action_id, u.period_id): u
        for u in ProgressUpdate.objects.filter(period__in=periods_list, action__in=actions).only(
            "id", "action_id", "period_id", "status", "version"
        )
    }
    out = []
    for p in sorted(periods_list, key=lambda p: (p.due or date.max, p.pk)):
        tasks = [Task(a, updates.get((a.pk, p.pk))) for a in actions if a.plan_id == p.plan_id]
        out.append(PeriodTasks(p, tasks))
    return out


def period_updates(period: ReportingPeriod) -> list[Task]:
    """Every action of the period's plan with its update for the period (or none)."""
    updates = {
        u.action_id: u
        for u in period.updates.select_related("author").only(
            "id", "action_id", "status", "version", "rag", "stage", "author__username"
        )
    }
    actions = period.plan.actions.select_related("theme").prefetch_related("assignees")
    return [Task(a, updates.get(a.pk)) for a in actions.order_by("position")]


def update_get(action: Action, period: ReportingPeriod) -> ProgressUpdate | None:
    return (
        ProgressUpdate.objects.filter(action=action, period=period)
        .select_related("author")
        .prefetch_related("events__actor")
        .first()
    )


def previous_narrative(action: Action, period: ReportingPeriod) -> str:
    """The last published narrative before `period`: what the new update changes."""
    u = (
        action.updates.filter(status=Status.PUBLISHED, period__position__lt=period.position)
        .order_by("-period__position")
        .first()
    )
    return u.narrative if u else ""


@dataclass
class AuditEntry:
    at: datetime
    who: str
    what: str
    field: str
    old: str
    new: str


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if hasattr(value, "strftime"):
        return value.strftime("%b %Y") if isinstance(value, date) else str(value)
    return str(value)


AUDITED_ACTION_FIELDS = [
    "title", "theme", "role", "scope", "lead", "timescale", "start", "end", "revised_end",
    "cost", "carbon", "recorded_score", "stage", "rag", "owner", "estimated_tco2e",
    "success_measure",
]  # fmt: skip
AUDITED_UPDATE_FIELDS = ["narrative", "stage", "rag", "rag_reason", "revised_end"]


def action_audit(action: Action, *, unpublished: bool) -> list[AuditEntry]:
    """Who changed what and when: the action's own fields, and its updates' fields and
    workflow steps. The public sees changes to published updates only, and no usernames."""
    entries: list[AuditEntry] = []

    def who(user: Any, reason: str | None) -> str:
        return _who(user, reason, public=not unpublished)

    records = list(action.history.select_related("history_user").order_by("history_date"))
    for prev, rec in zip([None, *records], records, strict=False):
        by = who(rec.history_user, rec.history_change_reason)
        if prev is None:
            entries.append(AuditEntry(rec.history_date, by, "Action created", "", "", ""))
            continue
        delta = rec.diff_against(prev, included_fields=AUDITED_ACTION_FIELDS)
        for c in delta.changes:
            entries.append(
                AuditEntry(
                    rec.history_date, by, "Action changed", c.field, _show(c.old), _show(c.new)
                )
            )
    update_history = ProgressUpdate.history.filter(action_id=action.pk).select_related(
        "history_user", "period"
    )
    if not unpublished:
        update_history = update_history.filter(status=Status.PUBLISHED)
    by_update: dict[int, list[Any]] = {}
    for rec in update_history.order_by("history_date"):
        by_update.setdefault(rec.id, []).append(rec)
    for recs in by_update.values():
        for prev, rec in zip([None, *recs], recs, strict=False):
            if prev is None:
                continue
            delta = rec.diff_against(prev, included_fields=AUDITED_UPDATE_FIELDS)
            label = rec.period.label
            for c in delta.changes:
                entries.append(
                    AuditEntry(
                        rec.history_date,
                        who(rec.history_user, rec.history_change_reason),
                        f"{label} update changed",
                        c.field,
                        _show(c.old),
                        _show(c.new),
                    )
                )
    events = UpdateEvent.objects.filter(update__action=action).select_related(
        "actor", "update__period"
    )
    if not unpublished:
        events = events.filter(Q(update__status=Status.PUBLISHED))
    for e in events:
        entries.append(
            AuditEntry(
                e.at,
                who(e.actor, ""),
                f"{e.update.period.label} update: {e.get_event_display().lower()}",
                "status",
                "",
                e.comment,
            )
        )
    return sorted(entries, key=lambda e: e.at, reverse=True)


STAFF = "Council staff"  # who, for the public, when the person has no full name


def _who(user: Any, reason: str | None, *, public: bool = False) -> str:
    if user is not None:
        return user.get_full_name() or (STAFF if public else user.username)
    return reason or "Unknown"


def person_name(user: Any) -> str:
    """A person as pages name them; FORMER_USER when their account has been deleted."""
    if user is None:
        return FORMER_USER
    return str(user.get_full_name() or user.username)


def update_written_by(update: ProgressUpdate) -> str:
    """Who wrote an update: its author; FORMER_USER when the author's account is gone (the
    update was saved here); IMPORTED when no one saved it here (it came from a file).
    Reads `update.events`, which update_get prefetches."""
    if update.author is not None:
        return person_name(update.author)
    written_here = any(e.event in (Event.SAVE, Event.SUBMIT) for e in update.events.all())
    return FORMER_USER if written_here else IMPORTED


# --- what a reviewer has to do ---------------------------------------------------------------

REVIEW_ROLES = (Membership.Role.APPROVER, Membership.Role.ADMIN)


def reviewable_plans(user: Any) -> QuerySet[Plan]:
    """The plans whose updates `user` approves and whose periods they close and publish
    (the same people as permissions.can_review says)."""
    if not (user and user.is_authenticated):
        return Plan.objects.none()
    if user.is_superuser:
        return Plan.objects.all()
    role = Membership.objects.filter(
        Q(plan=OuterRef("pk")) | Q(plan__isnull=True),
        user=user,
        organisation=OuterRef("organisation"),
        role__in=REVIEW_ROLES,
    )
    return Plan.objects.filter(Exists(role))


def to_review(user: Any) -> QuerySet[ProgressUpdate]:
    """Updates submitted and waiting for `user`'s approval, the longest waiting first."""
    return (
        ProgressUpdate.objects.filter(
            status=Status.SUBMITTED,
            period__status__in=[ReportingPeriod.Status.OPEN, ReportingPeriod.Status.CLOSED],
            action__plan__in=reviewable_plans(user),
        )
        .select_related("action", "period", "action__plan", "author")
        .order_by("updated_at", "pk")
    )


def periods_to_finish(user: Any) -> list[ReportingPeriod]:
    """Periods `user` should move on: closed ones wait to be published; open ones whose due
    date has passed wait to be closed."""
    today = timezone.localdate()
    found = ReportingPeriod.objects.filter(plan__in=reviewable_plans(user)).filter(
        Q(status=ReportingPeriod.Status.CLOSED)
        | Q(status=ReportingPeriod.Status.OPEN, due__lt=today)
    )
    return list(found.select_related("plan").order_by("due", "plan__title", "position"))


@dataclass(frozen=True)
class WorkCounts:
    """The numbers the navigation shows beside *My work*."""

    to_write: int
    to_review: int

    @property
    def total(self) -> int:
        return self.to_write + self.to_review


def work_counts(user: Any) -> WorkCounts:
    to_write = sum(len(g.due()) for g in my_tasks(user))
    return WorkCounts(to_write=to_write, to_review=to_review(user).count())


def last_published(actions: list[Action], period: ReportingPeriod) -> dict[int, ProgressUpdate]:
    """Each action's latest published update from before `period`: what the public goes on
    seeing for an action that has no update published this period."""
    found: dict[int, ProgressUpdate] = {}
    earlier = (
        ProgressUpdate.objects.filter(
            action__in=[a.pk for a in actions],
            status=Status.PUBLISHED,
            period__position__lt=period.position,
        )
        .select_related("period")
        .only("id", "action_id", "narrative", "period__label", "period__position")
        .order_by("action_id", "-period__position")
    )
    for u in earlier:
        found.setdefault(u.action_id, u)
    return found
