"""A risk register's pages: the organisation's admin creates a register, previews its matrix
and saves it; adds a risk, edits it (a page older than the last save is refused), closes and
reopens it; an overdue review is flagged on the register, the risk and the organisation page.
A plan's editor, who cannot import a register either, cannot keep one."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from plantracker.risks.models import Risk, RiskRegister
from tests.conftest import People

ORG = "/organisations/leicestershire-county-council"
MATRIX = {"title": "Corporate risks", "scale": "4", "method": "product", "highest": "top",
          "bands": "Low 1-3\nMedium 4-6\nHigh 8-16"}  # fmt: skip


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.django_db
def test_an_admin_creates_a_register_with_a_preview_of_its_bands(people: People) -> None:
    admin = signed_in(people.admin)
    assert f'href="{ORG}/add-risk-register/"' in admin.get(f"{ORG}/").content.decode()
    preview = admin.post(f"{ORG}/add-risk-register/", {**MATRIX, "preview": "1"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Preview: the matrix with its bands" in page
    assert "Impact and likelihood are scored 1–4" in page
    assert "16<span" in page and "No band" not in page
    assert not RiskRegister.objects.exists()  # a preview saves nothing

    gaps = admin.post(f"{ORG}/add-risk-register/", {**MATRIX, "bands": "Low 1-3\nHigh 8-16",
                                                      "preview": "1"})  # fmt: skip
    assert "No band names the scores 4, 6" in gaps.content.decode()

    bad = admin.post(f"{ORG}/add-risk-register/", {**MATRIX, "bands": "Low 1-5\nHigh\nTop 4-9",
                                                     "save": "1"})  # fmt: skip
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Could not read: High" in text and 'href="#id_bands"' in text
    assert "Low 1-5\nHigh\nTop 4-9" in text  # what was typed stays in the box

    saved = admin.post(f"{ORG}/add-risk-register/", {**MATRIX, "save": "1"})
    register = RiskRegister.objects.get()
    assert saved["Location"] == f"{ORG}/risks/corporate-risks/"
    assert (register.scale, register.bands[2]) == (4, {"name": "High", "low": 8, "high": 16})
    page = admin.get(saved["Location"]).content.decode()
    assert "Add a risk" in page and "Change the matrix and settings" in page

    settings = admin.get(f"{ORG}/risks/corporate-risks/settings/").content.decode()
    assert "Low 1-3\nMedium 4-6\nHigh 8-16" in settings
    changed = admin.post(f"{ORG}/risks/corporate-risks/settings/",
                         {**MATRIX, "highest": "one", "version": "0", "save": "1"})  # fmt: skip
    assert changed.status_code == 302
    register.refresh_from_db()
    assert register.one_is_highest and register.version == 1
    stale = admin.post(f"{ORG}/risks/corporate-risks/settings/",
                       {**MATRIX, "version": "0", "save": "1"})  # fmt: skip
    assert stale.status_code == 409
    assert "adam changed this register" in stale.content.decode()


@pytest.mark.django_db
def test_a_plan_editor_cannot_keep_the_organisation_register(people: People) -> None:
    register = RiskRegister.objects.create(organisation=people.plan.organisation, slug="c",
                                           title="C")  # fmt: skip
    Risk.objects.create(register=register, ref="R1", title="Flood")
    editor = signed_in(people.editor)
    assert editor.get(f"{ORG}/add-risk-register/").status_code == 403
    assert editor.get(f"{ORG}/risks/c/add-risk/").status_code == 403
    assert editor.post(f"{ORG}/risks/c/R1/close/", {"version": "0"}).status_code == 403
    page = editor.get(f"{ORG}/risks/c/").content.decode()
    assert (
        "Add a risk" not in page
        and "Close the risk" not in editor.get(f"{ORG}/risks/c/R1/").content.decode()
    )


@pytest.mark.django_db
def test_add_edit_close_and_reopen_a_risk(people: People) -> None:
    register = RiskRegister.objects.create(organisation=people.plan.organisation, slug="c",
                                           title="Corporate")  # fmt: skip
    admin = signed_in(people.admin)
    c13 = people.plan.actions.get(ref="C13")
    form = admin.get(f"{ORG}/risks/c/add-risk/")
    assert form.context["form"].initial["ref"] == "R1"
    assert "C13" in form.content.decode()  # the organisation's actions can be linked

    half = admin.post(f"{ORG}/risks/c/add-risk/", {"ref": "R1", "title": "Heat", "impact": "3"})
    assert half.status_code == 400
    assert "Choose the inherent likelihood too, or neither." in half.content.decode()

    added = admin.post(f"{ORG}/risks/c/add-risk/", {
        "ref": "R1", "title": "Heat stress in care homes", "owner": "Public health",
        "causes": "Hotter summers", "impact": "4", "likelihood": "4", "residual_impact": "3",
        "residual_likelihood": "2", "controls": "Heat plan", "further_actions": "Cooling",
        "review_date": "2020-03-01", "actions": [str(c13.pk)],
    })  # fmt: skip
    assert added["Location"] == f"{ORG}/risks/c/R1/"
    risk = Risk.objects.get(register=register, ref="R1")
    assert list(risk.actions.all()) == [c13]

    page = admin.get(f"{ORG}/risks/c/R1/").content.decode()
    assert "Review overdue since 1 March 2020" in page
    assert 'href="/plans/net-zero-communities/actions/C13/"' in page
    assert "Review overdue since 1 Mar 2020" in admin.get(f"{ORG}/risks/c/").content.decode()
    assert "Review overdue since 1 Mar 2020" in admin.get(f"{ORG}/").content.decode()
    assert "Review overdue" in Client().get(f"{ORG}/").content.decode()  # the public sees it

    edit = admin.get(f"{ORG}/risks/c/R1/edit/")
    assert 'value="2020-03-01"' in edit.content.decode()
    data = {"title": "Heat stress in care homes", "owner": "Adult social care", "impact": "4",
            "likelihood": "4", "review_date": date.today().replace(year=date.today().year + 1)
            .isoformat(), "version": "0"}  # fmt: skip
    saved = admin.post(f"{ORG}/risks/c/R1/edit/", data)
    assert saved.status_code == 302
    risk.refresh_from_db()
    assert risk.owner == "Adult social care" and risk.version == 1
    assert risk.residual_impact is None and not risk.actions.exists()  # emptied on the form
    stale = admin.post(f"{ORG}/risks/c/R1/edit/", {**data, "owner": "Me", "version": "0"})
    assert stale.status_code == 409
    assert "Your changes were not saved" in stale.content.decode()
    assert "Review overdue" not in admin.get(f"{ORG}/").content.decode()

    closed = admin.post(f"{ORG}/risks/c/R1/close/", {"version": "1"}, follow=True)
    text = closed.content.decode()
    assert "R1 was closed" in text and "Reopen the risk" in text
    register_page = admin.get(f"{ORG}/risks/c/").content.decode()
    assert 'govuk-tag--grey">Closed' in register_page
    assert "1 risk is closed or inactive and not on the maps: R1" in register_page
    assert admin.post(f"{ORG}/risks/c/R1/reopen/", {"version": "1"}).status_code == 302
    risk.refresh_from_db()
    assert risk.status == "closed"  # an out-of-date page changes nothing
    admin.post(f"{ORG}/risks/c/R1/reopen/", {"version": "2"})
    risk.refresh_from_db()
    assert risk.status == "open" and risk.history.count() >= 4


@pytest.mark.django_db
def test_a_reference_that_is_a_page_name_is_refused(people: People) -> None:
    RiskRegister.objects.create(organisation=people.plan.organisation, slug="c", title="C")
    admin = signed_in(people.admin)
    for ref in ("settings", "add-risk", "a/b"):
        response = admin.post(f"{ORG}/risks/c/add-risk/", {"ref": ref, "title": "x"})
        assert response.status_code == 400
        assert "cannot be a risk&#x27;s reference" in response.content.decode()
