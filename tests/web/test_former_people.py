"""Pages name the people behind an update, and still work when there is no one to name: an
imported update has no author, and deleting an account keeps that person's steps, unnamed."""

from datetime import date

import pytest
from django.test import Client

from plantracker.plans.models import Plan
from plantracker.updates import services
from plantracker.updates.selectors import FORMER_USER, IMPORTED
from tests.conftest import People

PLAN = "/plans/net-zero-communities"
WRITTEN_BY = 'Written by</dt><dd class="govuk-summary-list__value">'


def page(user, url: str) -> str:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=True)  # a server error fails the test
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def world(people: People) -> People:
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    return people


def test_review_page_of_an_imported_update(world: People) -> None:
    """Every imported update has no author; the approver's page says where it came from."""
    for who in (world.approver, world.admin):
        shown = page(who, f"{PLAN}/actions/C13/updates/december-2023/review/")
        assert (
            f'Written by</dt><dd class="govuk-summary-list__value">{IMPORTED.capitalize()}' in shown
        )


def test_pages_after_deleting_the_people_who_acted(world: People) -> None:
    period = services.period_create(
        plan=world.plan, user=world.editor, label="March 2024", due=date(2024, 3, 15)
    )
    update = services.update_write(
        action=world.plan.actions.get(ref="C13"), period=period, user=world.contributor,
        data=services.UpdateInput(narrative="Scheme closed.", rag="Green"), version=0,
        submit=True,
    )  # fmt: skip
    services.update_review(
        update=update, user=world.approver, approve=False, comment="Add the date", version=1
    )
    world.contributor.delete()
    world.approver.delete()
    review = page(world.admin, f"{PLAN}/actions/C13/updates/march-2024/review/")
    assert (
        f'Written by</dt><dd class="govuk-summary-list__value">{FORMER_USER.capitalize()}' in review
    )
    assert f"Submitted for approval</strong> by {FORMER_USER}" in review
    assert f"Returned</strong> by {FORMER_USER}" in review
    edit = page(world.editor, f"{PLAN}/actions/C13/updates/march-2024/")
    assert f"Returned</strong> by {FORMER_USER}" in edit
    assert "Add the date" in edit
    page(world.admin, f"{PLAN}/actions/C13/")  # its history names no one, and works
