"""Fuzzing every importer with hypothesis: each sample file, its cells replaced by odd and
hostile values, rows cut short, lengthened, dropped or repeated, saved in another encoding or
as a workbook. Whatever comes in, the command either imports it or stops with a message that
names the file, and a stopped import has written nothing. Any other exception fails.

The runs are derandomised so `make test` is repeatable; FUZZ_EXAMPLES=500 explores more.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.conftest import ORG, SAMPLES
from tests.recovery import table_hashes

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
F = "{file}"
ROADMAP = ["--roadmap", "rm", "--organisation", ORG, "--title", "T", "--baseline-period",
           "2018-19", "--baseline-tco2e", "13000", "--target-year", "2030"]  # fmt: skip
IMPORTERS = {
    "actions (tracker)": ("net-zero-communities-december-2023.txt",
                          ["import", F, "--plan", "fz", "--organisation", ORG]),
    "actions (plan)": ("environment-strategy-action-plan-2020-2024.txt",
                       ["import", F, "--plan", "fz", "--organisation", ORG]),
    "strategy aims": ("environment-strategy-2018-2030-objectives.txt",
                      ["import-strategy", F, "--strategy", "s", "--organisation", ORG]),
    "strategy outcomes": ("strategic-plan-2018-22-measures.txt",
                          ["import-strategy", F, "--strategy", "o", "--kind", "outcomes",
                           "--organisation", ORG]),
    "KPIs (long)": ("environment-strategy-2018-2030-targets.csv",
                    ["import-kpis", F, "--organisation", ORG]),
    "KPIs (wide)": ("youth-justice-performance-2014-15-to-2018-19.txt",
                    ["import-kpis", F, "--organisation", ORG]),
    "risks": ("climate-risk-register.csv",
              ["import-risks", F, "--register", "r", "--organisation", ORG]),
    "risks (1 is highest)": ("youth-justice-risk-register-2020-23.txt",
                             ["import-risks", F, "--register", "y", "--organisation", ORG,
                              "--one-is-highest"]),
    "inventory": ("inventory-2018-19-illustrative.csv",
                  ["import-emissions", F, "--organisation", ORG]),
    "activity": ("activity-data-illustrative-2023-24.csv",
                 ["import-activity", F, "--organisation", ORG]),
    "roadmap": ("carbon-reduction-roadmap-tranche-1-workstreams.csv", ["import-roadmap", F,
                                                                       *ROADMAP]),
    "area emissions": ("mysociety_local_authority_emissions.csv",
                       ["import-area-emissions", F]),
    "quoted figures": ("area-emissions-quoted-2017.csv",
                       ["import-area-emissions", "{area}", "--code", "LEC", "--quoted", F]),
    # Layouts councils publish (tests/data/layouts): section rows, worded targets, totals.
    "actions (sections)": ("actions-borough-climate-action-plan.csv",
                           ["import", F, "--plan", "fz", "--organisation", ORG]),
    "kpis (period headings)": ("kpis-council-plan-2023-24.csv",
                               ["import-kpis", F, "--organisation", ORG]),
    "emissions (scope rows)": ("emissions-council-estate-2021-22-to-2022-23.csv",
                               ["import-emissions", F, "--organisation", ORG]),
}  # fmt: skip
LAYOUTS = SAMPLES.parent / "tests" / "data" / "layouts"


def source(name: str) -> Path:
    """A sample file, or one of the layouts corpus."""
    return SAMPLES / name if (SAMPLES / name).exists() else LAYOUTS / name


# Years and months no council means, and digits of other scripts (see core/strict.py).
BAD_DATES = [
    "0000", "9999", "9999-00", "0000-01", "9999-12", "2024-00", "2024-13", "Mar 0000",
    "Apr-9999", "Q1 0000", "0000 Q1", "1899/00", "9999/10000", "31/12/0000", "0000-01-01",
    "²", "²⁰²⁴", "²⁰²⁴-09", "٢٠٢٤", "٢٠٢٤-09", "२०२४", "2100-01", "1900",
]  # fmt: skip
ODD = st.one_of(
    st.sampled_from([
        "", " ", "-", "N/A", "TBC", "0", "-1", "1e309", "NaN", "12,5", "1,000,000", "½", "٣",
        "2018-19", "2019/20", "Q5 2023", "13/13/2023", "31/02/2024", "Red", "Green", "amber",
        "Yes", "no", "Lead", "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(1)",
        "<script>alert(1)</script>", "'; DROP TABLE plans_action; --", "nul\x00byte",
        "\u202eevil", "tab\tinside", "line\nbreak", "\"quoted\"", "x" * 5000, "9" * 40,
        "-0", "1.5%", "£3m", "C1", "A1", "All", *BAD_DATES,
    ]),
    st.text(max_size=40),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers().map(str),
)  # fmt: skip


def rows_of(name: str) -> tuple[list[list[str]], str]:
    """The sample's cells (first 30 rows) and its delimiter."""
    text = source(name).read_text(encoding="utf-8-sig")
    delimiter = "\t" if name.endswith(".txt") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if delimiter == "\t":
        rows = [line.split("\t") for line in text.splitlines()]
    return rows[:30], delimiter


@functools.cache
def area_rows() -> list[list[str]]:
    """The data set's header and Leicestershire's rows: what the quoted figures sit beside."""
    with (SAMPLES / "mysociety_local_authority_emissions.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return [rows[0], *(r for r in rows[1:] if r[1] == "LEC")]


@st.composite
def mutated(draw: st.DrawFn, name: str) -> tuple[list[list[str]], str, str]:
    rows, delimiter = rows_of(name)
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(0, 8))):
        if not rows:
            break
        i = draw(st.integers(0, len(rows) - 1))
        what = draw(st.sampled_from(["cell", "cell", "cell", "cut", "grow", "drop", "repeat"]))
        if what == "cell" and rows[i]:
            rows[i][draw(st.integers(0, len(rows[i]) - 1))] = draw(ODD)
        elif what == "cut":
            rows[i] = rows[i][: draw(st.integers(0, len(rows[i])))]
        elif what == "grow":
            rows[i] += draw(st.lists(ODD, min_size=1, max_size=3))
        elif what == "drop":
            rows.pop(i)
        else:
            rows.insert(i, list(rows[i]))
    form = draw(st.sampled_from(["same", "same", "utf-16", "cp1252", "xlsx"]))
    return rows, delimiter, form


def write(rows: list[list[str]], delimiter: str, form: str, folder: Path, name: str) -> Path:
    stem, suffix = name.rsplit(".", 1)
    if form == "xlsx" and not name.startswith("mysociety") and "quoted" not in name:
        path = folder / f"{stem}.xlsx"
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in r])  # xlsx can't hold them
        wb.save(path)
        return path
    path = folder / f"{stem}.{suffix}"
    if delimiter == "\t":
        text = "\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r)
                         for r in rows) + "\n"  # fmt: skip
    else:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        text = out.getvalue()
    encoding = {"utf-16": "utf-16", "cp1252": "cp1252"}.get(form, "utf-8")
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


@pytest.fixture
def ready(db) -> None:  # type: ignore[no-untyped-def]
    """What the importers expect to exist: the organisation, a plan, factors and an area."""
    from plantracker.carbon.models import ConversionFactor

    call_command("import", str(SAMPLES / "environment-strategy-action-plan-2020-2024.txt"),
                 "--plan", "environment-strategy-action-plan-2020-2024", "--organisation", ORG,
                 stdout=StringIO(), stderr=StringIO())  # fmt: skip
    ConversionFactor.objects.create(
        year=2024, factor_id="1_100_1004_6_1", scope="Scope 1", level_1="Fuels",
        level_2="Gaseous fuels", level_3="Natural gas", unit="kWh (Gross CV)",
        ghg="kg CO2e", value=Decimal("0.18290"),
    )  # fmt: skip


def one(importer: str, case: tuple[list[list[str]], str, str]) -> None:
    name, args = IMPORTERS[importer]
    rows, delimiter, form = case
    with tempfile.TemporaryDirectory() as folder:
        path = write(rows, delimiter, form, Path(folder), name)
        area = write(area_rows(), ",", "same", Path(folder), "area.csv")
        argv = [a.format(file=path, area=area) for a in args]
        with transaction.atomic():  # every example starts from the same database
            before = table_hashes()
            err = StringIO()
            try:
                call_command(*argv, stdout=StringIO(), stderr=err)
            except CommandError as exc:
                said = f"{err.getvalue()}\n{exc}"
                assert path.name in said or str(path) in said, said[:500]
                assert "Traceback" not in said
                assert table_hashes() == before, f"{importer}: a failed import wrote something"
            transaction.set_rollback(True)


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
def test_importer_survives_fuzzed_files(importer: str, ready: None) -> None:
    name = IMPORTERS[importer][0]

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(case=mutated(name))
    def check(case: tuple[list[list[str]], str, str]) -> None:
        one(importer, case)

    check()


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
def test_null_bytes_in_every_cell_of_a_row(importer: str, ready: None) -> None:
    """PostgreSQL cannot store a NUL character in text: a file carrying them must still end
    in an import or a message, never a database error."""
    rows, delimiter = rows_of(IMPORTERS[importer][0])
    rows = [list(r) for r in rows]
    for r in rows[len(rows) // 2 :]:
        r[:] = [f"{c}\x00" if c else c for c in r]
    one(importer, (rows, delimiter, "same"))


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
def test_overlong_values_in_every_cell_of_a_row(importer: str, ready: None) -> None:
    """Longer than any column holds (PostgreSQL refuses them; SQLite would keep them)."""
    rows, delimiter = rows_of(IMPORTERS[importer][0])
    rows = [list(r) for r in rows]
    for r in rows[len(rows) // 2 :]:
        r[:] = [c + "z" * 400 if c else c for c in r]
    one(importer, (rows, delimiter, "same"))


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
def test_bad_years_and_months_in_every_cell_of_a_row(importer: str, ready: None) -> None:
    """Year 0, year 9999, month 00 and other scripts' digits (the importers crashed on
    "year 0 is out of range"): an import or a message, in every kind of cell."""
    rows, delimiter = rows_of(IMPORTERS[importer][0])
    rows = [list(r) for r in rows]
    for n, r in enumerate(rows[len(rows) // 2 :]):
        r[:] = [BAD_DATES[(n + i) % len(BAD_DATES)] if c else c for i, c in enumerate(r)]
    one(importer, (rows, delimiter, "same"))


MAPPABLE = sorted(k for k in IMPORTERS if k not in {"quoted figures"})
FIELD_WORDS = ["title", "ref", "unit", "direction", "target", "value", "impact", "likelihood",
               "owner", "scope", "source", "tco2e", "year", "code", "theme", "lead", "ignore",
               "update:March 2024", "", "=", "title=title"]  # fmt: skip


@st.composite
def mapped(draw: st.DrawFn, name: str) -> tuple[list[list[str]], str, list[str]]:
    """A sample file, perhaps with its headings renamed, and --map items that name real or
    invented headings as real, invented or repeated fields."""
    rows, delimiter = rows_of(name)
    rows = [list(r) for r in rows]
    headings = sorted({c for r in rows[:8] for c in r if c.strip()})
    if headings and rows and draw(st.booleans()):
        i = draw(st.integers(0, min(7, len(rows) - 1)))
        if rows[i]:
            rows[i][draw(st.integers(0, len(rows[i]) - 1))] = draw(ODD)
    items = draw(
        st.lists(
            st.tuples(
                st.sampled_from(headings) if headings else st.text(max_size=10),
                st.one_of(st.sampled_from(FIELD_WORDS), st.text(max_size=12)),
            ).map(lambda hf: f"{hf[0]}={hf[1]}"),
            max_size=3,
        )
    )
    return rows, delimiter, items


@pytest.mark.parametrize("importer", MAPPABLE)
def test_the_mapping_engine_survives_fuzzed_maps(importer: str, ready: None) -> None:
    """--map items of any kind on any importer: an import, or a message (naming the file,
    or the --map item that is wrong), never a traceback, and nothing written when refused."""
    name, args = IMPORTERS[importer]

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(case=mapped(name))
    def check(case: tuple[list[list[str]], str, list[str]]) -> None:
        rows, delimiter, items = case
        with tempfile.TemporaryDirectory() as folder:
            path = write(rows, delimiter, "same", Path(folder), name)
            argv = [a.format(file=path, area=path) for a in args]
            argv += [a for item in items for a in ("--map", item)]
            with transaction.atomic():
                before = table_hashes()
                err = StringIO()
                try:
                    call_command(*argv, stdout=StringIO(), stderr=err)
                except CommandError as exc:
                    said = f"{err.getvalue()}\n{exc}"
                    assert "Traceback" not in said
                    assert path.name in said or "--map" in said or "map" in said, said[:500]
                    assert table_hashes() == before, f"{importer}: a refused import wrote"
                transaction.set_rollback(True)

    check()
