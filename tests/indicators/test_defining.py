"""Defining a KPI through its services: who may, what is kept as written, history, stale
versions refused, retiring and restoring, and what a KPI lacks to be given a status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from plantracker.core.models import Membership, Organisation
from plantracker.indicators import defining
from plantracker.indicators.models import Indicator, Target
from plantracker.indicators.selectors import kpi_data, kpi_view
from plantracker.indicators.services import observation_record
from plantracker.indicators.status import Status
from plantracker.plans.models import Plan, ScoringScheme
from plantracker.reports.committee_sections import kpi_summary
from plantracker.strategy.models import Strategy
from plantracker.strategy.selectors import objectives_without_kpi
from plantracker.updates.services import Invalid, NotAllowed

Role = Membership.Role


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    org = Organisation.objects.create(name="Leicestershire County Council", slug="lcc")
    other = Organisation.objects.create(name="Rutland County Council", slug="rutland")

    def plan(slug: str, where: Organisation = org) -> Plan:
        return Plan.objects.create(organisation=where, slug=slug, title=slug.title(),
                                   scoring_scheme=ScoringScheme.objects.create())  # fmt: skip

    climate, youth, theirs = plan("climate"), plan("youth"), plan("theirs", other)
    users = get_user_model().objects

    def person(name: str, role: str | None = None, on: Plan | None = None) -> object:
        user = users.create_user(name)
        if role:
            Membership.objects.create(user=user, organisation=org, plan=on, role=role)
        return user

    return SimpleNamespace(
        org=org, other=other, climate=climate, youth=youth, theirs=theirs,
        admin=person("adam", Role.ADMIN), org_editor=person("otto", Role.EDITOR),
        editor=person("edith", Role.EDITOR, climate), approver=person("april", Role.APPROVER),
        contributor=person("carol", Role.CONTRIBUTOR, climate), stranger=person("sam"),
    )  # fmt: skip


def values(**given: object) -> dict[str, object]:
    return {"title": "Homes retrofitted", "unit": "homes", "direction": "higher", **given}


def define(w: SimpleNamespace, user: object = None, **given: object) -> Indicator:
    return defining.kpi_create(organisation=w.org, values=values(**given),
                               user=user or w.admin)  # fmt: skip


def test_an_organisation_editor_defines_a_kpi_with_its_first_target(world) -> None:
    kpi = defining.kpi_create(
        organisation=world.org,
        values=values(baseline_value=Decimal("120.500000"), baseline_period="2022/23",
                      description="  Homes given loft or wall insulation. "),
        targets=[("  500 or  more ", "2030")], user=world.org_editor,
    )  # fmt: skip
    assert kpi.slug == "homes-retrofitted"
    assert kpi.baseline_period == "2022-23"  # written the one way the pages keep periods
    assert kpi.baseline_value == Decimal("120.5")
    assert kpi.description == "Homes given loft or wall insulation."
    assert [(t.text, t.due) for t in kpi.targets.all()] == [("500 or more", "2030")]
    record = kpi.history.get()
    assert (record.history_user, record.history_change_reason) == (
        world.org_editor,
        "Defined on its page",
    )
    assert define(world).slug == "homes-retrofitted-2"  # a reference of its own


@pytest.mark.parametrize(
    ("who", "plan", "allowed"),
    [
        ("admin", None, True), ("admin", "youth", True), ("org_editor", None, True),
        ("editor", "climate", True), ("editor", None, False), ("editor", "youth", False),
        ("approver", None, False), ("contributor", "climate", False), ("stranger", None, False),
    ],
)  # fmt: skip
def test_who_may_define_a_kpi(world, who: str, plan: str | None, allowed: bool) -> None:
    """The rule that lets someone record a KPI's values: its plan's (or, with none, the
    organisation's) editors and administrators."""
    chosen = getattr(world, plan) if plan else None
    if allowed:
        assert define(world, getattr(world, who), plan=chosen).plan == chosen
    else:
        with pytest.raises(NotAllowed):
            define(world, getattr(world, who), plan=chosen)


def test_another_councils_plan_is_refused(world) -> None:
    with pytest.raises(Invalid) as refused:
        define(world, plan=world.theirs)
    assert "plan" in refused.value.errors


def test_a_reference_already_taken_and_a_bad_period_are_refused(world) -> None:
    define(world)
    with pytest.raises(Invalid) as taken:
        defining.kpi_create(organisation=world.org, values=values(), slug="homes-retrofitted",
                            user=world.admin)  # fmt: skip
    assert "already has the reference" in taken.value.errors["slug"]
    with pytest.raises(Invalid) as bad:
        define(world, baseline_period="sometime")
    assert "is not a period" in bad.value.errors["baseline_period"]
    with pytest.raises(Invalid) as due:
        defining.kpi_create(organisation=world.org, values=values(), targets=[("5%", "soon")],
                            user=world.admin)  # fmt: skip
    assert "target_due" in due.value.errors
    assert Indicator.objects.count() == 1  # nothing half-written


def test_changing_the_definition_keeps_history_and_refuses_a_stale_page(world) -> None:
    kpi = define(world, plan=world.climate)
    changes = defining.kpi_change(
        indicator=kpi, values=values(direction="lower", baseline_value=Decimal(10),
                                     baseline_period="2023", plan=world.climate),
        objectives=[], measures=[], version=0, user=world.editor,
    )  # fmt: skip
    assert [c.label for c in changes] == ["Direction", "Baseline value", "Baseline period"]
    assert changes[0].new_text == "lower is better"
    kpi.refresh_from_db()
    assert (kpi.version, kpi.direction, kpi.history.count()) == (1, "lower", 2)
    assert kpi.history.first().history_user == world.editor

    with pytest.raises(defining.KpiConflict) as stale:
        defining.kpi_change(indicator=kpi, values=values(title="Other", plan=world.climate),
                            objectives=[], measures=[], version=0, user=world.admin)  # fmt: skip
    assert "edith changed this KPI" in str(stale.value)
    assert [c.label for c in stale.value.theirs] == ["Direction", "Baseline value",
                                                     "Baseline period"]  # fmt: skip
    same = values(direction="lower", plan=world.climate, baseline_value=Decimal(10),
                  baseline_period="2023")  # fmt: skip
    assert defining.kpi_change(indicator=kpi, values=same, objectives=[], measures=[],
                               version=1, user=world.admin) == []  # fmt: skip


def test_a_plan_editor_cannot_move_a_kpi_out_of_their_plan(world) -> None:
    kpi = define(world, plan=world.climate)
    for plan in (None, world.youth):
        with pytest.raises(NotAllowed):
            defining.kpi_change(indicator=kpi, values=values(plan=plan), objectives=[],
                                measures=[], version=0, user=world.editor)  # fmt: skip


def test_objectives_it_serves(world) -> None:
    strategy = Strategy.objects.create(organisation=world.org, slug="es", title="ES", kind="aims")
    aim = strategy.aims.create(code="A", title="Aim")
    a1 = aim.objectives.create(code="A1", text="One", kind="internal")
    a2 = aim.objectives.create(code="A2", text="Two", kind="internal")
    kpi = defining.kpi_create(organisation=world.org, values=values(), objectives=[a1],
                              user=world.admin)  # fmt: skip
    assert [o.code for o in objectives_without_kpi(strategy)] == ["A2"]
    changes = defining.kpi_change(indicator=kpi, values=values(), objectives=[a1, a2],
                                  measures=[], version=0, user=world.admin)  # fmt: skip
    assert [(c.label, c.old_text, c.new_text) for c in changes] == [
        ("Objectives", "A1", "A1, A2")]  # fmt: skip
    assert objectives_without_kpi(strategy) == []
    defining.kpi_retire(indicator=kpi, reason="Replaced", on=date(2026, 11, 30), version=1,
                        user=world.admin)  # fmt: skip
    assert [o.code for o in objectives_without_kpi(strategy)] == ["A1", "A2"]  # not counted


def test_targets_are_kept_as_written(world) -> None:
    kpi = define(world)
    words = defining.target_add(indicator=kpi, text="TBC  by council", due="", user=world.admin)
    assert (words.text, words.due) == ("TBC by council", "")
    assert kpi_view(kpi).status is Status.NOT_MEASURABLE  # kept, and said to be words
    assert defining.target_change(target=words, text="45 or more", due="2025/26",
                                  user=world.admin)  # fmt: skip
    words.refresh_from_db()
    assert (words.text, words.due) == ("45 or more", "2025-26")
    assert not defining.target_change(target=words, text="45 or more", due="2025-26",
                                      user=world.admin)  # fmt: skip
    assert words.history.count() == 2
    with pytest.raises(Invalid) as empty:
        defining.target_add(indicator=kpi, text="  ", due="", user=world.admin)
    assert "text" in empty.value.errors
    with pytest.raises(NotAllowed):
        defining.target_remove(target=words, user=world.editor)  # the organisation's KPI
    pk = words.pk
    defining.target_remove(target=words, user=world.admin)
    assert not kpi.targets.exists()
    assert Target.history.filter(id=pk).first().history_type == "-"  # kept in its history


def test_retiring_keeps_the_kpi_out_of_counts_and_restoring_brings_it_back(world) -> None:
    kpi = define(world, plan=world.climate)
    defining.target_add(indicator=kpi, text="500", due="", user=world.admin)
    observation_record(indicator=kpi, user=world.admin, period="2024", value="10")
    with pytest.raises(Invalid):
        defining.kpi_retire(indicator=kpi, reason=" ", on=date(2026, 1, 1), version=0,
                            user=world.editor)  # fmt: skip
    defining.kpi_retire(indicator=kpi, reason="Replaced by a better measure",
                        on=date(2026, 11, 30), version=0, user=world.editor)  # fmt: skip
    kpi.refresh_from_db()
    data = kpi_data(kpi_view(kpi))
    assert data["retired"] == {"on": "2026-11-30", "reason": "Replaced by a better measure"}
    summary = kpi_summary({"kpis": [data]})
    assert (summary.total, summary.off_track) == (0, [])
    with pytest.raises(defining.KpiConflict):
        defining.kpi_restore(indicator=kpi, version=0, user=world.editor)
    defining.kpi_restore(indicator=kpi, version=1, user=world.editor)
    kpi.refresh_from_db()
    assert (kpi.retired_on, kpi.retired_reason) == (None, "")
    assert kpi_summary({"kpis": [kpi_data(kpi_view(kpi))]}).total == 1
    assert [h.history_change_reason for h in kpi.history.order_by("history_date")] == [
        "Defined on its page", "Retired", "Restored"]  # fmt: skip


def test_a_kpi_without_a_baseline_gets_one_and_its_status(world) -> None:
    """Issue 17: a KPI whose target is a change on its baseline stayed "No data" after a value
    was recorded, and nobody could give it a baseline."""
    kpi = define(world, direction="lower", title="Emissions")
    assert kpi_view(kpi).missing() == ["a target", "a value"]
    defining.target_add(indicator=kpi, text="64% reduction", due="2030", user=world.admin)
    observation_record(indicator=kpi, user=world.admin, period="2024-25", value="60")
    view = kpi_view(kpi)
    assert view.status is Status.NO_DATA
    assert view.missing() == [
        "a baseline value (its target is a change against the baseline)"]  # fmt: skip
    defining.kpi_change(indicator=kpi, values=values(direction="lower", title="Emissions",
                        baseline_value=Decimal(100), baseline_period="2019-20"),
                        objectives=[], measures=[], version=0, user=world.admin)  # fmt: skip
    kpi.refresh_from_db()
    view = kpi_view(kpi)
    assert view.status is Status.ON_TRACK
    assert (view.missing(), view.path_missing()) == ([], "")


def test_a_value_target_without_a_baseline_period_has_no_path(world) -> None:
    kpi = define(world, baseline_value=Decimal(100))
    defining.target_add(indicator=kpi, text="500", due="2030", user=world.admin)
    assert kpi_view(kpi).path_missing() == "a baseline period"
