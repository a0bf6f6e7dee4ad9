"""Every page and API read keeps its number of SQL queries when the plan grows: with a little
of everything (so every kind of row is there), the routes of the permission matrix are read;
then the plan, its updates, KPIs, risks, roadmap, targets and area figures are made several
times bigger, and each route is read again. An N+1 query fails here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import People
from tests.web.test_permissions import MATRIX, RARE, ROLES, membership_pk
from tests.web.test_permissions import world as world  # the fixture

PREFERRED = ["admin", "editor", "approver", "contributor", "outsider", "anonymous"]


def reads() -> list[tuple[str, str, str]]:
    """(route, url, role allowed to read it) for every GET in the matrix."""
    out = []
    for name, cases in sorted(MATRIX.items()):
        for case in cases:
            if case.method != "get" or not case.allowed:
                continue
            role = next(r for r in PREFERRED if r in case.allowed)
            out.append((name, case.url, role))
    return out


def count(people: People) -> dict[tuple[str, str], int]:
    counts = {}
    for name, url, role in reads():
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(people, role))
        target = url.format(membership=membership_pk())
        client.get(target)  # warm: sessions, caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target)
        assert response.status_code in (200, 302), (target, role, response.status_code)
        counts[(name, target)] = len(queries)
    return counts


def grow(people: People, n: int, tag: str) -> None:
    """`n` times a handful more of everything the pages list."""
    from django.utils import timezone

    from plantracker.carbon import editing
    from plantracker.carbon.models import AreaEmission, CarbonTarget, EmissionSource, Roadmap
    from plantracker.indicators.models import Indicator, Observation
    from plantracker.plans.models import Action, Objective, Partner
    from plantracker.risks.models import Risk, RiskRegister
    from plantracker.updates.models import ProgressUpdate

    plan, org = people.plan, people.plan.organisation
    partners = [Partner.objects.create(organisation=org, name=f"P{tag}{i}") for i in range(5)]
    objectives = [Objective.objects.create(plan=plan, code=f"G{tag}{i}") for i in range(5)]
    theme = plan.themes.first()
    periods = list(plan.periods.all())
    for i in range(8 * n):
        a = Action.objects.create(plan=plan, ref=f"G{tag}{i}", position=500 + i, title=f"G {i}",
                                  theme=theme, stage="Delivery", rag="Red")  # fmt: skip
        a.partners.set(partners[: i % 4])
        a.objectives.set(objectives[: i % 3])
        a.assignees.add(people.contributor)
        for p in periods:
            ProgressUpdate.objects.create(action=a, period=p, narrative=f"Update {i}",
                                          status="published", rag="Red")  # fmt: skip
    for k in range(2 * n):
        kpi = Indicator.objects.create(organisation=org, slug=f"g{tag}-{k}", title=f"G{tag} {k}")
        for y in range(8):
            start, end = date(2010 + y, 1, 1), date(2010 + y, 12, 31)
            Observation.objects.create(indicator=kpi, period=str(2010 + y), period_start=start,
                                       period_end=end, value=Decimal(y))  # fmt: skip
    register = RiskRegister.objects.get(slug="r")
    for i in range(4 * n):
        Risk.objects.create(register=register, ref=f"G{tag}{i}", title=f"Risk {i}", impact=3,
                            likelihood=i % 5 + 1)  # fmt: skip
    own = RiskRegister.objects.get(slug="lr")
    for i in range(4 * n):
        risk = Risk.objects.create(register=own, ref=f"G{tag}{i}", title=f"Risk {i}", impact=2,
                                   likelihood=i % 5 + 1, review_date=date(2020, 1, 1))  # fmt: skip
        risk.actions.set(plan.actions.all()[:3])
    Risk.objects.get(register=own, ref="L1").actions.set(plan.actions.all()[:5])
    roadmap = Roadmap.objects.get(slug="t1")
    for i in range(2 * n):
        w = roadmap.workstreams.create(name=f"G{tag} {i}", category="simple", area="travel",
                                       saving=Decimal(5), start_year=2021)  # fmt: skip
        w.actions.set(plan.actions.all()[:3])
    for i in range(n):
        CarbonTarget.objects.create(organisation=org, name=f"T{tag} {i}", reduction=Decimal(50),
                                    year=2025 + i, baseline_period="2018-19")  # fmt: skip
    source = EmissionSource.objects.get(pk=RARE)
    start = 1990 if tag == "a" else 2030
    for year in range(start, start + 2 * n):
        source.records.create(period=f"{year}-{str(year + 1)[2:]}", year=year + 1,
                              tco2e=Decimal(year))  # fmt: skip
        EmissionSource.objects.create(organisation=org, name=f"S{tag}{year}", scope="2",
                                      category="buildings")  # fmt: skip
    record = source.records.get(pk=RARE)
    for i in range(2 * n):
        record.tco2e += 1
        editing.saved(record, people.admin, f"Correction {tag}{i}")
    for i in range(4 * n):
        plan.findings.create(ref=f"G{tag}{i}", field="start", kind="missing_start",
                             message=f"m{i}", origin="check", dismissed_reason="ok",
                             dismissed_by=people.editor if i % 2 else people.admin,
                             dismissed_at=timezone.now())  # fmt: skip
    first = 2005 if tag == "a" else 2005 + 1
    for year in range(first, first + n):
        AreaEmission.objects.create(code="LEC", name="L", year=year, sector=f"S{tag}",
                                    item="Total", unit="kt CO2", value=Decimal(year))  # fmt: skip


@pytest.mark.django_db
def test_no_read_grows_with_the_plan(world: People) -> None:
    assert ROLES  # the matrix's roles are the fixture's people
    grow(world, 1, "a")
    before = count(world)
    grow(world, 5, "b")
    after = count(world)
    grew = {key: (before[key], after[key]) for key in before if after[key] > before[key]}
    assert not grew, "\n".join(f"{k}: {v[0]} -> {v[1]}" for k, v in grew.items())


def _more_plans(people: People, n: int, tag: str) -> None:
    """`n` more published plans at the council, each with actions, two published reports
    (frozen snapshots) and an open period with updates in progress."""
    from plantracker.plans.models import Action, Plan, ScoringScheme
    from plantracker.updates import services
    from plantracker.updates.models import ProgressUpdate

    org = people.plan.organisation
    for i in range(n):
        plan = Plan.objects.create(organisation=org, slug=f"more-{tag}{i}", title=f"More {tag}{i}",
                                   scoring_scheme=ScoringScheme.objects.create(),
                                   status="published")  # fmt: skip
        actions = [Action.objects.create(plan=plan, ref=f"M{k}", position=k, title=f"M {k}",
                                         rag="Amber", stage="Design", end=date(2020, 1, 1))
                   for k in range(4)]  # fmt: skip
        for label in ("Spring", "Summer"):
            period = services.period_create(plan=plan, user=people.admin, label=label)
            services.period_close(period=period, user=people.admin)
            services.period_publish(period=period, user=people.admin)
        open_ = services.period_create(plan=plan, user=people.admin, label="Autumn",
                                       due=date(2024, 1, 1))  # fmt: skip
        for a in actions[:2]:
            ProgressUpdate.objects.create(action=a, period=open_, status="submitted", rag="Red")


@pytest.mark.django_db
def test_the_overview_reads_no_more_as_plans_grow(world: People) -> None:
    """One query per plan would pass the test above (one plan): here the council has more."""
    pages = [f"/organisations/{world.plan.organisation.slug}/overview/", "/overview/",
             f"/organisations/{world.plan.organisation.slug}/overview.json"]  # fmt: skip
    _more_plans(world, 1, "a")

    def reads() -> dict[tuple[str, str], int]:
        out = {}
        for role in ("anonymous", "admin", "approver"):
            client = Client()
            if role != "anonymous":
                client.force_login(getattr(world, role))
            for url in pages:
                client.get(url)
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200
                out[(role, url)] = len(queries)
        return out

    before = reads()
    _more_plans(world, 4, "b")
    after = reads()
    assert after == before
