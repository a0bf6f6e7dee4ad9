"""Who is told of what, in which words, and how they stop it.

The receivers (receivers.py) only queue `fan_out` for the task worker once the person's change
is committed; everything here runs in the worker, never in the person's request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plantracker.core.models import Membership
from plantracker.plans.models import Plan
from plantracker.updates.models import ProgressUpdate, ReportingPeriod

from .models import Notification, Preference, Subscriber

Role = Membership.Role
Choice = Preference.Choice
Event = Notification.Event
Status = Notification.Status

UNSUBSCRIBE_SALT = "plantracker.notifications.unsubscribe"
CONFIRM_SALT = "plantracker.notifications.confirm"
CONFIRM_FOR = 7 * 24 * 3600  # seconds a confirmation link works


# --- addresses and tokens ------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.PLANTRACKER_BASE_URL.rstrip("/") + path


def unsubscribe_token(
    *, plans: list[Plan], user: Any = None, subscriber: Subscriber | None = None
) -> str:
    """A signed token naming a person (or a public subscriber) and the plans an email was
    about: following its link needs no signing in. It does not expire: an old email's link
    still stops the emails."""
    if subscriber is not None:
        return signing.dumps({"s": subscriber.pk}, salt=UNSUBSCRIBE_SALT)
    return signing.dumps({"u": user.pk, "p": [p.pk for p in plans]}, salt=UNSUBSCRIBE_SALT)


@dataclass
class Unsubscribe:
    plans: list[Plan]
    user: Any = None
    subscriber: Subscriber | None = None

    @property
    def address(self) -> str:
        return self.subscriber.email if self.subscriber else self.user.email

    @property
    def titles(self) -> str:
        names = [p.title for p in self.plans]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def read_unsubscribe(token: str) -> Unsubscribe | None:
    """Whom an unsubscribe token names; None for a token that was changed or whose person,
    subscription or plans are gone."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    if "s" in data:
        sub = Subscriber.objects.select_related("plan").filter(pk=data["s"]).first()
        return Unsubscribe(plans=[sub.plan], subscriber=sub) if sub else None
    user = get_user_model().objects.filter(pk=data.get("u")).first()  # type: ignore[misc]
    ids = data.get("p")
    if not isinstance(ids, list):
        ids = [ids]
    plans = list(Plan.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]))
    if user is None or not plans:
        return None
    return Unsubscribe(plans=plans, user=user)


def unsubscribe(found: Unsubscribe) -> None:
    """Stop the emails: a person's choice for each plan becomes none; a public subscription
    ends (the address is forgotten)."""
    if found.subscriber is not None:
        Subscriber.objects.filter(pk=found.subscriber.pk).delete()
        return
    with transaction.atomic():
        for plan in found.plans:
            preference_set(found.user, plan, Choice.NONE)


def unsubscribe_url(
    *, plans: list[Plan], user: Any = None, subscriber: Subscriber | None = None
) -> str:
    token = unsubscribe_token(plans=plans, user=user, subscriber=subscriber)
    return absolute(reverse("unsubscribe", args=[token]))


# --- preferences ---------------------------------------------------------------------------


def plans_of(user: Any) -> list[Plan]:
    """The plans a person holds a role on (for the whole organisation: all its plans)."""
    rows = Membership.objects.filter(user=user).values_list("organisation_id", "plan_id")
    whole = {org for org, plan in rows if plan is None}
    own = {plan for _, plan in rows if plan is not None}
    if not (whole or own):
        return []
    return list(
        Plan.objects.filter(Q(organisation_id__in=whole) | Q(pk__in=own)).select_related(
            "organisation"
        )
    )


def choices_of(user: Any, plans: Iterable[Plan]) -> dict[int, str]:
    """Each plan's choice for the person (each event where they never chose)."""
    ids = [p.pk for p in plans]
    chosen = dict(
        Preference.objects.filter(user=user, plan_id__in=ids).values_list("plan_id", "choice")
    )
    return {pk: chosen.get(pk, Choice.EACH) for pk in ids}


def preference_set(user: Any, plan: Plan, choice: str) -> None:
    Preference.objects.update_or_create(user=user, plan=plan, defaults={"choice": choice})


# --- who is told ---------------------------------------------------------------------------


def _people(plan: Plan, roles: Iterable[str] | None = None) -> list[Any]:
    """Active people with an email address and a role (one of `roles`) on the plan."""
    memberships = Membership.objects.filter(organisation_id=plan.organisation_id).filter(
        Q(plan__isnull=True) | Q(plan=plan)
    )
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    users = (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"), is_active=True)
        .exclude(email="")
    )
    return list(users.order_by("username"))


def approvers(plan: Plan) -> list[Any]:
    """Those who may review the plan's updates (permissions.can_review)."""
    return _people(plan, [Role.APPROVER, Role.ADMIN])


def team(plan: Plan) -> list[Any]:
    return _people(plan)


def contributors(update: ProgressUpdate) -> list[Any]:
    """The action's assignees and the update's author (while they keep a role on the plan)."""
    people = {u.pk: u for u in update.action.assignees.all()}
    if update.author is not None:
        people[update.author.pk] = update.author
    allowed = {u.pk for u in _people(update.action.plan)}
    return sorted(
        (u for u in people.values() if u.pk in allowed and u.email and u.is_active),
        key=lambda u: u.username,
    )


# --- the emails ----------------------------------------------------------------------------


@dataclass
class Mail:
    subject: str
    paragraphs: list[str]
    link: str
    link_text: str
    quote: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)  # (text, link) for digests


def render(mail: Mail, *, name: str, unsubscribe: str, why: str) -> tuple[str, str]:
    """The plain text and HTML of an email."""
    context = {"mail": mail, "name": name, "unsubscribe": unsubscribe, "why": why}
    return (
        render_to_string("notifications/email.txt", context),
        render_to_string("notifications/email.html", context),
    )


def _sentence(text: str) -> str:
    """`text` ending a sentence: a full stop unless it ends with one (or ? ! …) already."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _name(user: Any) -> str:
    return user.get_full_name() or user.username if user else "Someone"


def submitted_mail(update: ProgressUpdate, actor: Any) -> Mail:
    action, period, plan = update.action, update.period, update.action.plan
    url = absolute(reverse("update-review", args=[plan.slug, action.ref, period.slug]))
    return Mail(
        subject=f"To review: {action.ref} {period.label} update for {plan.title}",
        paragraphs=[
            f"{_name(actor)} submitted the {period.label} update for {action.ref} "
            f"{_sentence(action.title)} It is waiting for an approver to approve it or return it."
        ],
        link=url,
        link_text=f"Review the {action.ref} update",
    )


def returned_mail(update: ProgressUpdate, actor: Any, comment: str) -> Mail:
    action, period, plan = update.action, update.period, update.action.plan
    url = absolute(reverse("update", args=[plan.slug, action.ref, period.slug]))
    return Mail(
        subject=f"Returned: {action.ref} {period.label} update for {plan.title}",
        paragraphs=[
            f"{_name(actor)} returned the {period.label} update for {action.ref} "
            f"{_sentence(action.title)} Change it as they ask, then submit it again. They wrote:"
        ],
        quote=comment,
        link=url,
        link_text=f"Change the {action.ref} update",
    )


def published_mail(period: ReportingPeriod) -> Mail:
    plan = period.plan
    url = absolute(reverse("period", args=[plan.slug, period.slug]))
    return Mail(
        subject=f"Published: {plan.title}, {period.label}",
        paragraphs=[
            f"The {period.label} progress report of {plan.title} ({plan.organisation.name}) "
            "is published."
        ],
        link=url,
        link_text=f"Read the {period.label} report",
    )


def _queue(
    *,
    to: Any = None,
    subscriber: Subscriber | None = None,
    plan: Plan,
    event: str,
    mail: Mail,
    held: bool = False,
) -> Notification:
    unsubscribe = unsubscribe_url(plans=[plan], user=to, subscriber=subscriber)
    if subscriber is not None and event == Event.CONFIRM:
        name = ""
        why = (
            f"Someone asked for this address to get the published reports of {plan.title}. "
            "If it was not you, ignore this email: nothing more will be sent."
        )
    elif subscriber is not None:
        name, why = "", f"You subscribed to the published reports of {plan.title}."
    else:
        name = _name(to)
        why = f"You have a role on {plan.title} in Plan Tracker."
    text, html = render(mail, name=name, unsubscribe=unsubscribe, why=why)
    return Notification.objects.create(
        recipient=to,
        subscriber=subscriber,
        address=subscriber.email if subscriber else to.email,
        plan=plan,
        event=event,
        subject=" ".join(mail.subject.split())[:300],  # one line: a header
        text=text,
        html=html,
        link=mail.link,
        unsubscribe=unsubscribe,
        status=Status.HELD if held else Status.PENDING,
    )


def notify(*, people: list[Any], plan: Plan, event: str, mail: Mail, actor: Any) -> list[int]:
    """Queue the email for each person by their choice for the plan (not the one who acted):
    each event now, held for the daily digest, or nothing. The ids of those to send now."""
    people = [p for p in people if actor is None or p.pk != actor.pk]
    choices = choices_of_people(people, plan)
    now = []
    for person in people:
        choice = choices.get(person.pk, Choice.EACH)
        if choice == Choice.NONE:
            continue
        n = _queue(to=person, plan=plan, event=event, mail=mail, held=choice == Choice.DIGEST)
        if n.status == Status.PENDING:
            now.append(n.pk)
    return now


def choices_of_people(people: list[Any], plan: Plan) -> dict[int, str]:
    return dict(
        Preference.objects.filter(plan=plan, user__in=[p.pk for p in people]).values_list(
            "user_id", "choice"
        )
    )


@transaction.atomic
def fan_out(kind: str, pk: int, actor_pk: int | None, comment: str = "") -> list[int]:
    """The emails of one event: queued in the outbox, the ids of those to send now."""
    actor = get_user_model().objects.filter(pk=actor_pk).first() if actor_pk else None
    if kind in (Event.SUBMITTED, Event.RETURNED):
        update = ProgressUpdate.objects.select_related(
            "action__plan__organisation", "period", "author"
        ).get(pk=pk)
        plan = update.action.plan
        if kind == Event.SUBMITTED:
            return notify(
                people=approvers(plan),
                plan=plan,
                event=kind,
                mail=submitted_mail(update, actor),
                actor=actor,
            )
        return notify(
            people=contributors(update),
            plan=plan,
            event=kind,
            mail=returned_mail(update, actor, comment),
            actor=actor,
        )
    period = ReportingPeriod.objects.select_related("plan__organisation").get(pk=pk)
    plan = period.plan
    mail = published_mail(period)
    ids = notify(people=team(plan), plan=plan, event=Event.PUBLISHED, mail=mail, actor=actor)
    if plan.status == Plan.Status.PUBLISHED:
        for sub in plan.subscribers.filter(confirmed_at__isnull=False).order_by("email"):
            ids.append(_queue(subscriber=sub, plan=plan, event=Event.PUBLISHED, mail=mail).pk)
    return ids


# --- daily digests -------------------------------------------------------------------------


@transaction.atomic
def digests() -> list[int]:
    """Batch each person's held emails into one digest email; the ids of the digests."""
    held = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(status=Status.HELD, recipient__isnull=False)
        .select_related("recipient", "plan")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = {}
    for n in held:
        by_person.setdefault(n.recipient_id, []).append(n)  # type: ignore[arg-type]
    out = []
    for items in by_person.values():
        person = items[0].recipient
        assert person is not None  # held emails are a person's (filtered above)
        plans = {n.plan_id: n.plan for n in items if n.plan is not None}
        count = len(items)
        mail = Mail(
            subject=f"Plan Tracker daily digest: {count} thing{'s' if count > 1 else ''} "
            "that happened",
            paragraphs=["What happened on your plans since the last digest:"],
            items=[(n.subject, n.link) for n in items],
            link=absolute(reverse("account-notifications")),
            link_text="Choose which emails you get",
        )
        first = next(iter(plans.values()), None)
        unsubscribe = unsubscribe_url(plans=list(plans.values()), user=person)
        text, html = render(
            mail,
            name=_name(person),
            unsubscribe=unsubscribe,
            why="You chose a daily digest for "
            + ", ".join(sorted(p.title for p in plans.values()))
            + ".",
        )
        digest = Notification.objects.create(
            recipient=person,
            address=person.email,
            plan=first if len(plans) == 1 else None,
            event=Event.DIGEST,
            subject=mail.subject,
            text=text,
            html=html,
            link=mail.link,
            unsubscribe=unsubscribe,
        )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(
            status=Status.BATCHED, digest=digest
        )
        out.append(digest.pk)
    return out


# --- public subscriptions ------------------------------------------------------------------


def subscribe(plan: Plan, email: str) -> int | None:
    """Ask to subscribe `email` to the plan's published reports: a confirmation email,
    unless the address is confirmed already or was sent one in the last ten minutes (the
    page says the same in every case). The id of the email to send, if any."""
    email = email.strip()
    sub, _ = Subscriber.objects.get_or_create(plan=plan, email=email.lower())
    now = timezone.now()
    if sub.confirmed_at is not None:
        return None
    if sub.confirmation_sent_at and (now - sub.confirmation_sent_at).total_seconds() < 600:
        return None
    sub.confirmation_sent_at = now
    sub.save(update_fields=["confirmation_sent_at"])
    token = signing.dumps({"s": sub.pk, "e": sub.email}, salt=CONFIRM_SALT)
    mail = Mail(
        subject=f"Confirm: email me the published reports of {plan.title}",
        paragraphs=[
            f"Someone (we hope you) asked for an email each time {plan.organisation.name} "
            f"publishes a progress report of {plan.title}. Confirm to start them. If it was "
            "not you, ignore this email: you will get nothing more."
        ],
        link=absolute(reverse("subscription-confirm", args=[token])),
        link_text="Confirm your subscription",
    )
    return _queue(subscriber=sub, plan=plan, event=Event.CONFIRM, mail=mail).pk


def read_confirmation(token: str) -> Subscriber | None:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_FOR)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    return (
        Subscriber.objects.select_related("plan")
        .filter(pk=data.get("s"), email=data.get("e"))  # type: ignore[misc]
        .first()
    )


def confirm(sub: Subscriber) -> None:
    if sub.confirmed_at is None:
        sub.confirmed_at = timezone.now()
        sub.save(update_fields=["confirmed_at"])
