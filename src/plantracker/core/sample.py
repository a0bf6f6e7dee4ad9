"""The sample plans shipped in sample_data/, loaded for the demo and the tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from plantracker.imports.services import ImportReport, plan_import
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


@transaction.atomic
def sample_load() -> list[ImportReport]:
    """Import the sample plans (again: re-importing changes nothing) and publish them."""
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
