"""A KPI's own pages: a plan's editor defines a KPI, changes its definition and targets,
retires and restores it; a page older than the last save is refused with what changed; the
KPI's page says what it lacks to be given a status."""

from __future__ import annotations

import pytest
from django.test import Client

from plantracker.indicators.models import Indicator
from plantracker.plans.models import Plan
from tests.conftest import People

LCC = "/organisations/leicestershire-county-council"


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


def form_of(client: Client, url: str) -> dict[str, object]:
    """The form as the page fills it in."""
    form = client.get(url).context["form"]
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("objectives", "measures"):
            value = [o.pk for o in value or []]
        data[name] = "" if value is None else value
    return data


NEW = {
    "title": "Homes retrofitted", "plan": "net-zero-communities", "unit": "homes",
    "direction": "higher", "baseline_value": "120", "baseline_period": "2022/23",
    "target": "500 or more", "target_due": "2030",
}  # fmt: skip


@pytest.mark.django_db
def test_a_plan_editor_defines_a_kpi_for_their_plan(people: People) -> None:
    editor = signed_in(people.editor)
    assert f'href="{LCC}/add-kpi/"' in editor.get(f"{LCC}/").content.decode()
    page = editor.get(f"{LCC}/add-kpi/")
    plans = [value for value, _ in page.context["form"].fields["plan"].choices]
    assert plans == ["net-zero-communities"]  # their plan only: not the organisation's own

    response = editor.post(f"{LCC}/add-kpi/", NEW)
    kpi = Indicator.objects.get(slug="homes-retrofitted")
    assert response.status_code == 302
    assert response["Location"] == f"{LCC}/kpis/homes-retrofitted/"
    assert (kpi.plan, kpi.baseline_period, kpi.unit) == (people.plan, "2022-23", "homes")
    assert [(t.text, t.due) for t in kpi.targets.all()] == [("500 or more", "2030")]
    shown = editor.get(response["Location"]).content.decode()
    assert "500 or more by 2030" in shown
    assert "Change the definition" in shown and "Record a value" in shown
    assert "To be given a status, this KPI needs a value." in shown


@pytest.mark.django_db
def test_what_was_typed_comes_back_with_the_errors(people: People) -> None:
    editor = signed_in(people.editor)
    bad = {**NEW, "title": "", "plan": "", "baseline_value": "lots", "baseline_period": "soon",
           "target": "", "target_due": "2030", "unit": "homes retrofitted"}  # fmt: skip
    response = editor.post(f"{LCC}/add-kpi/", bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    for field in ("title", "plan", "baseline_value", "baseline_period", "target"):
        assert f'href="#id_{field}"' in page, field
    assert "&#x27;soon&#x27; is not a period" in page
    assert 'value="homes retrofitted"' in page and 'value="lots"' in page
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_people_without_the_role_see_no_way_to_define(people: People) -> None:
    contributor = signed_in(people.contributor)
    assert "add-kpi" not in contributor.get(f"{LCC}/").content.decode()
    assert contributor.get(f"{LCC}/add-kpi/").status_code == 403
    editor = signed_in(people.editor)
    editor.post(f"{LCC}/add-kpi/", NEW)
    page = contributor.get(f"{LCC}/kpis/homes-retrofitted/").content.decode()
    assert "Change the definition" not in page and "Retire this KPI" not in page
    assert contributor.get(f"{LCC}/kpis/homes-retrofitted/edit/").status_code == 403
    # The organisation's own KPI is its administrators' and organisation editors'.
    signed_in(people.admin).post(f"{LCC}/add-kpi/", {**NEW, "plan": "", "title": "Own"})
    assert editor.get(f"{LCC}/kpis/own/edit/").status_code == 403


@pytest.mark.django_db
def test_changing_the_definition_and_a_stale_page(people: People) -> None:
    editor, admin = signed_in(people.editor), signed_in(people.admin)
    editor.post(f"{LCC}/add-kpi/", NEW)
    url = f"{LCC}/kpis/homes-retrofitted/edit/"
    mine = form_of(editor, url)
    assert (mine["baseline_value"], mine["baseline_period"]) == ("120", "2022-23")
    theirs = form_of(admin, url)
    response = admin.post(url, {**theirs, "unit": "dwellings", "direction": "lower"})
    assert response.status_code == 302
    assert "Saved: unit, direction." in [str(m) for m in admin.get(response["Location"])
                                         .context["messages"]]  # fmt: skip

    stale = editor.post(url, {**mine, "title": "Homes insulated"})
    page = stale.content.decode()
    assert stale.status_code == 409
    assert "adam changed this KPI while you were editing it" in page
    assert "dwellings" in page and "lower is better" in page  # what they changed
    assert 'value="Homes insulated"' in page  # what I typed is kept
    kpi = Indicator.objects.get(slug="homes-retrofitted")
    assert (kpi.title, kpi.unit, kpi.version) == ("Homes retrofitted", "dwellings", 1)
    again = editor.post(url, {**mine, "title": "Homes insulated", "version": "1"})
    assert again.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.title, kpi.unit) == ("Homes insulated", "homes")  # mine, as the page warned
    assert kpi.history.count() == 3


@pytest.mark.django_db
def test_targets_added_changed_and_removed(people: People) -> None:
    editor = signed_in(people.editor)
    editor.post(f"{LCC}/add-kpi/", {**NEW, "target": "", "target_due": ""})
    kpi_url = f"{LCC}/kpis/homes-retrofitted/"
    assert editor.post(f"{kpi_url}targets/add/", {"text": "TBC", "due": ""}).status_code == 302
    target = Indicator.objects.get(slug="homes-retrofitted").targets.get()
    page = editor.get(kpi_url).content.decode()
    assert "TBC" in page and "target not measurable: no rule reads these words" in page

    refused = editor.post(f"{kpi_url}targets/{target.pk}/", {"text": "600", "due": "later"})
    assert refused.status_code == 400
    assert 'value="600"' in refused.content.decode()
    assert editor.post(f"{kpi_url}targets/{target.pk}/", {"text": "600", "due": "2029/30"})
    target.refresh_from_db()
    assert (target.text, target.due) == ("600", "2029-30")
    assert "600 by 2029-30" in editor.get(kpi_url).content.decode()
    editor.post(f"{kpi_url}targets/{target.pk}/", {"remove": "1"})
    assert not Indicator.objects.get(slug="homes-retrofitted").targets.exists()
    assert "To be given a status, this KPI needs a target and a value." in (
        editor.get(kpi_url).content.decode())  # fmt: skip
    other = signed_in(people.admin)
    other.post(f"{LCC}/add-kpi/", {**NEW, "title": "Other", "plan": ""})
    theirs = Indicator.objects.get(slug="other").targets.get()
    assert editor.get(f"{kpi_url}targets/{theirs.pk}/").status_code == 404  # not this KPI's
    assert editor.get(f"{kpi_url}targets/{'9' * 30}/").status_code == 404  # no such key


@pytest.mark.django_db
def test_retired_kpis_stay_visible_labelled_and_can_be_restored(people: People) -> None:
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    editor = signed_in(people.editor)
    editor.post(f"{LCC}/add-kpi/", NEW)
    kpi_url = f"{LCC}/kpis/homes-retrofitted/"
    assert editor.post(f"{kpi_url}retire/", {"reason": "", "on": "2026-11-30",
                                             "version": "0"}).status_code == 400  # fmt: skip
    response = editor.post(f"{kpi_url}retire/", {"reason": "Replaced by the EPC measure",
                                                 "on": "2026-11-30", "version": "0"})  # fmt: skip
    assert response.status_code == 302
    page = Client().get(kpi_url).content.decode()
    assert "Retired" in page and "Replaced by the EPC measure" in page
    listing = Client().get(f"{LCC}/").content.decode()
    assert 'Homes retrofitted</a> <strong class="govuk-tag govuk-tag--grey">Retired' in listing
    assert "Retired 2026-11-30" in Client().get(f"{LCC}/kpis.csv").content.decode()
    assert "Restore the KPI" in editor.get(kpi_url).content.decode()
    editor.post(f"{kpi_url}restore/", {"version": "1"})
    kpi = Indicator.objects.get(slug="homes-retrofitted")
    assert kpi.retired_on is None
    assert "Retire this KPI" in editor.get(kpi_url).content.decode()


@pytest.mark.django_db
def test_a_kpi_with_no_baseline_is_told_what_it_lacks(people: People) -> None:
    """Issue 17: a KPI without a baseline stayed "No data" after a value was recorded."""
    admin = signed_in(people.admin)
    admin.post(f"{LCC}/add-kpi/", {
        "title": "Emissions", "plan": "", "direction": "lower",
        "target": "64% reduction", "target_due": "2030",
    })  # fmt: skip
    kpi_url = f"{LCC}/kpis/emissions/"
    admin.post(kpi_url, {"period": "2024-25", "value": "60"})
    page = admin.get(kpi_url).content.decode()
    assert "No data" in page
    assert "needs a baseline value (its target is a change against the baseline)" in page
    assert f'href="{kpi_url}edit/#id_baseline_value"' in page
    data = form_of(admin, f"{kpi_url}edit/")
    admin.post(f"{kpi_url}edit/", {**data, "baseline_value": "100",
                                   "baseline_period": "2019-20"})  # fmt: skip
    page = admin.get(kpi_url).content.decode()
    assert "To be given a status" not in page
    assert "On track" in page
