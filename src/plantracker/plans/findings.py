"""Dismissing a data-quality finding: an editor has looked and decided nothing needs changing.

A dismissed finding stays listed (as dismissed, with the reason, who and when). Findings are
worked out afresh by every check and every import; a fresh finding about the same data, saying
the same thing, inherits the dismissal. A finding's message names the values it is about (the
recorded and computed scores, the dates, the objective code), so when that data changes the
finding is new and is raised again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Finding

REASON_MAX = 2000

Key = tuple[str, str, str, str, str]


class NotDismissable(ValueError):
    """Said to the editor: what is wrong with the dismissal they asked for."""


def key(finding: Finding) -> Key:
    """What a finding is about and what it says: the same key, the same finding."""
    return (finding.ref, finding.field, finding.kind, finding.message, finding.original)


def carry_dismissals(old: Iterable[Finding], new: Iterable[Finding]) -> int:
    """Give each new finding the dismissal of an old one with the same key; how many."""
    dismissed = {key(f): f for f in old if f.dismissed_at is not None}
    carried = 0
    for finding in new:
        was = dismissed.get(key(finding))
        if was is not None:
            finding.dismissed_reason = was.dismissed_reason
            finding.dismissed_by_id = was.dismissed_by_id
            finding.dismissed_at = was.dismissed_at
            carried += 1
    return carried


@transaction.atomic
def finding_dismiss(*, finding: Finding, reason: str, user: Any) -> Finding:
    reason = reason.strip()
    if not reason:
        raise NotDismissable("Say why nothing needs changing, so the next editor knows.")
    if len(reason) > REASON_MAX:
        raise NotDismissable(f"Keep the reason to {REASON_MAX:,} characters or fewer.")
    finding.dismissed_reason = reason
    finding.dismissed_by = user
    finding.dismissed_at = timezone.now()
    finding.save(update_fields=["dismissed_reason", "dismissed_by", "dismissed_at"])
    return finding


@transaction.atomic
def finding_restore(*, finding: Finding) -> Finding:
    """Raise a dismissed finding again (the dismissal was a mistake)."""
    finding.dismissed_reason = ""
    finding.dismissed_by = None
    finding.dismissed_at = None
    finding.save(update_fields=["dismissed_reason", "dismissed_by", "dismissed_at"])
    return finding
