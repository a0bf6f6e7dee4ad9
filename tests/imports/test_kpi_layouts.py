"""KPI tables as councils write them (issue 16 item 3): the files in tests/data/layouts/kpis-*
imported with no --map and no edits — periods in headings, direction in words or in the title,
targets in council wording (kept as written when no rule reads them), units carried by the
values, and cells with no figure skipped and listed, never recorded as 0."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from plantracker.imports.columns import column_letter
from plantracker.imports.indicators import (
    KPI_TARGET_IN_WORDS,
    KPI_TITLE_DIRECTION,
    KPI_TITLE_DIRECTION_DIFFERS,
    Options,
    indicators_import,
)
from plantracker.imports.tables import ImportResult
from plantracker.indicators.models import Indicator, Observation, Target
from plantracker.indicators.selectors import kpi_data, kpi_view
from plantracker.indicators.status import Status
from tests.imports.test_mapping_engine import accounted_for, columns_with_content

LAYOUTS = Path(__file__).parent.parent / "data" / "layouts"
COUNCIL_PLAN = LAYOUTS / "kpis-council-plan-2023-24.csv"
SERVICE = LAYOUTS / "kpis-service-performance-measures.csv"
QUARTERLY = LAYOUTS / "kpis-quarterly-2023-24.xlsx"
OUTTURNS = LAYOUTS / "kpis-annual-outturns.csv"


def imported(path: Path) -> ImportResult:
    result = indicators_import(path, Options("Testshire County Council"))
    assert result.ok, result.problems
    return result


def kpi(title: str) -> Indicator:
    return Indicator.objects.get(title=title)


def targets(title: str) -> list[tuple[str, str]]:
    return [(t.text, t.due) for t in kpi(title).targets.all()]


def values(title: str) -> dict[str, Decimal]:
    return {o.period: o.value for o in kpi(title).observations.all()}


def skipped_cells(result: ImportResult) -> list[str]:
    (note,) = [n for n in result.notes if n.startswith("cells with no figure")]
    return note.split(": ", 1)[1].rstrip(".").split("; ")


def assert_every_column_accounted_for(result: ImportResult, path: Path) -> None:
    (table,) = result.tables
    letters = {column_letter(i) for i in columns_with_content(path, table.header_row)}
    assert letters and letters <= accounted_for(result), letters - accounted_for(result)


@pytest.mark.django_db
def test_council_plan_table_with_target_and_actual_columns_per_year() -> None:
    result = imported(COUNCIL_PLAN)
    assert result.counts == {
        "KPIs:created": 6, "observations:created": 14, "values:skipped": 4
    }  # fmt: skip
    assert result.columns_used() == [
        "A (Ref) as ref", "B (Indicator) as title", "C (Unit) as unit",
        "D (Polarity) as direction", "E (2021/22 Actual) as value for 2021-22",
        "F (2022/23 Actual) as value for 2022-23", "G (Target 2023/24) as target for 2023-24",
        "H (2023/24 Actual) as value for 2023-24",
    ]  # fmt: skip
    assert result.columns_ignored() == ["I (Lead service)", "J (Comments)"]
    assert_every_column_accounted_for(result, COUNCIL_PLAN)

    recycling = "Household waste sent for reuse recycling and composting"
    assert kpi(recycling).direction == "higher" and kpi(recycling).unit == "%"  # from values
    assert any("'%' was taken from its values" in n for n in result.notes)
    assert targets(recycling) == [("45%", "2023-24")]
    assert values(recycling) == {
        "2021-22": Decimal("41.2"), "2022-23": Decimal("43.5"), "2023-24": Decimal("44.1")
    }  # fmt: skip
    assert kpi("Residual household waste per household").direction == "lower"
    assert kpi("Trees planted on council land").direction == "higher"  # "Increase"
    assert targets("Council fleet emissions") == [("1,050", "2023-24")]
    assert values("Council fleet emissions") == {
        "2021-22": Decimal(1204), "2022-23": Decimal(1150)
    }  # fmt: skip
    assert values("Number of affordable homes delivered")["2023-24"] == Decimal(1043)
    assert kpi("Number of affordable homes delivered").unit == "homes"  # the column's
    assert values("Trees planted on council land") == {
        "2022-23": Decimal(4287), "2023-24": Decimal(6130)
    }  # fmt: skip
    assert skipped_cells(result) == [
        "kpis-council-plan-2023-24.csv, row 6, column H (2023/24 Actual) 'n/a'",
        "kpis-council-plan-2023-24.csv, row 8, column F (2022/23 Actual) '-'",
        "kpis-council-plan-2023-24.csv, row 9, column H (2023/24 Actual) blank",
        "kpis-council-plan-2023-24.csv, row 10, column E (2021/22 Actual) 'N/A'",
    ]
    assert not Observation.objects.filter(value=0).exists()
    assert kpi_view(kpi(recycling)).status is Status.NOT_MET  # 44.1 against 45%


@pytest.mark.django_db
def test_service_measures_with_worded_targets_directions_in_titles_and_units() -> None:
    result = imported(SERVICE)
    assert result.counts == {
        "KPIs:created": 11, "observations:created": 16, "values:skipped": 6
    }  # fmt: skip
    assert result.columns_used() == [
        "A (Performance indicator) as title", "B (Target) as target",
        "C (Value 2021/22) as value for 2021-22", "D (2022/23 value) as value for 2022-23",
    ]  # fmt: skip
    assert result.columns_ignored() == ["E (Service)", "F (Comments)"]
    assert_every_column_accounted_for(result, SERVICE)

    # The direction in brackets is taken and the words leave the title, with a note.
    directions = dict(Indicator.objects.values_list("title", "direction"))
    assert directions == {
        "Major planning applications decided within 13 weeks": "higher",
        "Time taken to process new benefit claims": "lower",
        "Missed bin collections per 100000 collections": "lower",
        "Staff sickness days lost per FTE": "lower",
        "Leisure centre visits": "higher",
        "Business rates collected": "higher",
        "Biodiversity net gain delivered": "higher",
        "Residents satisfied with their neighbourhood": "higher",
        "Households supported out of fuel poverty": "higher",
        "Carbon emissions from council buildings": "lower",
        "Repairs completed right first time": "higher",
    }
    assert (
        KPI_TITLE_DIRECTION.format(
            where="kpis-service-performance-measures.csv, row 2, column A (Performance indicator)",
            words="Maximise",
            title="Major planning applications decided within 13 weeks",
            direction="higher is better",
        )
        in result.notes
    )
    # Units from the values when the file has no unit column.
    units = dict(Indicator.objects.values_list("title", "unit"))
    assert units["Major planning applications decided within 13 weeks"] == "%"
    assert units["Time taken to process new benefit claims"] == "days"
    assert units["Business rates collected"] == "£"
    assert units["Carbon emissions from council buildings"] == "tonnes"
    assert units["Leisure centre visits"] == ""  # plain numbers: no unit to take
    assert values("Business rates collected") == {
        "2021-22": Decimal(2_300_000), "2022-23": Decimal(2_600_000)
    }  # fmt: skip
    assert values("Leisure centre visits") == {"2021-22": Decimal(412_300)}
    assert values("Time taken to process new benefit claims")["2022-23"] == Decimal(12)

    # Every target kept as written; the understood ones judged, the others not measurable.
    status = {i.title: kpi_view(i).status for i in Indicator.objects.all()}
    assert targets("Major planning applications decided within 13 weeks") == [("at least 90%", "")]
    assert status["Major planning applications decided within 13 weeks"] is Status.MET
    assert status["Time taken to process new benefit claims"] is Status.MET  # 12 ≤ 14 days
    assert status["Missed bin collections per 100000 collections"] is Status.NOT_MET  # 12 ≥ 10
    assert status["Leisure centre visits"] is Status.NOT_MET  # 412,300 < 450,000
    assert status["Business rates collected"] is Status.MET  # £2.6m ≥ £2.5m
    assert status["Repairs completed right first time"] is Status.MET  # maintained
    in_words = {
        "Staff sickness days lost per FTE": "TBC",
        "Biodiversity net gain delivered": "a) 10 ha b) 200 trees",
        "Residents satisfied with their neighbourhood": "Monitor only",
        "Households supported out of fuel poverty": "New measure",
    }
    for title, text in in_words.items():
        assert targets(title) == [(text, "")]
        assert status[title] is Status.NOT_MEASURABLE
        assert kpi_data(kpi_view(kpi(title)))["status"] == "target not measurable"
        row = 1 + [r[0].split(" (")[0] for r in _csv_rows(SERVICE)].index(title)
        where = f"kpis-service-performance-measures.csv, row {row}, column B (Target)"
        assert KPI_TARGET_IN_WORDS.format(where=where, text=text) in result.notes
    assert len(skipped_cells(result)) == 6
    assert "kpis-service-performance-measures.csv, row 6, column D (2022/23 value) 'no data'" in (
        skipped_cells(result)
    )


def _csv_rows(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.mark.django_db
def test_quarterly_xlsx_with_q1_to_q4_columns_and_a_yes_no_direction() -> None:
    result = imported(QUARTERLY)
    assert result.counts == {
        "KPIs:created": 6, "observations:created": 20, "values:skipped": 4
    }  # fmt: skip
    assert result.columns_used() == [
        "A (KPI) as title", "B (Higher is better?) as higher_is_better", "C (Unit) as unit",
        "D (Target 2023/24) as target for 2023-24", "E (Q1 2023/24) as value for 2023-24 Q1",
        "F (Q2 2023/24) as value for 2023-24 Q2", "G (Q3 2023/24) as value for 2023-24 Q3",
        "H (Q4 2023/24) as value for 2023-24 Q4",
    ]  # fmt: skip
    assert result.columns_ignored() == ["I (Responsible officer)"]
    assert_every_column_accounted_for(result, QUARTERLY)

    assert kpi("Complaints answered late").direction == "lower"  # "No"
    assert kpi("Apprentices in post").direction == "higher"  # "Yes"
    assert kpi("Calls answered within 60 seconds").unit == "%"
    assert kpi("Average days to re-let council homes").unit == "days"
    assert kpi("Apprentices in post").unit == "apprentices"
    assert targets("Apprentices in post") == [("45 or more", "2023-24")]
    assert values("Apprentices in post") == {
        "2023-24 Q1": Decimal(38), "2023-24 Q2": Decimal(41),
        "2023-24 Q3": Decimal(44), "2023-24 Q4": Decimal(47),
    }  # fmt: skip
    assert values("Calls answered within 60 seconds") == {
        "2023-24 Q1": Decimal(93), "2023-24 Q2": Decimal(96), "2023-24 Q3": Decimal("95.5")
    }  # fmt: skip
    assert values("Council tax collected in year")["2023-24 Q2"] == Decimal("56.1")
    assert skipped_cells(result) == [
        "kpis-quarterly-2023-24.xlsx, row 5, column H (Q4 2023/24) 'n/a'",
        "kpis-quarterly-2023-24.xlsx, row 6, column H (Q4 2023/24) blank",
        "kpis-quarterly-2023-24.xlsx, row 7, column H (Q4 2023/24) 'TBC'",
        "kpis-quarterly-2023-24.xlsx, row 9, column G (Q3 2023/24) '-'",
    ]
    status = {i.title: kpi_view(i).status for i in Indicator.objects.all()}
    assert status["Apprentices in post"] is Status.MET  # 47 ≥ 45 at the year's end
    assert status["Complaints answered late"] is Status.ON_TRACK  # 7 < 10 before the end
    assert status["Average days to re-let council homes"] is Status.MET  # 22 ≤ 25


@pytest.mark.django_db
@pytest.mark.parametrize("path", [COUNCIL_PLAN, SERVICE, QUARTERLY, OUTTURNS], ids=lambda p: p.name)
def test_importing_the_same_file_again_changes_nothing(path: Path) -> None:
    imported(path)
    again = imported(path)
    assert set(again.counts) == {"KPIs:unchanged", "observations:unchanged", "values:skipped"}


@pytest.mark.django_db
def test_the_command_lists_period_columns_as_targets_and_values() -> None:
    out = StringIO()
    call_command(
        "import-kpis", str(COUNCIL_PLAN), "--organisation", "Testshire", "--dry-run", stdout=out
    )
    text = out.getvalue()
    assert "G (Target 2023/24) as target for 2023-24" in text
    assert "E (2021/22 Actual) as value for 2021-22" in text
    assert "4 values would be skipped" in text
    assert not Indicator.objects.exists()


def kpi_file(tmp_path: Path, text: str, name: str = "kpis.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("heading", "word", "direction"),
    [
        ("Polarity", "Down", "lower"), ("Aim", "Increase", "higher"),
        ("Aim", "Reduce", "lower"), ("Direction", "Maximise", "higher"),
        ("Good is", "Low", "lower"), ("Good performance is", "High", "higher"),
        ("Higher is better", "Yes", "higher"), ("Higher is better", "No", "lower"),
        ("Polarity", "Smaller is better", "lower"), ("Good is", "Bigger is better", "higher"),
    ],
)  # fmt: skip
def test_direction_columns_in_council_words(
    tmp_path: Path, heading: str, word: str, direction: str
) -> None:
    path = kpi_file(tmp_path, f"KPI,{heading},2022/23\nHomes insulated,{word},120\n")
    imported(path)
    assert kpi("Homes insulated").direction == direction


@pytest.mark.django_db
def test_a_direction_word_nobody_knows_is_refused_with_row_and_column(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "KPI,Polarity,2022/23\nHomes insulated,Sideways,120\n")
    result = indicators_import(path, Options("Council"))
    assert result.problems == [
        "kpis.csv, row 2, column B (Polarity): 'Sideways' is not a direction. Write 'higher is "
        "better' (Up, Increase, Maximise…), 'lower is better' (Down, Reduce, Minimise…) or "
        "'within a band'."
    ]
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_a_title_direction_that_disagrees_with_the_column_is_reported(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "KPI,Polarity\nMissed bins (Maximise),Down\n")
    result = imported(path)
    assert kpi("Missed bins").direction == "lower"
    assert (
        KPI_TITLE_DIRECTION_DIFFERS.format(
            where="kpis.csv, row 2, column A (KPI)",
            words="Maximise",
            title="Missed bins",
            column="lower is better",
        )
        in result.notes
    )


@pytest.mark.django_db
def test_a_value_that_is_not_a_number_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = kpi_file(
        tmp_path,
        "KPI,Polarity,2021/22 Actual,2022/23 Actual\nHomes,Up,12,lots\nBins,Down,3,4\n",
    )
    result = indicators_import(path, Options("Council"))
    assert result.problems == [
        "kpis.csv, row 2, column D (2022/23 Actual): 'lots' is not a number. Write the value "
        "as a number, e.g. 64.2%."
    ]
    assert not Indicator.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
def test_a_long_target_in_words_is_kept_whole(tmp_path: Path) -> None:
    words = "Improve on the 2022/23 position; " + "a) 10 ha of new habitat " * 20
    path = kpi_file(tmp_path, f'KPI,Aim,Target\nHabitat created,Increase,"{words}"\n')
    result = imported(path)
    (target,) = Target.objects.all()
    assert target.text == " ".join(words.split())
    assert kpi_view(kpi("Habitat created")).status is Status.NOT_MEASURABLE
    assert any("target not measurable" in n for n in result.notes)


@pytest.mark.django_db
def test_tbc_with_a_due_date_is_kept_not_dropped(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "KPI,Direction,Target,By\nEnergy generated,higher,TBD,2030\n")
    imported(path)
    assert targets("Energy generated") == [("TBD", "2030")]
    assert kpi_view(kpi("Energy generated")).status is Status.NOT_MEASURABLE


@pytest.mark.django_db
def test_values_with_different_units_record_none_and_say_so(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "KPI,Aim,2021/22,2022/23\nBins,Reduce,12%,14 days\n")
    result = imported(path)
    assert kpi("Bins").unit == ""
    assert any("carry different ones (%, days)" in n for n in result.notes)


@pytest.mark.django_db
def test_a_long_table_skips_a_period_with_no_figure_and_keeps_definition_rows(
    tmp_path: Path,
) -> None:
    path = kpi_file(
        tmp_path,
        "KPI,Direction,Period,Value\n"
        "Homes insulated,Up,,\n"
        "Homes insulated,Up,2021/22,120\n"
        "Homes insulated,Up,2022/23,no data\n",
    )
    result = imported(path)
    assert values("Homes insulated") == {"2021-22": Decimal(120)}
    assert result.counts["values:skipped"] == 1
    assert skipped_cells(result) == ["kpis.csv, row 4, column D (Value) 'no data'"]


@pytest.mark.django_db
def test_annual_outturns_with_targets_and_values_per_year_and_good_performance_is() -> None:
    result = imported(OUTTURNS)
    assert result.counts == {
        "KPIs:created": 4, "observations:created": 11, "values:skipped": 1
    }  # fmt: skip
    assert result.columns_used() == [
        "A (PI Ref) as ref", "B (Performance indicator) as title",
        "C (Good performance is) as direction", "D (Baseline) as baseline",
        "E (Baseline year) as baseline_period", "F (Outturn 2020-21) as value for 2020-21",
        "G (2021-22 Target) as target for 2021-22", "H (Actual 2021/22) as value for 2021-22",
        "I (2022-23 Target) as target for 2022-23", "J (Value 2022/23) as value for 2022-23",
        "K (Data source) as source",
    ]  # fmt: skip
    assert result.columns_ignored() == []
    assert_every_column_accounted_for(result, OUTTURNS)

    lights = kpi("Street lighting energy use")
    assert (lights.direction, lights.unit) == ("lower", "MWh")
    assert lights.baseline_value == Decimal(6120) and lights.baseline_period == "2019-20"
    assert targets("Street lighting energy use") == [
        ("5,000 MWh", "2021-22"), ("4,500 MWh", "2022-23")
    ]  # fmt: skip
    assert values("Street lighting energy use") == {
        "2020-21": Decimal(5480), "2021-22": Decimal(4905)
    }  # fmt: skip
    assert skipped_cells(result) == [
        "kpis-annual-outturns.csv, row 3, column J (Value 2022/23) 'no data'"
    ]
    assert kpi("Household waste recycled").unit == "%"
    assert kpi("Household waste recycled").baseline_value == Decimal("38.5")
    assert targets("Electric vehicle charge points on council land") == [
        ("30 or more", "2021-22"), ("maintain", "2022-23")
    ]  # fmt: skip
    fly = kpi("Fly-tipping incidents")
    assert fly.direction == "lower" and fly.unit == ""
    assert targets("Fly-tipping incidents") == [("Monitor only", "2021-22"), ("TBC", "2022-23")]
    assert values("Fly-tipping incidents")["2022-23"] == Decimal(1876)

    status = {i.title: kpi_view(i).status for i in Indicator.objects.all()}
    assert status["Household waste recycled"] is Status.MET  # 45.2% ≥ 44% in 2022-23
    assert status["Electric vehicle charge points on council land"] is Status.MET  # 34 ≥ 27
    assert status["Fly-tipping incidents"] is Status.NOT_MEASURABLE
