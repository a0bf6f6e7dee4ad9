"""Importing an organisation's KPIs, risk register or emissions on the web: the check shows
every column and what it was taken as, a column the check did not know is chosen on the page
and checked again, the choice is remembered for the organisation, and the next file of the
same layout needs nothing. All carried out by the task worker."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from plantracker.imports.models import ColumnChoice, ImportJob
from plantracker.indicators.models import Indicator
from plantracker.risks.models import Risk
from tests.conftest import People, run_worker

LCC = "/organisations/leicestershire-county-council"
LAYOUT = "Performance measure,Unit,Polarity,Comments\n"


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def columns_form(job: ImportJob, **choices: str) -> dict[str, str]:
    """The check page's selects as the person leaves them, with `choices` by heading."""
    data = {"check-again": "1"}
    selectable = [c for c in job.columns if c["key"] and (c["field"] or not c["as"])]
    for i, column in enumerate(selectable):
        data[f"c{i}"] = choices.get(column["heading"], column["field"])
    return data


@pytest.mark.django_db(transaction=True)
def test_a_column_chosen_on_the_check_page_is_remembered_for_the_next_file(
    people: People,
) -> None:
    admin = Client()
    admin.force_login(people.admin)
    assert f'href="{LCC}/import/"' in admin.get(f"{LCC}/").content.decode()
    response = admin.post(
        f"{LCC}/import/",
        {"kind": "kpis", "file": upload("kpis.csv", LAYOUT + "Homes insulated,homes,up,x\n"),
         "check_only": "on"},
        follow=True,
    )  # fmt: skip
    assert "kpis.csv will be checked in the background" in response.content.decode()
    run_worker()
    refused = ImportJob.objects.get()
    assert refused.status == "refused"  # no column the importer reads as a KPI's name
    page = admin.get(f"{LCC}/imports/{refused.pk}/").content.decode()
    assert "Column A: Performance measure" in page and "Check again with these columns" in page
    assert [c["heading"] for c in refused.columns] == [
        "Performance measure", "Unit", "Polarity", "Comments"
    ]  # fmt: skip

    data = columns_form(refused, **{"Performance measure": "title", "Polarity": "direction"})
    admin.post(f"{LCC}/imports/{refused.pk}/", data)
    run_worker()
    checked = ImportJob.objects.latest("pk")
    assert checked.check_only and checked.status == "done", checked.problems
    assert Indicator.objects.count() == 0  # a check writes nothing
    taken = {c["heading"]: c["as"] for c in checked.columns}
    assert taken == {"Performance measure": "title", "Unit": "unit", "Polarity": "direction",
                     "Comments": ""}  # fmt: skip
    remembered = dict(ColumnChoice.objects.values_list("heading", "field"))
    assert remembered == {"performance measure": "title", "polarity": "direction"}

    admin.post(f"{LCC}/imports/{checked.pk}/", {"import": "1"})
    run_worker()
    kpi = Indicator.objects.get()
    assert (kpi.title, kpi.unit, kpi.direction) == ("Homes insulated", "homes", "higher")

    admin.post(
        f"{LCC}/import/",
        {"kind": "kpis", "file": upload("kpis-2.csv", LAYOUT + "Trees planted,trees,up,\n")},
    )  # the same layout, imported straight away: nothing asked
    run_worker()
    second = ImportJob.objects.latest("pk")
    assert second.status == "done" and not second.check_only, second.problems
    assert set(Indicator.objects.values_list("title", flat=True)) == {
        "Homes insulated", "Trees planted"
    }  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_risk_register_needs_a_name_and_is_imported_into_it(people: People) -> None:
    admin = Client()
    admin.force_login(people.admin)
    text = "Risk,Impact,Likelihood\nFlooding of the depot,4,3\n"
    response = admin.post(f"{LCC}/import/", {"kind": "risks", "file": upload("r.csv", text)})
    assert (
        response.status_code == 400
        and "Give the risk register a name." in response.content.decode()
    )
    admin.post(
        f"{LCC}/import/",
        {"kind": "risks", "file": upload("r.csv", text), "register": "Climate risks"},
    )
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == "done", job.problems
    risk = Risk.objects.get()
    assert risk.register.title == "Climate risks" and risk.impact == 4


@pytest.mark.django_db
def test_only_the_organisations_own_editors_and_admins_import(people: People) -> None:
    for person, status in ((people.editor, 403), (people.outsider, 403), (people.admin, 200)):
        client = Client()
        client.force_login(person)
        assert client.get(f"{LCC}/import/").status_code == status
    outsider = Client()
    outsider.force_login(people.outsider)
    assert f"{LCC}/import/" not in outsider.get(f"{LCC}/").content.decode()
