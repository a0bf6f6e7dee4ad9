"""The invitation emails, as plain text: who invited them, to which organisation and role,
and (for a new account) the link to choose a password and how long it works."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .invitations import link_lifetime
from .models import Invitation


def set_password_link(person: Any) -> str:
    """Django's own password-reset token: the link stops working once a password is chosen,
    and after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("password-set", args=[uid, token])
    return settings.PLANTRACKER_BASE_URL.rstrip("/") + path


def _inviter(invitation: Invitation) -> str:
    who = invitation.invited_by
    if who is None:
        return f"An administrator of {invitation.organisation.name}"
    name = who.get_full_name() or who.username
    return f"{name} ({who.email})" if who.email else name


def _role(invitation: Invitation) -> str:
    org = invitation.organisation.name
    where = f"{invitation.plan.title} at {org}" if invitation.plan else f"every plan of {org}"
    return f"{invitation.get_role_display()} for {where}"


def invitation_email(invitation: Invitation) -> EmailMessage:
    """The email for this invitation: a link to choose a password for a new account; for an
    address that already has an account, a note that nothing was changed."""
    org = invitation.organisation.name
    lines = [
        f"Dear {invitation.full_name},",
        "",
        f"{_inviter(invitation)} has invited you to Plan Tracker, where {org} runs its plans, "
        f"as {_role(invitation)}.",
        "",
    ]
    if invitation.user is not None:
        lifetime = link_lifetime(settings.PASSWORD_RESET_TIMEOUT)
        lines += [
            "To accept, choose your password here:",
            "",
            set_password_link(invitation.user),
            "",
            f"The link works for {lifetime} and only once. If it has stopped working, ask "
            "whoever invited you to send the invitation again.",
            "",
            f"Afterwards, sign in with your username, {invitation.user.username}, and the "
            "password you chose.",
        ]
    else:
        lines += [
            "This email address already has a Plan Tracker account, so no new account was "
            f"made and your account was not changed: it has no role in {org}.",
            "",
            "An account is never added to another organisation without its owner asking. If "
            "you should have this role too, reply to this email to tell the person who "
            "invited you; the people who run this Plan Tracker service can add it.",
        ]
    lines += [
        "",
        "If you were not expecting this email, you can ignore it: nothing happens until you "
        "act on it.",
        "",
        f"Plan Tracker · {org}",
    ]
    inviter = invitation.invited_by
    return EmailMessage(
        subject=f"You are invited to Plan Tracker for {org}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
        reply_to=[inviter.email] if inviter is not None and inviter.email else None,
    )
