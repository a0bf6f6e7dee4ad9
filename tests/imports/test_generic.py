"""Generic spreadsheets: header synonyms, header rows lower down, --map, fill colours,
encodings, bad files, re-imports and later versions."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from plantracker.imports import messages
from plantracker.plans.models import Action, Finding, Plan
from plantracker.updates.models import ProgressUpdate
from tests.conftest import Importer

HEADER = ["Ref", "Action", "Status", "RAG status", "Timescale", "Cost", "Carbon", "Q1 Update"]
ROWS = [
    ["A1", "Insulate the depot", "In delivery", "Green", "S", "L", "H", "Started on site"],
    ["A2", "Plant trees", "discovery", "amber", "M/L", "M", "M", "Sites surveyed"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", sep: str = ",") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def test_csv_with_synonyms_and_header_lower_down(tmp_path: Path, do_import: Importer) -> None:
    path = write_csv(tmp_path / "plan.csv", [["Our plan"], [""], HEADER, *ROWS])
    report = do_import(path)
    assert report.ok, report.problems
    a2 = Action.objects.get(ref="A2")
    assert (a2.stage, a2.rag, a2.timescale, str(a2.score)) == ("Discovery", "Amber", "M/L", "6.00")
    assert Plan.objects.get().title == "Our plan"
    u = ProgressUpdate.objects.get(action__ref="A1")
    assert (u.period.label, u.narrative, u.stage, u.rag) == (
        "Q1",
        "Started on site",
        "Delivery",
        "Green",
    )


def test_tsv(tmp_path: Path, do_import: Importer) -> None:
    path = write_csv(tmp_path / "plan.tsv", [HEADER, *ROWS], sep="\t")
    assert do_import(path).ok
    assert Action.objects.count() == 2


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
def test_encodings_detected(tmp_path: Path, do_import: Importer, encoding: str) -> None:
    rows = [HEADER, ["A1", "Save £5k on café energy", "Design", "", "S", "L", "L", "Déjà vu"]]
    path = write_csv(tmp_path / "plan.csv", rows, encoding=encoding)
    report = do_import(path)
    assert report.ok, report.problems
    assert Action.objects.get().title == "Save £5k on café energy"
    assert ProgressUpdate.objects.get().narrative == "Déjà vu"


def test_encoding_given(tmp_path: Path, do_import: Importer) -> None:
    rows = [HEADER, ["A1", "Café", "Design", "", "S", "L", "L", ""]]
    path = write_csv(tmp_path / "plan.csv", rows, encoding="cp1252")
    assert do_import(path, encoding="cp1252").ok
    bad = do_import(path, "other", encoding="utf-8")
    assert not bad.ok and "not valid utf-8" in bad.problems[0]


def test_xlsx_rag_from_fill_colour(tmp_path: Path, do_import: Importer) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Action ID", "Action", "Project Status", "RAG"])
    for ref, colour in (("X1", "FF0000"), ("X2", "FFC000"), ("X3", "00B050"), ("X4", None)):
        ws.append([ref, f"Action {ref}", "Delivery", None])
        if colour:
            ws.cell(ws.max_row, 4).fill = PatternFill("solid", fgColor=colour)
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    report = do_import(path)
    assert report.ok, report.problems
    assert dict(Action.objects.values_list("ref", "rag")) == {
        "X1": "Red",
        "X2": "Amber",
        "X3": "Green",
        "X4": None,
    }
    notes = Finding.objects.filter(kind="normalised", field="rag")
    assert sorted(f.ref for f in notes) == ["X1", "X2", "X3"]


def test_map_option(tmp_path: Path, do_import: Importer) -> None:
    rows = [["Number", "What we will do", "Notes"], ["N1", "Retrofit the library", "x"]]
    path = write_csv(tmp_path / "plan.csv", rows)
    assert not do_import(path).ok
    report = do_import(path, mapping=["Number=ref", "What we will do=title", "Notes=ignore"])
    assert report.ok, report.problems
    assert Action.objects.get().ref == "N1"
    unknown = do_import(path, "p2", mapping=["Number=reff"])
    assert unknown.problems[0].startswith("--map 'Number=reff'")
    missing = do_import(path, "p3", mapping=["Nope=ref", "What we will do=title"])
    assert "has no column headed 'Nope'" in missing.problems[0]


def test_reimport_changes_nothing_and_later_version_updates(
    tmp_path: Path, do_import: Importer
) -> None:
    path = write_csv(tmp_path / "plan.csv", [HEADER, *ROWS])
    assert do_import(path).ok
    again = do_import(path)
    assert again.count("same") == 2 and not again.changes_anything
    assert Action.history.filter(ref="A1").count() == 1
    later = [
        HEADER,
        ["A1", "Insulate the depot", "Completed", "Green", "S", "L", "H", "Started on site"],
        ROWS[1],
        ["A3", "New action", "", "", "", "", "", ""],
    ]
    report = do_import(write_csv(tmp_path / "plan-v2.csv", later))
    assert (report.count("create"), report.count("change"), report.count("same")) == (1, 1, 1)
    change = next(a for a in report.actions if a.kind == "change")
    assert change.changes == [("stage", "Delivery", "Completed")]
    history = Action.history.filter(ref="A1").order_by("history_date")
    assert [h.stage for h in history] == ["Delivery", "Completed"]
    assert history.last().history_change_reason == "Imported from plan-v2.csv"


def test_dry_run_writes_nothing(tmp_path: Path, do_import: Importer) -> None:
    path = write_csv(tmp_path / "plan.csv", [HEADER, *ROWS])
    report = do_import(path, dry_run=True)
    assert report.ok and report.count("create") == 2 and not report.committed
    assert Plan.objects.count() == 0 and Action.objects.count() == 0


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [HEADER, ["A1", "X", "Sideways", "", "", "", "", ""]],
            "row 2, column C (Status): 'Sideways' is not one of Discovery",
        ),
        (
            [HEADER, ["A1", "X", "", "", "Soon", "", "", ""]],
            "row 2, column E (Timescale): 'Soon' is not a timescale",
        ),
        (
            [HEADER, ["A1", "X", "", "", "", "", "", ""], ["A1", "Y", "", "", "", "", "", ""]],
            "row 3, column A: reference A1 is used again (first on row 2)",
        ),
        (
            [HEADER, ["", "X", "", "", "", "", "", ""]],
            "row 2, column A: this action has no reference",
        ),
        ([["nothing", "here"], ["at", "all"]], "no header row found"),
    ],
)
def test_bad_files_say_where_and_write_nothing(
    tmp_path: Path, do_import: Importer, rows: list[list[str]], expected: str
) -> None:
    path = write_csv(tmp_path / "bad.csv", [HEADER, *ROWS])
    assert do_import(path).ok
    before = list(Action.objects.values_list("ref", "stage", "timescale"))
    bad = write_csv(tmp_path / "bad.csv", rows)
    report = do_import(bad)
    assert not report.ok
    assert any(expected in p for p in report.problems), report.problems
    assert all(p.startswith("bad.csv") for p in report.problems)
    assert list(Action.objects.values_list("ref", "stage", "timescale")) == before


def test_bad_date_names_the_cell(tmp_path: Path, do_import: Importer) -> None:
    path = write_csv(
        tmp_path / "d.csv", [["Action", "Start", "End"], ["Do it", "Spring", "Mar-24"]]
    )
    report = do_import(path)
    assert report.problems == [
        messages.BAD_VALUE.format(
            file="d.csv",
            row=2,
            column="B",
            header="Start",
            problem="'Spring' is not a month: write it like Apr-20, April 2020 or 2020-04",
        )
    ]


def test_not_a_spreadsheet(tmp_path: Path, do_import: Importer) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"this is not a zip file")
    report = do_import(path)
    assert "cannot be opened as an Excel workbook" in report.problems[0]
    doc = tmp_path / "plan.docx"
    doc.write_bytes(b"x")
    assert do_import(doc).problems == [messages.FILE_TYPE.format(file="plan.docx", suffix=".docx")]


def test_new_plan_needs_an_organisation(tmp_path: Path, do_import: Importer) -> None:
    path = write_csv(tmp_path / "plan.csv", [HEADER, *ROWS])
    report = do_import(path, organisation=None)
    assert report.problems == [messages.NEW_PLAN_NEEDS_ORGANISATION.format(plan="plan")]


def test_end_before_start_and_unknown_objective(tmp_path: Path, do_import: Importer) -> None:
    rows = [["Action", "Start", "End", "Objectives"], ["Late", "Apr-22", "Mar-21", "A1, Z9, ??"]]
    path = write_csv(tmp_path / "p.csv", rows)
    assert do_import(path).ok
    plan = Plan.objects.get()
    kinds = {(f.kind, f.field) for f in plan.findings.all()}
    assert ("end_before_start", "end") in kinds
    assert ("unknown_objective", "objectives") in kinds  # '??' is not a code
    plan.objectives.filter(code="A1").update(defined=True)
    from plantracker.plans.services import plan_check

    plan_check(plan=plan)
    unknown = plan.findings.filter(kind="unknown_objective", origin="check")
    assert [f.message for f in unknown] == ["objective Z9 is not one of the strategy's objectives"]
