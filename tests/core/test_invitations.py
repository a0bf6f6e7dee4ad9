"""Invite by email (issue 15): an administrator invites someone by name, address and role;
Plan Tracker makes the account with no password and the role, and emails a link (Django's
password-reset token) to choose the password. An address of an account elsewhere is answered
exactly as a new one and that account is never attached."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client

from plantracker.core import invitations, selectors, services
from plantracker.core.models import Invitation, Membership
from tests.conftest import PASSWORD, People

LINK = re.compile(r"https?://[^/\s]+(/set-password/[^/\s]+/[^/\s]+/)")


def invite(people: People, email: str, **kwargs: object) -> Invitation:
    kwargs.setdefault("role", Membership.Role.CONTRIBUTOR)
    kwargs.setdefault("full_name", "Nina Patel")
    return services.person_invite(
        organisation=people.plan.organisation, user=people.admin, email=email,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def link_in(message: mail.EmailMessage) -> str:
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(1)


def choose_password(link: str, password: str) -> Client:
    """Follow the emailed link as the invitee would, and choose a password."""
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose your password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )
    assert "Password saved" in done.content.decode()
    return client


def sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": username, "password": password})
    assert response.status_code == 302 and response["Location"] == "/my-work/", response
    return client


@pytest.mark.django_db
def test_an_invited_person_chooses_a_password_and_signs_in(people: People) -> None:
    invitation = invite(people, "Nina.Patel@example.org", role=Membership.Role.EDITOR,
                        plan_id=people.plan.pk)  # fmt: skip
    person = invitation.user
    assert (person.username, person.email) == ("nina.patel@example.org", "Nina.Patel@example.org")
    assert (person.first_name, person.last_name) == ("Nina", "Patel")
    assert not person.has_usable_password()
    assert Membership.objects.filter(
        user=person, organisation=people.plan.organisation, plan=people.plan, role="editor"
    ).exists()
    assert selectors.invitation_is_pending(invitation)

    (message,) = mail.outbox
    assert message.to == ["Nina.Patel@example.org"]
    assert message.reply_to == ["adam@example.org"]
    assert message.subject == "You are invited to Plan Tracker for Leicestershire County Council"
    body = str(message.body)
    assert "Adam (adam@example.org) has invited you" in body
    assert f"as Plan editor for {people.plan.title} at Leicestershire County Council." in body
    assert "The link works for 3 days and only once." in body
    assert "sign in with your username, nina.patel@example.org, and the password" in body

    link = link_in(message)
    choose_password(link, "a-new-password-of-mine")
    person.refresh_from_db()
    assert person.check_password("a-new-password-of-mine")
    assert not selectors.invitation_is_pending(invitation)
    signed_in = sign_in("nina.patel@example.org", "a-new-password-of-mine")
    assert signed_in.session["_auth_user_id"] == str(person.pk)
    assert signed_in.get("/my-work/").status_code == 200
    # The link works once.
    assert "This link no longer works" in Client().get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_an_address_of_another_councils_account_is_not_revealed_nor_attached(
    people: People,
) -> None:
    """olga@example.org is Rutland's editor. Her address is answered as a new one: an
    invitation listed the same way, an email to the address, and nothing of her account."""
    olga = get_user_model().objects.get(username="olga")
    before = (olga.password, olga.first_name, olga.last_name, olga.email, olga.last_login)
    users = get_user_model().objects.count()
    lcc = people.plan.organisation
    theirs = invite(people, "OLGA@example.org", full_name="Olga Someone")
    new = invite(people, "newcomer@example.org", full_name="New Comer")
    assert theirs.user is None and new.user is not None
    assert get_user_model().objects.count() == users + 1  # the newcomer's only
    olga.refresh_from_db()
    assert (olga.password, olga.first_name, olga.last_name, olga.email, olga.last_login) == before
    assert not olga.memberships.filter(organisation=lcc).exists()
    assert [i.email for i in selectors.invitations_pending(lcc)] == [
        "newcomer@example.org", "OLGA@example.org",
    ]  # fmt: skip
    assert olga not in {m.user for m in selectors.memberships_list(lcc)}
    # The email goes to the address's owner, with nothing to click that attaches anything.
    to_olga = next(m for m in mail.outbox if m.to == ["OLGA@example.org"])
    assert "/set-password/" not in str(to_olga.body)
    assert "already has a Plan Tracker account" in str(to_olga.body)
    assert "it has no role in Leicestershire County Council" in str(to_olga.body)
    assert to_olga.subject == next(m for m in mail.outbox if m is not to_olga).subject
    # Both refuse a second invitation with the same words.
    for email in ("olga@example.org", "NEWCOMER@example.org"):
        with pytest.raises(services.PersonRefused) as refused:
            invite(people, email)
        assert str(refused.value) == services.ALREADY_INVITED.format(
            email=email, organisation=lcc.name
        )


@pytest.mark.django_db
def test_an_address_of_someone_already_here_is_named_with_a_way_to_them(people: People) -> None:
    with pytest.raises(services.AlreadyHere) as refused:
        invite(people, "Carol@Example.org")
    assert refused.value.person == people.contributor
    assert str(refused.value) == services.ALREADY_HERE.format(
        email="Carol@Example.org", name="Carol", organisation="Leicestershire County Council",
        username="carol",
    )  # fmt: skip
    assert not mail.outbox and not Invitation.objects.exists()


@pytest.mark.django_db
def test_only_administrators_invite_and_only_to_their_own_plans(people: People) -> None:
    for who in (people.editor, people.approver, people.outsider):
        with pytest.raises(services.PersonRefused, match=services.NOT_ADMIN):
            services.person_invite(
                organisation=people.plan.organisation, user=who, email="x@example.org",
                full_name="X", role="contributor",
            )  # fmt: skip
    with pytest.raises(services.PersonRefused) as refused:
        invite(people, "x@example.org", plan_id=people.other_plan.pk)
    assert refused.value.field == "plan"
    assert not mail.outbox and not Invitation.objects.exists()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


class BrokenMail(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("no mail server")


@pytest.mark.django_db
def test_when_the_email_cannot_be_sent_nothing_is_written(people: People, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "tests.core.test_invitations.BrokenMail"
    with pytest.raises(services.PersonRefused) as refused:
        invite(people, "nina@example.org")
    assert str(refused.value) == services.EMAIL_NOT_SENT.format(email="nina@example.org")
    assert not Invitation.objects.exists()
    assert not get_user_model().objects.filter(email="nina@example.org").exists()


@pytest.mark.django_db
def test_sending_again_waits_stops_after_five_and_not_once_accepted(people: People) -> None:
    start = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    invitation = invite(people, "nina@example.org", now=start)
    admin = people.admin
    with pytest.raises(services.PersonRefused, match="less than 10 minutes ago"):
        services.invitation_send_again(
            invitation=invitation, user=admin, now=start + timedelta(minutes=9)
        )
    with pytest.raises(services.PersonRefused, match=services.NOT_ADMIN):
        services.invitation_send_again(
            invitation=invitation, user=people.editor, now=start + timedelta(hours=1)
        )
    for n in range(1, 5):
        services.invitation_send_again(
            invitation=invitation, user=admin, now=start + timedelta(hours=n)
        )
    invitation.refresh_from_db()
    assert invitation.sends == 5 and len(mail.outbox) == 5
    with pytest.raises(services.PersonRefused, match="has been sent 5 times"):
        services.invitation_send_again(
            invitation=invitation, user=admin, now=start + timedelta(days=1)
        )
    # Any of the links sent works; once a password is chosen there is nothing to send.
    choose_password(link_in(mail.outbox[2]), "a-new-password-of-mine")
    Invitation.objects.filter(pk=invitation.pk).update(sends=1)
    with pytest.raises(services.PersonRefused) as refused:
        services.invitation_send_again(
            invitation=invitation, user=admin, now=start + timedelta(days=2)
        )
    assert str(refused.value) == services.ALREADY_ACCEPTED.format(email="nina@example.org")


@pytest.mark.django_db
def test_a_person_removed_after_accepting_can_be_invited_again(people: People) -> None:
    """Their account now has a password and no role here: like any account elsewhere, it is
    not attached again by an invitation."""
    first = invite(people, "nina@example.org")
    nina = first.user
    nina.set_password(PASSWORD)
    nina.save()
    Membership.objects.filter(user=nina).delete()
    again = invite(people, "nina@example.org")
    assert again.user is None and not Invitation.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize(
    ("sent_minutes_ago", "sends", "refused"),
    [
        (11, 1, None),
        (10, 4, None),
        (9, 1, "less than 10 minutes ago"),
        (0, 1, "less than 10 minutes ago"),
        (600, 5, "has been sent 5 times"),
        (1, 9, "has been sent 9 times"),
    ],
)
def test_resend_refusal(sent_minutes_ago: int, sends: int, refused: str | None) -> None:
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    got = invitations.resend_refusal(
        email="x@example.org", sent_at=now - timedelta(minutes=sent_minutes_ago), sends=sends,
        now=now,
    )  # fmt: skip
    assert (got is None) if refused is None else (refused in (got or ""))


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(259_200, "3 days"), (86_400, "1 day"), (43_200, "12 hours"), (3600, "1 hour"),
     (90_000, "25 hours"), (60, "1 hour")],
)  # fmt: skip
def test_link_lifetime(seconds: int, said: str) -> None:
    assert invitations.link_lifetime(seconds) == said
