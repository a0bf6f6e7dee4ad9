"""Nothing in a file is left out without a word: for every file of the layouts corpus
(tests/data/layouts/) and every action plan in sample_data/, each column with a heading or a
value is either used or named as not used by its importer. (The sample tables' own importers —
strategy, KPIs, registers, roadmap — are checked as the demo loads them, in
test_mapping_engine.py.) The corpus files are imported as they are: no --map, no edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantracker.core.models import Organisation
from plantracker.imports.columns import column_letter
from plantracker.imports.kinds import TABLE_KINDS
from plantracker.imports.readers import read
from plantracker.imports.services import load, plan_import
from plantracker.imports.tables import ImportResult, Remembered
from plantracker.operations.sample import SAMPLE_PLANS, sample_dir
from tests.conftest import ROOT

LAYOUTS = ROOT / "tests" / "data" / "layouts"
CORPUS = sorted(p for p in LAYOUTS.iterdir() if p.suffix in {".csv", ".xlsx", ".txt", ".tsv"})
ACTION_FILES = [
    *(sample_dir() / s.file for s in SAMPLE_PLANS),
    sample_dir() / "environment-strategy-action-plan-2020-2024.xlsx",
    *(p for p in CORPUS if p.name.startswith("actions-")),
]
TABLE_FILES = [p for p in CORPUS if p.name.split("-")[0] in TABLE_KINDS]


def letters_with_content(path: Path, header_row: int, sheet: int = 0) -> set[str]:
    """Every column of the sheet with a heading or a value from the header row down, read on
    its own (not through the importer)."""
    rows = read(path)[sheet].rows
    return {
        column_letter(i)
        for row in rows
        if row.number >= header_row
        for i, cell in enumerate(row.cells)
        if cell.text.strip()
    }


def letters_named(labels: list[str]) -> set[str]:
    return {label.split(" (")[0] for label in labels}


def test_the_corpus_names_every_file_by_its_kind() -> None:
    kinds = {p.name.split("-")[0] for p in CORPUS}
    assert kinds <= {"actions", *TABLE_KINDS}, kinds
    assert len(CORPUS) >= 10, "the corpus keeps at least ten files"
    assert {"actions", "kpis", "emissions"} <= kinds


@pytest.mark.django_db
@pytest.mark.parametrize("path", ACTION_FILES, ids=lambda p: p.name)
def test_every_column_of_an_action_file_is_used_or_named(path: Path) -> None:
    report = plan_import(path=path, plan_slug="layouts", organisation="Test", dry_run=True)
    assert report.ok, report.problems
    header = load(path).parsed.layout.header_row.number
    named = letters_named(report.used_columns) | letters_named(report.ignored_columns)
    expected = letters_with_content(path, header)
    assert expected <= named, sorted(expected - named)
    assert report.used_columns


@pytest.mark.django_db
@pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.name)
def test_every_column_of_a_table_file_is_used_or_named(path: Path) -> None:
    kind = TABLE_KINDS[path.name.split("-")[0]]
    org = Organisation.objects.create(name="Layouts Council", slug="layouts-council")
    options = {"register": "Layouts register"}
    result: ImportResult = kind.run(path, org, options, Remembered(), True)
    assert result.ok, result.problems
    assert result.tables, path.name
    named = letters_named(result.columns_used()) | letters_named(result.columns_ignored())
    for table in result.tables:
        expected = letters_with_content(path, table.header_row)
        assert expected <= named, (table.file, sorted(expected - named))
