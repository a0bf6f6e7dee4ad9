"""Risk registers as councils publish them, imported with no --map and no edits: recorded
ratings and scores without impact and likelihood, numbering columns, status words in score and
status columns, and line breaks within cells (tests/data/layouts/risks-*)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from plantracker.imports.risks import RegisterSettings, risks_import
from plantracker.imports.tables import ImportResult
from plantracker.risks.models import Risk
from tests.conftest import DATA

LAYOUTS = DATA / "layouts"
BOROUGH = LAYOUTS / "risks-borough-current-rating.csv"
DIRECTORATE = LAYOUTS / "risks-directorate-residual-scores.xlsx"
DISTRICT = LAYOUTS / "risks-district-inherent-residual-ratings.csv"


def imported(path: Path) -> tuple[ImportResult, dict[str, Risk]]:
    result = risks_import(path, RegisterSettings(path.stem, organisation="Borough Council"))
    assert result.ok, result.problems
    risks = Risk.objects.filter(register__slug=path.stem).order_by("position")
    return result, {r.ref: r for r in risks}


def letters(columns: list[str]) -> list[str]:
    return [c.split(" ", 1)[0] for c in columns]


@pytest.mark.django_db
def test_borough_register_with_current_rating_and_status() -> None:
    result, risks = imported(BOROUGH)
    assert result.counts == {"risks:created": 6}
    assert list(risks) == ["CC01", "CC02", "CC03", "CC04", "CC05", "CC06"]
    assert {ref: r.residual_recorded_rating for ref, r in risks.items()} == {
        "CC01": "High", "CC02": "Medium", "CC03": "Low", "CC04": "Medium", "CC05": "High",
        "CC06": "Amber",
    }  # fmt: skip
    assert all(r.impact is None and r.residual_recorded_score is None for r in risks.values())
    assert {ref: (r.status, r.status_text) for ref, r in risks.items()} == {
        "CC01": ("open", "Open"), "CC02": ("open", "Open"), "CC03": ("inactive", "Inactive"),
        "CC04": ("closed", "Closed"), "CC05": ("open", "Under review"), "CC06": ("open", "Open"),
    }  # fmt: skip
    assert risks["CC06"].controls == (
        "Community climate panel\nParish council briefings\nSchools programme"
    )
    assert risks["CC01"].owner == "Head of Property"
    # the unknown status word is kept and reported, with where it is
    assert [n for n in result.notes if "Under review" in n] == [
        "risks-borough-current-rating.csv, row 7, column F (Status): status 'Under review' is "
        "not one Plan Tracker knows (open, closed, inactive); the risk is kept as open and the "
        "status as written."
    ]
    assert result.columns_used() == [
        "A (Risk ID) as ref", "B (Risk description) as title", "C (Risk owner) as owner",
        "D (Mitigations) as controls", "E (Current rating) as residual_rating",
        "F (Status) as status",
    ]  # fmt: skip
    assert result.columns_ignored() == ["G (Last reviewed)"]


@pytest.mark.django_db
def test_directorate_xlsx_with_numbers_residual_scores_and_line_breaks() -> None:
    result, risks = imported(DIRECTORATE)
    assert result.counts == {"risks:created": 5}
    assert list(risks) == ["1", "2", "3", "4", "5"]
    assert {ref: (r.residual_recorded_score, r.residual_recorded_rating) for ref, r in
            risks.items()} == {
        "1": (16, ""), "2": (12, ""), "3": (None, ""), "4": (8, "Amber"), "5": (None, ""),
    }  # fmt: skip
    assert {ref: (r.status, r.status_text) for ref, r in risks.items()} == {
        "1": ("open", ""), "2": ("open", ""), "3": ("inactive", "Inactive"),
        "4": ("open", ""), "5": ("closed", "No longer applies"),
    }  # fmt: skip
    first = risks["1"]
    assert first.causes == "More intense rainfall\nBlocked gullies on rural roads"
    assert first.consequences == "Pupils cannot reach school\nCarers cannot reach clients"
    assert first.controls == "Gully cleansing programme\nSevere weather plan tested each autumn"
    assert risks["5"].causes == "Not enough land offered\nDry springs kill saplings"
    assert letters(result.columns_used()) == ["A", "B", "C", "D", "E", "F", "G"]
    assert result.columns_ignored() == ["H (Direction of travel)"]
    assert result.notes == []


@pytest.mark.django_db
def test_district_register_with_score_and_colour_in_one_cell() -> None:
    result, risks = imported(DISTRICT)
    assert result.counts == {"risks:created": 5}
    got = {
        ref: (r.recorded_score, r.recorded_rating, r.residual_recorded_score,
              r.residual_recorded_rating, r.status)
        for ref, r in risks.items()
    }  # fmt: skip
    assert got == {
        "R1": (20, "Red", 12, "Amber", "open"),
        "R2": (16, "Red", 9, "Amber", "open"),
        "R3": (15, "Red", None, "", "closed"),
        "R4": (9, "Amber", 4, "Green", "inactive"),
        "R5": (12, "Amber", None, "Medium", "open"),
    }
    assert risks["R4"].status_text == "Archived"
    assert risks["R1"].consequences == "Loss of vehicles and stores\nServices stop for days"
    assert result.columns_ignored() == ["G (Target rating)"]
    assert letters(result.columns_used()) == ["A", "B", "C", "D", "E", "F", "H"]
    assert result.notes == []


@pytest.mark.django_db
def test_importing_again_changes_nothing() -> None:
    imported(DIRECTORATE)
    again, _ = imported(DIRECTORATE)
    assert again.counts == {"risks:unchanged": 5}


@pytest.mark.django_db
def test_the_command_imports_a_layout_with_no_map(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import-risks", str(BOROUGH), "--register", "cc", "--organisation", "Borough")
    out = capsys.readouterr().out
    assert "6 risks were created" in out
    assert "Columns not used: G (Last reviewed)." in out
    assert Risk.objects.get(ref="CC03").status == "inactive"


@pytest.mark.django_db
def test_an_unreadable_rating_is_kept_as_written_with_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("No,Risk,Rating\n1,Flooding,TBC\n2,Heat,4 x 3 = 12\n", encoding="utf-8")
    result, risks = imported(path)
    assert risks["1"].recorded_rating == "TBC"
    assert risks["2"].recorded_rating == "4 x 3 = 12"
    assert risks["2"].recorded_score is None
    assert result.notes == [
        "r.csv, row 2, column C (Rating): 'TBC' is not a rating Plan Tracker knows; kept as "
        "written.",
        "r.csv, row 3, column C (Rating): '4 x 3 = 12': could not read one whole-number "
        "score; kept as written.",
    ]


@pytest.mark.django_db
def test_a_register_with_no_assessment_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Risk,Owner\nFlooding,Highways\n", encoding="utf-8")
    result = risks_import(path, RegisterSettings("r", organisation="Council"))
    assert result.problems == [
        "r.csv, row 1: the header names the risks but no column of impact, likelihood, "
        "score, rating or status (such as 'Impact', 'Risk score', 'Current rating', "
        "'Status'). Add one, or say which column holds them with --map 'Your heading=rating'."
    ]
    assert not Risk.objects.exists()


@pytest.mark.django_db
def test_a_bad_impact_names_the_excel_row_after_a_cell_with_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        'Risk,Causes,Impact,Likelihood\nFlooding,"Rain\nBlocked drains",4,3\nHeat,Sun,high,2\n',
        encoding="utf-8",
    )
    result = risks_import(path, RegisterSettings("r", organisation="Council"))
    assert len(result.problems) == 1
    assert result.problems[0].startswith("r.csv, row 3, column C (Impact): 'high'")
    assert not Risk.objects.exists()


@pytest.mark.django_db
def test_a_status_word_in_a_rating_cell_with_an_unknown_status(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "Risk ref,Risk,Current rating,Status\nA1,Flooding,Closed,Under review\n"
        "A2,Heat,Inactive,Open\n",
        encoding="utf-8",
    )
    result, risks = imported(path)
    assert (risks["A1"].status, risks["A1"].status_text) == ("closed", "Under review")
    assert (risks["A2"].status, risks["A2"].status_text) == ("open", "Open")
    assert result.notes == [
        "r.csv, row 2, column D (Status): status 'Under review' is not one Plan Tracker knows; "
        "it is kept as written and the risk marked closed, as r.csv, row 2, column C (Current "
        "rating) says.",
        "r.csv, row 3, column C (Current rating): 'Inactive' says otherwise than the status, "
        "which is kept as Open.",
    ]


@pytest.mark.django_db
def test_a_rating_whose_score_differs_from_the_score_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("ID,Risk,Risk score,Risk rating\n1,Flooding,12,16 (Red)\n", encoding="utf-8")
    result, risks = imported(path)
    assert (risks["1"].recorded_score, risks["1"].recorded_rating) == (12, "16 (Red)")
    assert result.notes == [
        "r.csv, row 2, column D (Risk rating): the rating gives score 16 but the score column "
        "gives 12; the score column's is kept and the rating kept as written."
    ]
