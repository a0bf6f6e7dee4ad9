"""The mapping engine of the table importers (imports/tables.py): every column of a file is
used or named as not used, --map says what a column holds or that it is to be ignored, and a
heading that looks like a field but was not understood gets a hint saying how to map it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plantracker.imports import messages
from plantracker.imports.columns import column_letter
from plantracker.imports.indicators import COLUMNS, Options, indicators_import
from plantracker.imports.readers import read
from plantracker.imports.risks import RegisterSettings, risks_import
from plantracker.imports.tables import ImportResult, TableError, parse_maps
from plantracker.indicators.models import Indicator
from plantracker.operations import sample
from plantracker.risks.models import Risk


def columns_with_content(path: Path, header_row: int) -> set[int]:
    """Every column of the file's first sheet with a heading or a value, read on its own."""
    rows = read(path)[0].rows
    return {
        i for row in rows if row.number >= header_row for i, c in enumerate(row.cells) if c.text
    }


def accounted_for(result: ImportResult) -> set[str]:
    named = [*result.columns_used(), *result.columns_ignored()]
    return {label.split(" (")[0] for label in named}


@pytest.mark.django_db
def test_every_sample_file_has_every_column_used_or_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results: list[tuple[ImportResult, Path]] = []
    real_check = sample._check

    def check(result: ImportResult) -> None:
        real_check(result)
        for table in result.tables:
            results.append((result, sample.sample_dir() / table.file))

    monkeypatch.setattr(sample, "_check", check)
    sample.sample_load()
    files = {path.name for _, path in results}
    assert len(files) >= 8, files  # aims, outcomes, two registers, three KPI files, roadmap, …
    for result, path in results:
        (table,) = [t for t in result.tables if t.file == path.name]
        letters = {column_letter(i) for i in columns_with_content(path, table.header_row)}
        assert letters <= accounted_for(result), (path.name, letters - accounted_for(result))
        assert letters, path.name


def kpi_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kpis.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_column_nobody_knows_is_named_as_not_used(tmp_path: Path) -> None:
    path = kpi_file(
        tmp_path, "Indicator,Unit,Direction,Lead service\nHomes insulated,homes,higher,Housing\n"
    )
    result = indicators_import(path, Options("Council"))
    assert result.ok, result.problems
    assert result.columns_used() == [
        "A (Indicator) as title", "B (Unit) as unit", "C (Direction) as direction"
    ]  # fmt: skip
    assert result.columns_ignored() == ["D (Lead service)"]
    assert "  Columns not used: D (Lead service)." in result.lines()


@pytest.mark.django_db
def test_a_column_with_values_but_no_heading_is_named(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "Indicator,Unit,Direction,\nHomes insulated,homes,higher,see note\n")
    result = indicators_import(path, Options("Council"))
    assert result.columns_ignored() == ["D (no heading)"]


@pytest.mark.django_db
def test_map_names_a_column_the_importer_does_not_know(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "Performance measure,Unit,Polarity of good\nHomes,homes,up\n")
    refused = indicators_import(path, Options("Council"))
    assert not refused.ok and "--map 'Your heading=FIELD'" in refused.problems[0]
    maps = parse_maps(["Performance measure=title", "Polarity of good=direction"], COLUMNS)
    result = indicators_import(path, Options("Council"), maps=maps)
    assert result.ok, result.problems
    kpi = Indicator.objects.get()
    assert kpi.title == "Homes" and kpi.direction == "higher"
    assert "A (Performance measure) as title" in result.columns_used()


@pytest.mark.django_db
def test_map_ignore_leaves_a_column_out_and_says_so(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "Indicator,Unit,Direction\nHomes,homes,higher\n")
    maps = parse_maps(["Unit=ignore"], COLUMNS)
    result = indicators_import(path, Options("Council"), maps=maps)
    assert result.ok and Indicator.objects.get().unit == ""
    assert result.columns_ignored() == ["B (Unit) (as you asked)"]


def test_map_with_an_unknown_field_lists_the_fields() -> None:
    with pytest.raises(TableError) as err:
        parse_maps(["Polarity=goodness"], COLUMNS)
    assert err.value.problems == [
        messages.MAP_UNKNOWN_FIELD.format(
            item="Polarity=goodness",
            field="goodness",
            fields=", ".join([*sorted(set(COLUMNS.values())), "ignore"]),
        )
    ]
    with pytest.raises(TableError, match="COLUMN=FIELD"):
        parse_maps(["Polarity"], COLUMNS)


@pytest.mark.django_db
def test_map_naming_a_column_the_file_lacks_is_refused(tmp_path: Path) -> None:
    path = kpi_file(tmp_path, "Measure name,Unit\nHomes,homes\n")
    result = indicators_import(path, Options("Council"), maps={"kpi title": "title"})
    assert (
        result.problems[0] == "kpis.csv: --map names a column the file does not have: 'kpi title'."
    )


@pytest.mark.django_db
def test_a_heading_with_more_in_it_gets_a_hint_how_to_map_it(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "Risk,Impact,Likelihood,Risk owner (service)\nFlooding,4,3,Highways\n", encoding="utf-8"
    )
    result = risks_import(path, RegisterSettings("r", organisation="Council"))
    assert result.ok, result.problems
    assert result.columns_ignored() == ["D (Risk owner (service))"]
    assert result.hints() == [
        "column D 'Risk owner (service)' looks like owner but was not used: its heading has "
        "more in it than 'risk owner'. If it is the owner, import again with --map "
        "'Risk owner (service)=owner'; if not, nothing needs doing."
    ]
    again = risks_import(
        path,
        RegisterSettings("r", organisation="Council"),
        maps={"risk owner (service)": "owner"},
    )
    assert again.ok and Risk.objects.get().owner == "Highways"
    assert again.hints() == [] and again.columns_ignored() == []


@pytest.mark.django_db
def test_every_import_command_takes_map_and_prints_the_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = kpi_file(tmp_path, "KPI title,Unit,Direction,Comments\nHomes,homes,higher,x\n")
    out = StringIO()
    call_command("import-kpis", str(path), "--organisation", "Council", "--dry-run",
                 "--map", "KPI title=title", "--map", "Comments=ignore", stdout=out)  # fmt: skip
    text = out.getvalue()
    assert (
        "Columns used: A (KPI title) as title; B (Unit) as unit; C (Direction) as direction."
        in text
    )
    assert "Columns not used: D (Comments) (as you asked)." in text
    with pytest.raises(CommandError, match="'goodness' is not a field"):
        call_command("import-kpis", str(path), "--organisation", "Council",
                     "--map", "KPI title=goodness")  # fmt: skip
    for command in ("import-kpis", "import-risks", "import-emissions", "import-activity",
                    "import-roadmap", "import-strategy"):  # fmt: skip
        with pytest.raises(SystemExit):
            call_command(command, "--help")
        assert "--map COLUMN=FIELD" in capsys.readouterr().out, command


@pytest.mark.django_db
def test_area_figures_name_every_column_and_take_a_map(tmp_path: Path) -> None:
    from plantracker.carbon.models import AreaEmission
    from plantracker.imports.area_emissions import SYNONYMS, area_emissions_import

    path = tmp_path / "area.csv"
    path.write_text(
        "Year,LA code,official-name,Domestic Gas:kt CO2,Notes,\n2019,LEC,Leics,12.5,x,stray\n",
        "utf-8",
    )
    refused = area_emissions_import(path)
    assert not refused.ok and "'local-authority-code'" in refused.problems[0]
    assert AreaEmission.objects.count() == 0

    maps = parse_maps(["LA code=code"], SYNONYMS)
    refused = area_emissions_import(path, maps=maps)
    assert refused.problems == [
        "area.csv, row 1, column E: 'Notes' does not give its unit. Name the column like "
        "'Domestic Gas:kt CO2'. Or leave it out with --map 'Notes=ignore'."
    ]

    maps = parse_maps(["LA code=code", "Notes=ignore"], SYNONYMS)
    result = area_emissions_import(path, maps=maps)
    assert result.ok, result.problems
    assert result.columns_used() == [
        "A (Year) as year", "B (LA code) as code", "C (official-name) as name",
        "D (Domestic Gas:kt CO2) as Domestic / Gas figures",
    ]  # fmt: skip
    assert result.columns_ignored() == ["E (Notes) (as you asked)", "F (no heading)"]
    figure = AreaEmission.objects.get()
    assert (figure.code, figure.year, figure.item) == ("LEC", 2019, "Gas")
    assert float(figure.value) == 12.5


@pytest.mark.django_db
def test_an_action_files_look_alike_heading_says_how_to_map_it(tmp_path: Path) -> None:
    from plantracker.imports.services import plan_import

    path = tmp_path / "plan.txt"
    path.write_text("Action ID\tAction\tLead officer (service)\tNotes\nA1\tPlant trees\tParks\tx\n")
    report = plan_import(path=path, plan_slug="h", organisation="T", dry_run=True)
    assert report.ignored_columns == ["C (Lead officer (service))", "D (Notes)"]
    assert report.hints == [
        "column C 'Lead officer (service)' looks like owner but was not used: its heading has "
        "more in it than 'lead officer'. If it is the owner, import again with --map "
        "'Lead officer (service)=owner'; if not, nothing needs doing."
    ]
    mapped = plan_import(path=path, plan_slug="h", organisation="T", dry_run=True,
                         mapping=["Lead officer (service)=owner"])  # fmt: skip
    assert mapped.hints == [] and "C (Lead officer (service)) as owner" in mapped.used_columns
    ignored = plan_import(path=path, plan_slug="h", organisation="T", dry_run=True,
                          mapping=["Lead officer (service)=ignore"])  # fmt: skip
    assert ignored.hints == []
