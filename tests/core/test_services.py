"""The People page (issue 15, finding 4): an administrator adds new people to their own
organisation or gives roles to people already in it, and never reaches another council's
account by typing its username; an unknown and another council's username get the same
answer, and another council's person's email address is never shown."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape

from plantracker.core import services
from plantracker.core.models import Membership
from tests.conftest import People
from tests.web.test_permissions import LCC

PEOPLE = f"/organisations/{LCC}/people/"
NEEDS_PASSWORD = services.NEW_PERSON_NEEDS_PASSWORD.format(
    organisation="Leicestershire County Council"
)


def give(people: People, username: str, **kwargs: object) -> services.RoleGiven:
    kwargs.setdefault("role", Membership.Role.CONTRIBUTOR)
    return services.membership_give(
        organisation=people.plan.organisation,
        user=people.admin,
        username=username,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.django_db
def test_another_councils_username_is_answered_as_an_unknown_one(people: People) -> None:
    answers = []
    for username in ("olga", "nobody-has-this-name"):  # olga is Rutland's editor
        with pytest.raises(services.PersonRefused) as refused:
            give(people, username, role=Membership.Role.EDITOR)
        answers.append((refused.value.field, str(refused.value)))
    assert answers[0] == answers[1] == ("password", NEEDS_PASSWORD)
    # With a password, a new person is made; olga's account is not attached.
    with pytest.raises(services.PersonRefused, match=services.USERNAME_TAKEN):
        give(people, "olga", password="a-long-enough-password")
    with pytest.raises(services.PersonRefused, match=services.USERNAME_TAKEN):
        give(people, "OLGA", password="a-long-enough-password")
    assert not Membership.objects.filter(
        user=people.outsider, organisation=people.plan.organisation
    ).exists()


@pytest.mark.django_db
def test_new_people_and_people_already_here(people: People) -> None:
    made = give(people, "nina", password="a-long-enough-password", email="nina@example.org",
                full_name="Nina Patel")  # fmt: skip
    assert made.person_created and made.role_added
    assert (made.person.first_name, made.person.last_name) == ("Nina", "Patel")
    assert made.person.check_password("a-long-enough-password")
    # Carol is already here: another role (on the plan) needs no password.
    more = give(people, "carol", role=Membership.Role.APPROVER, plan_id=people.plan.pk)
    assert not more.person_created and more.role_added
    assert not give(
        people, "carol", role=Membership.Role.APPROVER, plan_id=people.plan.pk
    ).role_added
    with pytest.raises(services.PersonRefused) as refused:
        give(people, "carol", plan_id=people.other_plan.pk)  # Rutland's plan
    assert refused.value.field == "plan"
    with pytest.raises(services.PersonRefused, match=services.NOT_ADMIN):
        services.membership_give(
            organisation=people.plan.organisation,
            user=people.editor,
            username="x",
            role="editor",
            password="a-long-enough-password",
        )


@pytest.mark.django_db
def test_the_people_page_does_not_reach_into_other_councils(people: People) -> None:
    admin = Client()
    admin.force_login(people.admin)
    pages = []
    for username in ("olga", "nobody-has-this-name"):
        response = admin.post(PEOPLE, {"username": username, "role": "editor"})
        assert response.status_code == 400
        pages.append(response.content.decode())
    assert escape(NEEDS_PASSWORD) in pages[0] and escape(NEEDS_PASSWORD) in pages[1]
    assert "olga@example.org" not in pages[0]
    response = admin.post(
        PEOPLE, {"username": "olga", "password": "a-long-enough-password", "role": "editor"}
    )
    assert response.status_code == 400
    assert escape(services.USERNAME_TAKEN) in response.content.decode()
    assert not people.outsider.memberships.filter(organisation=people.plan.organisation).exists()

    response = admin.post(
        PEOPLE,
        {"username": "nina", "password": "a-long-enough-password", "role": "contributor",
         "email": "nina@example.org"},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert "nina is now a Contributor." in page and "nina@example.org" in page


@pytest.mark.django_db
def test_an_email_is_not_shown_for_someone_who_also_works_elsewhere(people: People) -> None:
    """Roles given before this fix (or by an operator) can span councils: such a person's
    email address is not shown to either council's administrators."""
    Membership.objects.create(
        user=people.outsider, organisation=people.plan.organisation, role="contributor"
    )
    admin = Client()
    admin.force_login(people.admin)
    page = admin.get(PEOPLE).content.decode()
    assert "(olga)" in page and "olga@example.org" not in page
    assert "carol@example.org" in page
    assert get_user_model().objects.filter(username="olga").count() == 1
