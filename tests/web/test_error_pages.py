"""Error pages in plain English, in the service's own layout, saying what to do next."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

from tests.conftest import People
from tests.web.test_permissions import PLAN


@pytest.mark.django_db
def test_not_found_names_what_was_missing(people: People) -> None:
    response = Client().get("/plans/no-such-plan/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in text and "No such plan." in text and "See all plans" in text
    text = Client().get("/nowhere/at/all/").content.decode()
    assert "Page not found" in text and "Resolver404" not in text


@pytest.mark.django_db
def test_forbidden_says_who_you_are_and_whom_to_ask(people: People) -> None:
    client = Client()
    client.force_login(people.contributor)
    response = client.get("/organisations/leicestershire-county-council/people/")
    text = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do that here" in text and "signed in as carol" in text


@pytest.mark.django_db
def test_a_stale_form_is_explained(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.editor)
    response = client.post(f"{PLAN}/periods/", {"label": "June 2024"})
    text = response.content.decode()
    assert response.status_code == 403
    assert "The form could not be sent" in text and "Nothing was saved" in text


def test_server_error_page_renders_without_a_request_context() -> None:
    response = defaults.server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in text and "was not saved" in text
