from collections.abc import Callable
from pathlib import Path

import pytest

from plantracker.imports.services import ImportReport, plan_import
from plantracker.operations.sample import sample_dir
from plantracker.plans.models import Plan

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
DATA = Path(__file__).resolve().parent / "data"
COMMUNITIES = SAMPLES / "net-zero-communities-december-2023.txt"
ACTION_PLAN = SAMPLES / "environment-strategy-action-plan-2020-2024.txt"
ACTION_PLAN_XLSX = SAMPLES / "environment-strategy-action-plan-2020-2024.xlsx"
ORG = "Leicestershire County Council"

assert sample_dir() == SAMPLES, "tests read the repository's own sample_data/"


Importer = Callable[..., ImportReport]


@pytest.fixture
def do_import(db: None) -> Importer:
    def run(path: Path, slug: str = "plan", **kwargs: object) -> ImportReport:
        kwargs.setdefault("organisation", ORG)
        report = plan_import(path=path, plan_slug=slug, **kwargs)  # type: ignore[arg-type]
        return report

    return run


@pytest.fixture
def communities(do_import: Importer) -> Plan:
    report = do_import(COMMUNITIES, "net-zero-communities")
    assert report.ok, report.problems
    return Plan.objects.get(slug="net-zero-communities")


@pytest.fixture
def action_plan(do_import: Importer) -> Plan:
    report = do_import(ACTION_PLAN, "environment-strategy-action-plan-2020-2024")
    assert report.ok, report.problems
    return Plan.objects.get(slug="environment-strategy-action-plan-2020-2024")


PASSWORD = "correct-horse-battery-staple"


class People:
    """One person for each role the permission rules know, on the Communities plan."""

    def __init__(self, plan: Plan) -> None:
        from django.contrib.auth import get_user_model

        from plantracker.core.models import Membership, Organisation
        from plantracker.plans.models import ScoringScheme

        users = get_user_model().objects
        role = Membership.Role
        org = plan.organisation

        def user(name: str) -> object:
            return users.create_user(
                name, email=f"{name}@example.org", password=PASSWORD, first_name=name.title()
            )

        self.plan = plan
        self.contributor = user("carol")  # owns C13
        self.other_contributor = user("oscar")  # owns C1 only
        self.editor = user("edith")
        self.approver = user("april")
        self.admin = user("adam")
        self.outsider = user("olga")  # an editor at another council
        Membership.objects.create(
            user=self.contributor, organisation=org, plan=plan, role=role.CONTRIBUTOR
        )
        Membership.objects.create(
            user=self.other_contributor, organisation=org, plan=plan, role=role.CONTRIBUTOR
        )
        Membership.objects.create(user=self.editor, organisation=org, plan=plan, role=role.EDITOR)
        Membership.objects.create(
            user=self.approver, organisation=org, plan=plan, role=role.APPROVER
        )
        Membership.objects.create(user=self.admin, organisation=org, role=role.ADMIN)
        other = Organisation.objects.create(name="Rutland County Council", slug="rutland")
        self.other_plan = Plan.objects.create(
            organisation=other,
            slug="rutland-climate",
            title="Rutland Climate Plan",
            scoring_scheme=ScoringScheme.objects.create(),
        )
        Membership.objects.create(user=self.outsider, organisation=other, role=role.EDITOR)
        plan.actions.get(ref="C13").assignees.add(self.contributor)
        plan.actions.get(ref="C1").assignees.add(self.other_contributor)


@pytest.fixture
def people(communities: Plan) -> People:
    return People(communities)


@pytest.fixture
def samples(db: None) -> None:
    """Everything `make demo` loads: plans, strategies, risk registers and KPIs."""
    from plantracker.operations.sample import sample_load

    sample_load()


@pytest.fixture(autouse=True)
def _no_rate_limits_carried_over() -> None:
    """allauth counts requests for its rate limits in the cache: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Stored files (prepared reports) go to the test's own folder, not ./var."""
    settings.MEDIA_ROOT = tmp_path / "files"


def run_worker() -> None:
    """What the worker machine runs (`plantracker db_worker`), here until the queue is empty.
    Tests using it need committed transactions (django_db(transaction=True)): the worker
    closes its database connection between tasks, as it must in production."""
    from io import StringIO

    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(),
                 stderr=StringIO())  # fmt: skip
