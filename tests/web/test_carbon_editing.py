"""The carbon records' own pages: an organisation's administrator sets the baseline year, adds
a carbon target, an emission source and its yearly figures, corrects a figure (the earlier one
kept in the history with the reason), starts a roadmap, adds a workstream and switches one off.
Each change shows on the public carbon and roadmap pages and in their downloads."""

from __future__ import annotations

import json
from decimal import Decimal

from django.test import Client

from plantracker.carbon.models import EmissionRecord, Roadmap
from tests.conftest import People

LCC = "leicestershire-county-council"
CARBON = f"/organisations/{LCC}/carbon"


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_inventory_is_kept_on_its_pages(people: People) -> None:
    admin = signed_in(people.admin)
    page = admin.get(f"{CARBON}/").content.decode()
    assert "Add an emission source" in page
    assert "Add an emission source" not in Client().get(f"{CARBON}/").content.decode()

    bad = admin.post(f"{CARBON}/settings/", {"baseline_period": "2018"})
    assert bad.status_code == 400 and "is not a financial year" in bad.content.decode()
    admin.post(f"{CARBON}/settings/", {"baseline_period": "2018/19"})

    made = admin.post(f"{CARBON}/sources/add/",
                      {"name": "Buildings", "scope": "1", "category": "buildings",
                       "measured": "on"})  # fmt: skip
    source = people.plan.organisation.emission_sources.get(name="Buildings")
    assert made["Location"] == f"{CARBON}/sources/{source.pk}/"
    twin = admin.post(f"{CARBON}/sources/add/",
                      {"name": "buildings", "scope": "1", "category": "buildings"})  # fmt: skip
    assert twin.status_code == 400 and "already a source" in twin.content.decode()

    add = f"{CARBON}/sources/{source.pk}/add-year/"
    admin.post(add, {"period": "2018-19", "tco2e": "1,200.5", "quality": "actual"})
    admin.post(add, {"period": "2019-20", "tco2e": "1000", "quality": "actual"})
    again = admin.post(add, {"period": "2019-20", "tco2e": "5", "quality": "actual"})
    assert again.status_code == 400 and "correct that one instead" in again.content.decode()

    record = EmissionRecord.objects.get(source=source, period="2019-20")
    assert record.year == 2020 and record.tco2e == Decimal(1000)
    url = f"{CARBON}/sources/{source.pk}/years/{record.pk}/"
    refused = admin.post(url, {"tco2e": "950", "quality": "actual"})
    assert refused.status_code == 400 and "Say why the 2019-20 figure changes from 1,000 t" in (
        refused.content.decode()
    )
    admin.post(url, {"tco2e": "950", "quality": "actual", "reason": "New factors"})
    record.refresh_from_db()
    assert record.tco2e == Decimal(950) and "Corrected from 1,000 tCO2e: New factors" in record.note
    history = admin.get(url).content.decode()
    assert "Earlier figures" in history and "New factors" in history and "1,000" in history

    public = Client().get(f"{CARBON}/").content.decode()
    assert "2018-19 (baseline)" in public and "950" in public
    data = json.loads(Client().get(f"{CARBON}/emissions.json").content)
    assert "950" in json.dumps(data)


def test_targets_and_roadmaps_are_kept_on_their_pages(people: People) -> None:
    admin = signed_in(people.admin)
    started = admin.post(f"{CARBON}/add-roadmap/", {
        "title": "Council roadmap", "baseline_period": "2018-19", "baseline_tco2e": "1000",
        "first_year": "2019", "target_year": "2030",
    })  # fmt: skip
    roadmap = Roadmap.objects.get(title="Council roadmap")
    url = f"/organisations/{LCC}/roadmaps/{roadmap.slug}"
    assert started["Location"] == f"{url}/" and roadmap.baseline_year == 2019
    wrong = admin.post(f"{url}/edit/", {"title": "Council roadmap", "baseline_period": "2018-19",
                                        "baseline_tco2e": "1000", "first_year": "2019",
                                        "target_year": "2015"})  # fmt: skip
    assert (
        wrong.status_code == 400 and "must come after the baseline year" in wrong.content.decode()
    )

    target = {"name": "Net zero", "reduction": "100", "year": "2030",
              "baseline_period": "2018-19"}  # fmt: skip
    admin.post(f"{CARBON}/targets/add/", target)
    stream = {"name": "LED lighting", "category": "simple", "saving": "300", "start_year": "2020",
              "phasing": "linear", "included": "on"}  # fmt: skip
    admin.post(f"{url}/workstreams/add/", stream)
    admin.post(f"{url}/workstreams/add/", {**stream, "name": "Solar", "saving": "200"})
    page = Client().get(f"{url}/").content.decode()
    assert "Net zero" in page and "LED lighting" in page and "500 tCO2e" in page

    solar = roadmap.workstreams.get(name="Solar")
    admin.post(f"{url}/workstreams/{solar.pk}/", {**stream, "name": "Solar", "saving": "200"}
               | {"included": ""})  # fmt: skip
    solar.refresh_from_db()
    assert not solar.included
    page = Client().get(f"{url}/").content.decode()
    assert "Switched off" in page and "300 tCO2e" in page
    data = json.loads(Client().get(f"{url}.json").content)
    assert {w["name"]: w["included"] for w in data["workstreams"]} == {
        "LED lighting": True, "Solar": False,
    }  # fmt: skip
    assert solar.history.first().history_user == people.admin


def test_only_organisation_wide_editors_and_admins_may(people: People) -> None:
    for person in (people.editor, people.contributor):  # the plan's editor is not org-wide
        assert signed_in(person).get(f"{CARBON}/settings/").status_code == 403
    assert (
        "Add an emission source" not in signed_in(people.editor).get(f"{CARBON}/").content.decode()
    )
