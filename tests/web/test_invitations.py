"""The People page's invitations (issue 15): invite by email, the invited listed as
"Invited (not yet signed in)" with "Send the invitation again", and pages that answer the
address of an account elsewhere exactly as a new one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from plantracker.core import services
from plantracker.core.models import Invitation
from tests.conftest import People
from tests.core.test_invitations import choose_password, link_in
from tests.web.test_permissions import LCC

PEOPLE = f"/organisations/{LCC}/people/"
INVITE = PEOPLE + "invite/"


@pytest.fixture
def admin(people: People) -> Client:
    client = Client(raise_request_exception=True)
    client.force_login(people.admin)
    return client


def post_invite(admin: Client, email: str, name: str = "Nina Patel", **more: str) -> str:
    data = {"full_name": name, "email": email, "role": "contributor", **more}
    response = admin.post(INVITE, data, follow=True)
    return response.content.decode()


def invited_rows(page: str) -> list[str]:
    table = page.split('id="invited"', 1)[1].split("</table>", 1)[0].split("<tbody", 1)[1]
    return re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', table, re.S)


@pytest.mark.django_db
def test_invite_from_the_people_page(people: People, admin: Client) -> None:
    assert 'href="/organisations/leicestershire-county-council/people/invite/"' in (
        admin.get(PEOPLE).content.decode()
    )
    form = admin.get(INVITE).content.decode()
    assert "The link works for 3 days" in form
    page = post_invite(admin, "nina@example.org", plan=str(people.plan.pk))
    assert escape(services.INVITATION_SENT.format(email="nina@example.org")) in page
    (row,) = invited_rows(page)
    assert "Nina Patel" in row and "nina@example.org" in row and people.plan.title in row
    assert "Invited (not yet signed in)" in row and "Send the invitation again" in row
    roles = page.split("Everyone with a role", 1)[1].split("</table>", 1)[0]
    assert "nina@example.org" not in roles  # listed once, as invited

    # Once they have chosen a password they are listed with everyone else.
    choose_password(link_in(mail.outbox[0]), "a-new-password-of-mine")
    page = admin.get(PEOPLE).content.decode()
    assert 'id="invited"' not in page and "(nina@example.org, nina@example.org)" in page


@pytest.mark.django_db
def test_another_councils_address_looks_like_a_new_one(people: People, admin: Client) -> None:
    pages = {}
    for email in ("olga@example.org", "someone-new@example.org"):
        pages[email] = post_invite(admin, email, name="A Person")
    said = {e: p.count(escape(services.INVITATION_SENT.format(email=e))) for e, p in pages.items()}
    assert said == {"olga@example.org": 1, "someone-new@example.org": 1}
    olga_row, new_row = (
        re.sub(r"invitations/\d+/", "", row)
        for row in invited_rows(pages["someone-new@example.org"])
    )
    assert olga_row.replace("olga@example.org", "X") == new_row.replace(
        "someone-new@example.org", "X"
    )
    last = pages["someone-new@example.org"]
    assert "Olga" not in last and "(olga)" not in last and "Rutland" not in last
    assert not people.outsider.memberships.filter(organisation=people.plan.organisation).exists()


@pytest.mark.django_db
def test_an_address_already_here_links_to_the_person(people: People, admin: Client) -> None:
    response = admin.post(
        INVITE, {"full_name": "Carol", "email": "carol@example.org", "role": "approver"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    carol = people.contributor
    assert escape(services.ALREADY_HERE.format(
        email="carol@example.org", name="Carol", organisation="Leicestershire County Council",
        username="carol")) in page  # fmt: skip
    assert f'href="{PEOPLE}#person-{carol.pk}"' in page
    assert f'id="person-{carol.pk}"' in admin.get(PEOPLE).content.decode()
    assert not mail.outbox


@pytest.mark.django_db
def test_send_the_invitation_again(people: People, admin: Client) -> None:
    post_invite(admin, "nina@example.org")
    invitation = Invitation.objects.get()
    send_again = PEOPLE + f"invitations/{invitation.pk}/send/"
    page = admin.post(send_again, follow=True).content.decode()
    assert "less than 10 minutes ago" in page and len(mail.outbox) == 1
    Invitation.objects.update(sent_at=timezone.now() - timedelta(minutes=11))
    page = admin.post(send_again, follow=True).content.decode()
    assert escape(services.INVITATION_SENT.format(email="nina@example.org")) in page
    assert len(mail.outbox) == 2 and "(2 times)" in page
    # Another organisation's invitation is not found from this one's pages.
    other = Invitation.objects.create(
        organisation=people.other_plan.organisation, email="x@example.org", full_name="X",
        role="editor", sent_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    assert admin.post(PEOPLE + f"invitations/{other.pk}/send/").status_code == 404


@pytest.mark.django_db
def test_choosing_a_password_refuses_a_weak_or_mistyped_one(people: People, admin: Client) -> None:
    post_invite(admin, "nina@example.org")
    client = Client()
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    for first, second, said in [
        ("short", "short", "This password is too short"),
        ("password123", "password123", "This password is too common"),
        ("a-new-password-of-mine", "a-new-password-of-yours", "The two password fields"),
    ]:
        page = client.post(form_url, {"new_password1": first, "new_password2": second})
        assert page.status_code == 200 and said in page.content.decode(), said
    assert not Invitation.objects.get().user.has_usable_password()


@pytest.mark.django_db
def test_an_operator_gives_an_account_elsewhere_its_role_at_admin(people: People) -> None:
    """What the email to an address of an account elsewhere offers, when its owner asks."""
    people.admin.is_superuser = people.admin.is_staff = True
    people.admin.save()
    operator = Client(raise_request_exception=True)
    operator.force_login(people.admin)
    post_invite(operator, "olga@example.org", name="Olga")
    for page in ("/admin/core/membership/", "/admin/core/invitation/"):
        assert operator.get(page).status_code == 200, page
    lcc = people.plan.organisation
    response = operator.post(
        "/admin/core/membership/add/",
        {"user": people.outsider.pk, "organisation": lcc.pk, "role": "contributor"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert people.outsider.memberships.filter(organisation=lcc, role="contributor").exists()
    # With a role here and a password, she is no longer listed as invited.
    assert 'id="invited"' not in operator.get(PEOPLE).content.decode()


@pytest.mark.django_db
def test_withdraw_an_invitation(people: People, admin: Client) -> None:
    """A mistyped address is taken back: the unused account goes, and its link stops working."""
    post_invite(admin, "nina@exmaple.org")
    post_invite(admin, "olga@example.org", name="Olga")  # an account elsewhere: none made
    link = link_in(mail.outbox[0])
    for email in ("nina@exmaple.org", "olga@example.org"):
        invitation = Invitation.objects.get(email=email)
        page = admin.post(PEOPLE + f"invitations/{invitation.pk}/withdraw/", follow=True)
        assert escape(services.INVITATION_WITHDRAWN.format(email=email)) in page.content.decode()
    assert not Invitation.objects.exists()
    assert not get_user_model().objects.filter(email="nina@exmaple.org").exists()
    assert people.outsider.memberships.count() == 1 and people.outsider.has_usable_password()
    assert "This link no longer works" in Client().get(link, follow=True).content.decode()
    # An accepted invitation is not withdrawn: the person is removed like anyone else.
    post_invite(admin, "nina@example.org")
    choose_password(link_in(mail.outbox[-1]), "a-new-password-of-mine")
    accepted = Invitation.objects.get(email="nina@example.org")
    page = admin.post(PEOPLE + f"invitations/{accepted.pk}/withdraw/", follow=True)
    assert escape(services.ALREADY_ACCEPTED.format(email="nina@example.org")) in (
        page.content.decode()
    )
    assert accepted.user.memberships.exists()
