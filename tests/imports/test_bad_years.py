"""Years and months a council could not mean (year 0, 9999, month 00) or written in another
script's digits: every importer answers with a message naming the file, row and column and
exits non-zero, and nothing is written. (They used to crash with "year 0 is out of range".)"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from plantracker.core import strict
from plantracker.imports import indicators, messages, parse
from plantracker.imports.models import ImportJob
from plantracker.indicators.models import Indicator, Observation
from plantracker.plans.models import Action, Plan
from tests.conftest import ORG, People, run_worker
from tests.web.test_permissions import PLAN

KPIS = "Indicator,Direction,Period,Value\nHomes insulated,higher is better,{period},12\n"
ACTIONS = "Action ID,Action,Start,End\nC1,Launch a climate pact,{start},Mar-24\n"
NOT_A_PERIOD = "is not a period"


def refused(*argv: str) -> str:
    """Run the command; it must stop with CommandError. Returns what it printed."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="was not imported; nothing was written"):
        call_command(*argv, stdout=out, stderr=err)
    said = out.getvalue() + err.getvalue()
    assert "Traceback" not in said
    return said


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "problem"),
    [
        ("0000", strict.NOT_A_YEAR.format(year="0000")),
        ("9999-00", strict.NOT_A_YEAR.format(year="9999")),
        ("Q1 0000", strict.NOT_A_YEAR.format(year="0000")),
        ("March 9999", strict.NOT_A_YEAR.format(year="9999")),
        ("٢٠٢٤", NOT_A_PERIOD),
    ],
)
def test_import_kpis_refuses_years_out_of_range(period: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    path.write_text(KPIS.format(period=period), encoding="utf-8")
    said = refused("import-kpis", str(path), "--organisation", ORG)
    assert "kpis.csv, row 2, column C (Period): " in said and problem in said
    assert not Indicator.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "problem"),
    [
        ("0000-01", strict.NOT_A_YEAR.format(year="0000")),
        ("9999-12", strict.NOT_A_YEAR.format(year="9999")),
        ("Apr 0000", strict.NOT_A_YEAR.format(year="0000")),
        ("9999-00", "is not a month"),
        ("٢٠٢٤-04", "is not a month"),
    ],
)
def test_import_refuses_months_out_of_range(start: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    path.write_text(ACTIONS.format(start=start), encoding="utf-8")
    said = refused("import", str(path), "--plan", "p", "--organisation", ORG)
    assert "actions.csv, row 2, column C (Start): " in said and problem in said
    assert not Plan.objects.exists() and not Action.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_web_import_names_the_row_and_column(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    upload = SimpleUploadedFile("tracker.csv", ACTIONS.format(start="0000-01").encode())
    editor.post(f"{PLAN}/import/", {"file": upload, "check_only": "on"})
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    expected = f"tracker.csv, row 2, column C (Start): {strict.NOT_A_YEAR.format(year='0000')}"
    assert any(expected in p for p in job.problems), job.problems
    page = editor.get(f"{PLAN}/imports/{job.pk}/").content.decode()
    assert expected in page and "ValueError" not in page


def boom(_value: object) -> object:
    raise ValueError("year 0 is out of range")


@pytest.mark.django_db
def test_any_value_error_in_a_cell_names_the_row_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value the checks above let through still ends as a message on its cell."""
    monkeypatch.setitem(parse.VOCAB, "start", boom)
    path = tmp_path / "actions.csv"
    path.write_text(ACTIONS.format(start="Apr-20"), encoding="utf-8")
    said = refused("import", str(path), "--plan", "p", "--organisation", ORG)
    assert "actions.csv, row 2, column C (Start): year 0 is out of range." in said
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_any_value_error_in_a_table_import_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indicators, "_parse", lambda *_: boom(None))
    path = tmp_path / "kpis.csv"
    path.write_text(KPIS.format(period="2024"), encoding="utf-8")
    said = refused("import-kpis", str(path), "--organisation", ORG)
    assert messages.VALUE_UNREADABLE.format(file="kpis.csv", error="year 0 is out of range") in said
    assert not Indicator.objects.exists()
