"""Where a period's updates stand: counts by status, overall and by theme, and what is still
open. Plain functions of the period's tasks (selectors.period_updates)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .selectors import Task
from .workflow import Status

NOT_STARTED = "not started"
# The columns of the period page's count table, in the order an update moves through them.
STATUSES = [
    NOT_STARTED,
    Status.DRAFT.value,
    Status.SUBMITTED.value,
    Status.RETURNED.value,
    Status.APPROVED.value,
    Status.PUBLISHED.value,
]


@dataclass
class Row:
    """One line of counts: the whole plan, or one theme."""

    label: str
    theme_id: int | None
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[tuple[str, int]]:
        return [(s, self.counts[s]) for s in STATUSES]


@dataclass
class Tally:
    overall: Row
    themes: list[Row]
    not_started: list[Task]
    drafts: list[Task]
    submitted: list[Task]
    returned: list[Task]
    withdrawn: list[Task]

    @property
    def still_open(self) -> int:
        """Updates that are neither approved nor published."""
        return len(self.not_started) + len(self.drafts) + len(self.submitted) + len(self.returned)


NO_THEME = "No theme"


def tally(tasks: list[Task]) -> Tally:
    """Withdrawn actions need no update: they are counted apart, not as "not started"."""
    overall = Row("All actions", None)
    themes: dict[int | None, tuple[float, Row]] = {}
    by_status: dict[str, list[Task]] = {s: [] for s in STATUSES}
    withdrawn = []
    for t in tasks:
        if t.action.withdrawn and not t.update:
            withdrawn.append(t)
            continue
        status = t.status
        overall.counts[status] += 1
        theme = t.action.theme
        key = theme.pk if theme else None
        if key not in themes:
            place = float(theme.position) if theme else float("inf")
            themes[key] = (place, Row(str(theme.name) if theme else NO_THEME, key))
        themes[key][1].counts[status] += 1
        by_status.setdefault(status, []).append(t)
    return Tally(
        overall=overall,
        themes=[row for _, row in sorted(themes.values(), key=lambda pr: pr[0])],
        withdrawn=withdrawn,
        not_started=by_status[NOT_STARTED],
        drafts=by_status[Status.DRAFT.value],
        submitted=by_status[Status.SUBMITTED.value],
        returned=by_status[Status.RETURNED.value],
    )
