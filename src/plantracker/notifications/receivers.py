"""The reporting cycle's events become emails: each queues `fan_out` for the task worker once
the change is committed (robust: a queue that cannot be reached never fails the person's
change; the event is then simply not emailed, and the log says so)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from plantracker.updates import signals

from .models import Notification
from .tasks import fan_out

Event = Notification.Event


def _later(kind: str, pk: int, user: Any, comment: str = "") -> None:
    actor = getattr(user, "pk", None)
    transaction.on_commit(lambda: fan_out.enqueue(kind, pk, actor, comment), robust=True)


@receiver(signals.update_submitted, dispatch_uid="notifications-update-submitted")
def update_submitted(sender: Any, update: Any, user: Any, **kwargs: Any) -> None:
    _later(Event.SUBMITTED, update.pk, user)


@receiver(signals.update_returned, dispatch_uid="notifications-update-returned")
def update_returned(sender: Any, update: Any, user: Any, comment: str = "", **kwargs: Any) -> None:
    _later(Event.RETURNED, update.pk, user, comment.strip())


@receiver(signals.period_published, dispatch_uid="notifications-period-published")
def period_published(sender: Any, period: Any, user: Any, **kwargs: Any) -> None:
    _later(Event.PUBLISHED, period.pk, user)
