"""*My work*: everything waiting for one signed-in person, gathered from the apps that keep
it — updates to write and to review, periods to close or publish, and the imports and
prepared reports they asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plantracker.imports.models import ImportJob
from plantracker.reports.models import PreparedReport
from plantracker.updates import selectors as updates
from plantracker.updates.models import ProgressUpdate, ReportingPeriod

RECENT = 10  # the latest imports and prepared reports of theirs that the page lists


@dataclass
class MyWork:
    to_write: list[updates.PeriodTasks]
    to_review: list[ProgressUpdate]
    periods: list[ReportingPeriod]
    imports: list[ImportJob]
    reports: list[PreparedReport]

    @property
    def write_count(self) -> int:
        return sum(len(g.due()) for g in self.to_write)

    @property
    def empty(self) -> bool:
        return not (
            self.write_count or self.to_review or self.periods or self.imports or self.reports
        )


def my_work(user: Any) -> MyWork:
    return MyWork(
        to_write=updates.my_tasks(user),
        to_review=list(updates.to_review(user)),
        periods=updates.periods_to_finish(user),
        imports=list(
            ImportJob.objects.filter(requested_by=user)
            .select_related("plan", "organisation")
            .defer("lines", "problems", "columns", "maps", "options")[:RECENT]
        ),
        reports=list(
            PreparedReport.objects.filter(requested_by=user).select_related("period__plan")[:RECENT]
        ),
    )
