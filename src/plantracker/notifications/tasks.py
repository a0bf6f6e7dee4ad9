"""Emails sent by the task worker (`plantracker db_worker`), never in a person's request.

A send that fails is recorded on its outbox row (attempts, last error) and queued again, up
to PLANTRACKER_EMAIL_ATTEMPTS tries in all, each PLANTRACKER_EMAIL_RETRY_SECONDS after the
last; then it is marked failed and stays in the outbox for the administrator to see.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import services
from .models import Notification

log = logging.getLogger(__name__)
Status = Notification.Status


def attempts_allowed() -> int:
    return max(int(getattr(settings, "PLANTRACKER_EMAIL_ATTEMPTS", 5)), 1)


def retry_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "PLANTRACKER_EMAIL_RETRY_SECONDS", 300)))


def send_later(ids: Iterable[int]) -> None:
    """Queue each email for the worker once the current transaction is committed."""
    for pk in ids:
        transaction.on_commit(lambda pk=pk: deliver.enqueue(pk), robust=True)  # type: ignore[misc]


@task()
def fan_out(kind: str, pk: int, actor_pk: int | None, comment: str = "") -> int:
    """Write the emails of one event to the outbox and queue those to send now."""
    ids = services.fan_out(kind, pk, actor_pk, comment)
    for n in ids:
        deliver.enqueue(n)
    return len(ids)


def message(n: Notification) -> EmailMultiAlternatives:
    """The email, plain text with an HTML alternative. GOV.UK Notify's backend sends the
    plain text through its template and leaves out the HTML and the headers."""
    headers = {}
    if n.unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{n.unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    email = EmailMultiAlternatives(
        n.subject, n.text, settings.DEFAULT_FROM_EMAIL, [n.address], headers=headers
    )
    email.attach_alternative(n.html, "text/html")
    return email


@task()
def deliver(pk: int) -> str:
    """Send one email of the outbox, recording the attempt; queue another try if it failed."""
    with transaction.atomic():
        n = Notification.objects.select_for_update().filter(pk=pk).first()
        if n is None or n.status != Status.PENDING:
            return n.status if n else "gone"
        n.attempts += 1
        try:
            message(n).send()
        except Exception as exc:  # any backend's failure: recorded, tried again later
            n.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            log.warning("Email %s to %s failed (try %s): %s", n.pk, n.address, n.attempts, exc)
            if n.attempts >= attempts_allowed():
                n.status = Status.FAILED
            n.save(update_fields=["attempts", "last_error", "status"])
        else:
            n.status = Status.SENT
            n.sent_at = timezone.now()
            n.save(update_fields=["attempts", "status", "sent_at"])
            return n.status
    if n.status == Status.PENDING:
        deliver.using(run_after=timezone.now() + retry_after()).enqueue(n.pk)
    return n.status
