"""When an invitation may be sent again, and how long its link works: plain rules, no Django.

An administrator may send an invitation again when the person lost or never got the email.
So that the button cannot be used to flood someone's inbox, a new email waits a while after
the last one, and an invitation is sent a limited number of times in all; after that the
administrator talks to the person first (docs/user-guide.md, "Invite by email")."""

from __future__ import annotations

from datetime import datetime, timedelta

RESEND_WAIT = timedelta(minutes=10)
MOST_SENDS = 5

RESEND_TOO_SOON = (
    "The invitation to {email} was sent less than {wait} minutes ago. Give it a few minutes "
    "to arrive (and ask them to look in their junk mail) before sending it again."
)
RESEND_TOO_MANY = (
    "The invitation to {email} has been sent {sends} times, the most it can be. Check the "
    "address with them: if it is wrong, invite them again with the right one."
)


def resend_refusal(*, email: str, sent_at: datetime, sends: int, now: datetime) -> str | None:
    """Why the invitation cannot be sent again now, or None when it can."""
    if sends >= MOST_SENDS:
        return RESEND_TOO_MANY.format(email=email, sends=sends)
    if now - sent_at < RESEND_WAIT:
        return RESEND_TOO_SOON.format(email=email, wait=int(RESEND_WAIT.total_seconds() // 60))
    return None


def link_lifetime(seconds: int) -> str:
    """How long a set-password link works, as the email says it: "3 days", "1 day", "12 hours"."""
    if seconds >= 86_400 and seconds % 86_400 == 0:
        days = seconds // 86_400
        return f"{days} day{'s' if days != 1 else ''}"
    hours = max(1, seconds // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"
