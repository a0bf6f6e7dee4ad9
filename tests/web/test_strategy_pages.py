"""A strategy's own pages: an organisation's admin starts a strategy, links the plan that
delivers it, adds aims and objectives (or outcomes and measures), changes and removes them;
nothing of another strategy's can be reached through it."""

from __future__ import annotations

import pytest
from django.test import Client

from plantracker.indicators.models import Indicator
from plantracker.strategy.models import Aim, Measure, Outcome, Strategy, StrategyObjective
from tests.conftest import People

LCC = "/organisations/leicestershire-county-council"


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.django_db
def test_an_admin_builds_a_strategy_of_aims_and_objectives(people: People) -> None:
    admin = signed_in(people.admin)
    assert f'href="{LCC}/add-strategy/"' in admin.get(f"{LCC}/").content.decode()
    response = admin.post(f"{LCC}/add-strategy/", {
        "title": "Environment Strategy 2025–2035", "kind": "aims", "period": "2025–2035",
        "plans": [str(people.plan.pk)],
    })  # fmt: skip
    strategy = Strategy.objects.get(title="Environment Strategy 2025–2035")
    assert response["Location"] == f"{LCC}/strategies/{strategy.slug}/edit/"
    people.plan.refresh_from_db()
    assert people.plan.framework == strategy

    base = f"{LCC}/strategies/{strategy.slug}"
    admin.post(f"{base}/aims/add/", {"code": "A", "title": "Cut our own emissions"})
    aim = Aim.objects.get(strategy=strategy)
    assert aim.position == 1
    twice = admin.post(f"{base}/aims/add/", {"code": "A", "title": "Again"})
    assert twice.status_code == 400 and "already has that code" in twice.content.decode()

    new = {"aim": aim.pk, "code": "A1", "text": "Heat with heat pumps", "kind": "internal"}
    admin.post(f"{base}/objectives/add/", new)
    objective = StrategyObjective.objects.get(aim=aim)
    kpi = Indicator.objects.create(organisation=people.plan.organisation, slug="k", title="K")
    kpi.objectives.add(objective)
    changed = {**new, "text": "Heat buildings with heat pumps", "position": "1"}
    admin.post(f"{base}/objectives/{objective.pk}/", changed)
    objective.refresh_from_db()
    assert objective.text == "Heat buildings with heat pumps"
    public = Client().get(f"{base}/").content.decode()
    assert "Heat buildings with heat pumps" in public and "Edit the strategy" not in public

    confirm = admin.get(f"{base}/aims/{aim.pk}/delete/").content.decode()
    assert "its 1 objective" in confirm
    admin.post(f"{base}/aims/{aim.pk}/delete/")
    assert not Aim.objects.filter(pk=aim.pk).exists()
    assert Indicator.objects.filter(pk=kpi.pk).exists()  # the KPI is kept


@pytest.mark.django_db
def test_outcomes_and_measures_and_nothing_of_another_strategy(people: People) -> None:
    admin = signed_in(people.admin)
    org = people.plan.organisation
    mine = Strategy.objects.create(organisation=org, slug="mine", title="Mine", kind="outcomes")
    other = Strategy.objects.create(organisation=org, slug="other", title="O", kind="outcomes")
    theirs = Outcome.objects.create(strategy=other, title="Theirs")
    base = f"{LCC}/strategies/mine"
    admin.post(f"{base}/outcomes/add/", {"title": "A greener county"})
    top = Outcome.objects.get(strategy=mine)
    admin.post(f"{base}/outcomes/add/", {"title": "Cleaner air", "parent": top.pk})
    child = Outcome.objects.get(strategy=mine, parent=top)
    admin.post(f"{base}/measures/add/", {"outcome": child.pk, "text": "NO2 at roadside"})
    assert Measure.objects.get(outcome=child).text == "NO2 at roadside"

    assert admin.get(f"{base}/outcomes/{theirs.pk}/").status_code == 404
    crossed = admin.post(f"{base}/measures/add/", {"outcome": theirs.pk, "text": "Stolen"})
    assert crossed.status_code == 400 and not Measure.objects.filter(text="Stolen").exists()
    assert admin.get(f"{base}/aims/add/").status_code == 404  # not a strategy of aims
    assert signed_in(people.editor).get(f"{base}/edit/").status_code == 403  # plan editor only
