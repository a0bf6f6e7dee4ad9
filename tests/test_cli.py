"""The plantracker command, as a user runs it."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from plantracker.plans.models import Action, Plan
from tests.conftest import COMMUNITIES, ORG, ROOT


def run(*args: str, **kwargs: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_dry_run_then_commit_then_export(tmp_path: Path) -> None:
    out, _ = run("import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG, "--dry-run")
    assert "Would import" in out and "21 new" in out and "Dry run: nothing was written" in out
    assert not Plan.objects.exists()
    out, _ = run("import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG)
    assert "Imported" in out and Action.objects.count() == 21
    out, _ = run("import", str(COMMUNITIES), "--plan", "nz")
    assert "21 unchanged" in out and "Nothing changed" in out
    target = tmp_path / "nz.json"
    out, _ = run("export", "--plan", "nz", "--format", "json", "--output", str(target))
    assert json.loads(target.read_text())["plan"]["slug"] == "nz"
    out, _ = run("check-plan", "--plan", "nz")
    assert "[score_mismatch]" in out and out.count("score_mismatch") == 2


@pytest.mark.django_db
def test_unknown_plan() -> None:
    with pytest.raises(CommandError, match="There is no plan 'nope'"):
        run("export", "--plan", "nope", "--format", "csv")


@pytest.mark.django_db
def test_bad_file_raises_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Action ID\tAction\tLCC Role\nC1\tDo it\tBoss\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.tsv was not imported; nothing was written"):
        run("import", str(bad), "--plan", "x", "--organisation", ORG)
    assert not Plan.objects.exists()


def test_console_script_exit_code_and_message(tmp_path: Path) -> None:
    """A real process: non-zero exit, the problem named by file, row and column, no
    traceback, and the database unchanged."""
    env = {**os.environ, "PLANTRACKER_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    script = [sys.executable, "-m", "plantracker.cli"]
    subprocess.run([*script, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*script, "import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    db = tmp_path / "plantracker.sqlite3"
    before = db.read_bytes()
    bad = tmp_path / "later.tsv"
    bad.write_text("Action ID\tAction\tCost\nC1\tChanged title\tcheap\n", encoding="utf-8")
    result = subprocess.run(
        [*script, "import", str(bad), "--plan", "nz"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "later.tsv, row 2, column C (Cost): 'cheap' is not a rating" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_unmigrated_database_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "PLANTRACKER_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "plantracker.cli", "check-plan", "--plan", "x"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0 and "Run `plantracker migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_demo_sets_up_without_serving() -> None:
    out, _ = run("demo", "--no-serve")
    assert "Loaded net-zero-communities: 21 actions" in out
    assert "Loaded environment-strategy-action-plan-2020-2024: 67 actions" in out
    assert Plan.objects.filter(status="published").count() == 2
    assert "Published March 2024" in out
    out, _ = run("demo", "--no-serve")  # again: nothing duplicated
    assert Action.objects.count() == 88
    assert "Published March 2024" not in out
    # The March 2024 cycle: published with the council's own text, June 2024 open.
    from plantracker.operations.demo_cycle import MARCH_TEXT, UPDATES
    from plantracker.reports.committee import committee_report
    from plantracker.updates.models import ReportingPeriod

    march = ReportingPeriod.objects.get(plan__slug="net-zero-communities", label="March 2024")
    assert march.status == "published"
    assert ReportingPeriod.objects.get(plan=march.plan, label="June 2024").status == "open"
    report = committee_report(march.plan, march)
    assert report.text.agenda_item == MARCH_TEXT["agenda_item"]
    assert [s.key for s in report.text.back][:3] == ["resources", "legal", "equality"]
    assert len(report.no_update) == len(report.counted) - len(UPDATES)
    assert report.text.contacts and report.brand.name == "Leicestershire County Council"


@pytest.mark.django_db
def test_demo_worker_prints_emails_with_links_to_the_demo_port(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    """The demo's worker sends the emails to the console, in the demo's window (not thrown
    away), and their links lead to the port the demo serves on."""
    from plantracker.operations.management.commands import demo

    monkeypatch.setenv("PLANTRACKER_BASE_URL", "unset")
    monkeypatch.delenv("PLANTRACKER_BASE_URL")  # restored (unset) after the test
    started: list[dict[str, Any]] = []

    class Worker:
        def __init__(self, args: list[str], **kwargs: Any) -> None:
            started.append({"args": args, "env": dict(os.environ), **kwargs})

        def terminate(self) -> None: ...

        def wait(self, timeout: int) -> None: ...

    served: list[tuple[Any, ...]] = []

    def call(name: str, *args: Any, **kwargs: Any) -> None:
        if name == "runserver":
            served.append(args)
        else:
            call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo.subprocess, "Popen", Worker)
    monkeypatch.setattr(demo, "call_command", call)
    run("demo", "--port", "8341")
    assert served == [("127.0.0.1:8341",)]
    (worker,) = started
    assert "db_worker" in worker["args"] and "stdout" not in worker
    assert worker["env"]["PLANTRACKER_BASE_URL"] == "http://127.0.0.1:8341"
    assert settings.PLANTRACKER_BASE_URL == "http://127.0.0.1:8341"


@pytest.mark.django_db
def test_framework_kpi_and_risk_imports_from_the_command_line() -> None:
    from plantracker.indicators.models import Indicator, Observation
    from plantracker.risks.models import Risk, RiskRegister
    from plantracker.strategy.models import StrategyObjective
    from tests.conftest import ACTION_PLAN, SAMPLES

    run("import", str(ACTION_PLAN), "--plan", "esap", "--organisation", ORG)
    objectives = str(SAMPLES / "environment-strategy-2018-2030-objectives.txt")
    args = ("--strategy", "es", "--organisation", ORG, "--plan", "esap")
    out, _ = run("import-strategy", objectives, *args, "--dry-run")
    assert "dry run, nothing written" in out and "38 objectives would be created" in out
    assert not StrategyObjective.objects.exists()
    out, _ = run("import-strategy", objectives, *args)
    assert "15 aims were created" in out and "1 plan was linked to the strategy" in out
    assert Plan.objects.get(slug="esap").framework.slug == "es"
    out, _ = run("import-strategy", objectives, *args)
    assert "38 objectives were unchanged" in out

    measures = str(SAMPLES / "strategic-plan-2018-22-measures.txt")
    out, _ = run("import-strategy", measures, "--strategy", "sp", "--kind", "outcomes",
                 "--organisation", ORG)  # fmt: skip
    assert "outcomes were created" in out

    yj = ("--organisation", ORG, "--source", "Youth Justice Plan")
    run("import-kpis", str(SAMPLES / "youth-justice-indicators.csv"), *yj)
    table = str(SAMPLES / "youth-justice-performance-2014-15-to-2018-19.txt")
    out, _ = run("import-kpis", table, *yj, "--dry-run")
    assert "observations would be created" in out and not Observation.objects.exists()
    run("import-kpis", table, *yj)
    assert Indicator.objects.count() == 4 and Observation.objects.count() == 20

    register = str(SAMPLES / "youth-justice-risk-register-2020-23.txt")
    settings = ("--register", "yj", "--organisation", ORG, "--scale", "3", "--one-is-highest",
                "--bands", "High=1-2,Medium=3-4,Low=6-9")  # fmt: skip
    out, _ = run("import-risks", register, *settings)
    reg = RiskRegister.objects.get(slug="yj")
    assert (reg.scale, reg.one_is_highest, reg.bands[0]["name"]) == (3, True, "High")
    assert "Recorded inherent score 5, but impact 2 × likelihood 3 gives 6" in out
    assert Risk.objects.filter(register=reg).count() > 0


@pytest.mark.django_db
def test_framework_import_errors_name_row_and_column_and_write_nothing(tmp_path: Path) -> None:
    from plantracker.risks.models import RiskRegister

    bad = tmp_path / "register.csv"
    bad.write_text("Risk,Impact,Likelihood\nFloods,4,high\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"register\.csv was not imported; nothing was written"):
        call_command("import-risks", str(bad), "--register", "r", "--organisation", ORG,
                     stdout=out, stderr=err)  # fmt: skip
    assert "register.csv, row 2, column C (Likelihood)" in err.getvalue()
    assert not RiskRegister.objects.exists()
    with pytest.raises(CommandError, match="write each band as NAME=LOW-HIGH"):
        run("import-risks", str(bad), "--register", "r", "--bands", "High")
    with pytest.raises(CommandError, match="--scale 1: give the top of the scale"):
        run("import-risks", str(bad), "--register", "r", "--scale", "1")
    targets = str(ROOT / "sample_data/environment-strategy-2018-2030-targets.csv")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import-kpis", targets, "--organisation", ORG, stdout=out, stderr=err)
    assert "row 4, column I (Derived from): there is no risk register" in err.getvalue()
    assert "Import the register first" in err.getvalue()
