"""Reminder emails: each contributor gets the list of their updates due or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from .models import ReportingPeriod
from .selectors import my_tasks


@dataclass
class Reminder:
    user: Any
    subject: str
    body: str
    count: int


def reminders(period: ReportingPeriod) -> tuple[list[Reminder], list[str]]:
    """The emails to send, and the people who cannot be reminded (no email address)."""
    users = {
        u for a in period.plan.actions.prefetch_related("assignees") for u in a.assignees.all()
    }
    out, missing = [], []
    base = settings.PLANTRACKER_BASE_URL.rstrip("/")
    overdue = bool(period.due and period.due < timezone.localdate())
    for user in sorted(users, key=lambda u: u.username):
        groups = my_tasks(user, period=period)
        due = [t for g in groups for t in g.due()]
        if not due:
            continue
        if not user.email:
            missing.append(user.username)
            continue
        when = period.due.strftime("%-d %B %Y") if period.due else "as soon as you can"
        state = "overdue" if overdue else "due"
        lines = [
            f"Dear {user.get_full_name() or user.username},",
            "",
            f"Your {period.label} update{'s are' if len(due) > 1 else ' is'} {state} "
            f"for {period.plan.title} (due {when}):",
            "",
        ]
        for t in due:
            url = base + reverse("update", args=[period.plan.slug, t.action.ref, period.slug])
            note = " (returned: see the approver's comment)" if t.status == "returned" else ""
            lines.append(f"- {t.action.ref} {t.action.title}{note}\n  {url}")
        lines += ["", "Thank you.", "", f"Plan Tracker · {period.plan.organisation.name}"]
        plural = "s" if len(due) > 1 else ""
        subject = (
            f"{'Overdue' if overdue else 'Due'}: {len(due)} {period.label} update{plural} "
            f"for {period.plan.title}"
        )
        out.append(Reminder(user, subject, "\n".join(lines), len(due)))
    return out, missing


def send(items: list[Reminder]) -> int:
    with get_connection() as connection:
        messages = [
            EmailMessage(
                r.subject,
                r.body,
                settings.DEFAULT_FROM_EMAIL,
                [r.user.email],
                connection=connection,
            )
            for r in items
        ]
        return connection.send_messages(messages) or 0
