"""The sample plans shipped in sample_data/, loaded for the demo and the tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from plantracker.imports.services import ImportReport, plan_import
from plantracker.imports.tables import ImportResult
from plantracker.plans.models import Plan

ORGANISATION = "Leicestershire County Council"


def sample_dir() -> Path:
    configured = os.environ.get("PLANTRACKER_SAMPLE_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "sample_data"


@dataclass(frozen=True)
class SamplePlan:
    file: str
    slug: str
    title: str
    period: str


SAMPLE_PLANS = [
    SamplePlan(
        "net-zero-communities-december-2023.txt",
        "net-zero-communities",
        "Net Zero Action Plan: Communities",
        "",
    ),
    SamplePlan(
        "environment-strategy-action-plan-2020-2024.txt",
        "environment-strategy-action-plan-2020-2024",
        "Environment Strategy Action Plan 2020–2024",
        "2020–2024",
    ),
]


STRATEGY = "environment-strategy-2018-2030"
STRATEGIC_PLAN = "strategic-plan-2018-22"
CLIMATE_REGISTER = "climate-risk-register"
YOUTH_JUSTICE_REGISTER = "youth-justice-risk-register"
ROADMAP = "tranche-1-carbon-reduction-roadmap"


def _check(result: ImportResult) -> None:
    if not result.ok:
        raise RuntimeError("\n".join(result.problems))


@transaction.atomic
def sample_load() -> list[ImportReport]:
    """Import the sample plans, strategies, risk registers and KPIs (again: re-importing
    changes nothing) and publish the plans."""
    reports = _plans()
    _framework()
    _carbon()
    return reports


def _carbon() -> None:
    from decimal import Decimal

    from plantracker.carbon.models import CarbonTarget
    from plantracker.core.models import Organisation
    from plantracker.imports.roadmap import RoadmapSettings, roadmap_import

    _check(
        roadmap_import(
            sample_dir() / "carbon-reduction-roadmap-tranche-1-workstreams.csv",
            RoadmapSettings(
                ROADMAP,
                organisation=ORGANISATION,
                title="Tranche 1 Carbon Reduction Roadmap (draft)",
                baseline_period="2018-19",
                baseline_tco2e=Decimal(13000),
                baseline_note="Measured (Tranche 1) emissions: “almost 13,000 tonnes” in 2018-19",
                target_year=2030,
                plan=SAMPLE_PLANS[1].slug,
            ),
        )
    )
    org = Organisation.objects.get(name=ORGANISATION)
    for name, reduction, year, net in (
        ("64% reduction by 2025", 64, 2025, False),
        ("Carbon neutral by 2030", 100, 2030, True),
    ):
        CarbonTarget.objects.update_or_create(
            organisation=org,
            name=name,
            defaults={"reduction": Decimal(reduction), "year": year,
                      "baseline_period": "2016-17", "net": net},
        )  # fmt: skip
    _inventory_and_area()


AREA_CODES = (
    "LEC",
    "BLA",
    "CHA",
    "HAO",
    "HIN",
    "MEL",
    "NWL",
    "OAD",
    "LCE",
)  # county, districts, city
AREA_FILE = "mysociety_local_authority_emissions.csv"


def _inventory_and_area() -> None:
    from plantracker.carbon.models import CarbonProfile
    from plantracker.core.models import Organisation
    from plantracker.imports.area_emissions import (
        AreaOptions,
        area_emissions_import,
        quoted_figures_import,
    )
    from plantracker.imports.inventory import InventoryOptions, inventory_import

    d = sample_dir()
    _check(inventory_import(d / "inventory-2018-19-illustrative.csv",
                            InventoryOptions(ORGANISATION, baseline="2018-19")))  # fmt: skip
    _check(area_emissions_import(d / AREA_FILE, AreaOptions(codes=AREA_CODES)))
    _check(quoted_figures_import(d / "area-emissions-quoted-2017.csv"))
    org = Organisation.objects.get(name=ORGANISATION)
    CarbonProfile.objects.update_or_create(organisation=org, defaults={"area_code": "LEC"})


def demo_carbon() -> list[str]:
    """For the demo only (slower than the tests want): the government's 2024 conversion
    factors and the illustrative activity data worked out with them."""
    from plantracker.imports.activity import ActivityOptions, activity_import
    from plantracker.imports.factors import factors_import

    d = sample_dir()
    lines = []
    for result in (
        factors_import(d / "ghg-conversion-factors-2024-FlatFormat_v1_1.xlsx"),
        activity_import(d / "activity-data-illustrative-2023-24.csv",
                        ActivityOptions(ORGANISATION)),
    ):  # fmt: skip
        _check(result)
        lines += result.lines()
    return lines


def _framework() -> None:
    from plantracker.imports.framework import aims_import, outcomes_import
    from plantracker.imports.indicators import Options, indicators_import
    from plantracker.imports.risks import RegisterSettings, parse_bands, risks_import

    d = sample_dir()
    _check(
        aims_import(
            d / "environment-strategy-2018-2030-objectives.txt",
            strategy=STRATEGY,
            title="Environment Strategy 2018–2030",
            organisation=ORGANISATION,
            plans=[SAMPLE_PLANS[1].slug],
        )
    )
    _check(
        outcomes_import(
            d / "strategic-plan-2018-22-measures.txt",
            strategy=STRATEGIC_PLAN,
            title="Strategic Plan 2018–22",
            organisation=ORGANISATION,
        )
    )
    _check(
        risks_import(
            d / "climate-risk-register.csv",
            RegisterSettings(
                CLIMATE_REGISTER,
                title="Climate Change Risk Register",
                organisation=ORGANISATION,
                plan=SAMPLE_PLANS[1].slug,
            ),
        )
    )
    _check(
        risks_import(
            d / "youth-justice-risk-register-2020-23.txt",
            RegisterSettings(
                YOUTH_JUSTICE_REGISTER,
                title="Youth Justice Plan 2020–23: risk register",
                organisation=ORGANISATION,
                scale=3,
                method="product",
                one_is_highest=True,
                bands=parse_bands("High=1-2,Medium=3-4,Low=6-9"),
            ),
        )
    )
    _check(
        indicators_import(
            d / "environment-strategy-2018-2030-targets.csv",
            Options(
                ORGANISATION,
                plan=SAMPLE_PLANS[1].slug,
                strategy=STRATEGY,
                source="Environment Strategy 2018–2030",
            ),
        )
    )
    _check(indicators_import(d / "youth-justice-indicators.csv", Options(ORGANISATION)))
    _check(indicators_import(d / "youth-justice-performance-2014-15-to-2018-19.txt", Options(
        ORGANISATION, source="Youth Justice Plan 2020–23, Appendix 2")))  # fmt: skip


def _plans() -> list[ImportReport]:
    reports = []
    for sample in SAMPLE_PLANS:
        report = plan_import(
            path=sample_dir() / sample.file,
            plan_slug=sample.slug,
            organisation=ORGANISATION,
            title=sample.title,
        )
        if not report.ok:
            raise RuntimeError("\n".join(report.problems))
        if sample.period:
            Plan.objects.filter(slug=sample.slug, period="").update(period=sample.period)
        Plan.objects.filter(slug=sample.slug).update(status=Plan.Status.PUBLISHED)
        reports.append(report)
    return reports


DEMO_PEOPLE = [
    # username, full name, role, actions they write updates for (Communities plan)
    ("editor", "Edith Editor", "editor", []),
    ("approver", "April Approver", "approver", []),
    ("contributor", "Carol Contributor", "contributor", ["C13", "C1", "C2"]),
    ("admin", "Adam Administrator", "admin", []),
]


@transaction.atomic
def demo_people(password: str) -> list[str]:
    """Sign-ins for each role, all with `password`; people who exist already are left as
    they are. Returns the usernames created."""
    from django.contrib.auth import get_user_model

    from plantracker.core.models import Membership, Organisation

    users = get_user_model().objects
    org = Organisation.objects.get(name=ORGANISATION)
    plan = Plan.objects.get(slug=SAMPLE_PLANS[0].slug)
    created = []
    for username, name, role, refs in DEMO_PEOPLE:
        if users.filter(username=username).exists():
            continue
        first, _, last = name.partition(" ")
        user = users.create_user(
            username, email=f"{username}@example.org", password=password,
            first_name=first, last_name=last,
        )  # fmt: skip
        Membership.objects.create(user=user, organisation=org, role=role)
        for action in plan.actions.filter(ref__in=refs):
            action.assignees.add(user)
        created.append(username)
    return created
