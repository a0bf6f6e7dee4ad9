from collections.abc import Callable
from pathlib import Path

import pytest

from plantracker.core.sample import sample_dir
from plantracker.imports.services import ImportReport, plan_import
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
