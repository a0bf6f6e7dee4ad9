"""The action-plan layouts of tests/data/layouts/actions-*: each imported with no --map and
no edits. Section rows become themes; a stray letter or page number between the rows does
not, and is reported; "Responsible officer" and "Measure of success" columns are read."""

from collections import Counter
from pathlib import Path

import pytest

from plantracker.imports import messages
from plantracker.plans.models import Action, Finding, Plan
from tests.conftest import DATA, Importer

LAYOUTS = DATA / "layouts"
BOROUGH = LAYOUTS / "actions-borough-climate-action-plan.csv"
DISTRICT = LAYOUTS / "actions-district-net-zero-plan.xlsx"
TOWN = LAYOUTS / "actions-town-council-climate-plan.csv"
CITY = LAYOUTS / "actions-city-climate-plan.csv"
DISTRICT_SHEET = f"{DISTRICT.name} [Action plan]"

ENERGY = "1. Energy and buildings"
BOROUGH_THEMES = {
    ENERGY: ["EN1", "EN2", "EN3", "EN4", "EN5", "EN6"],
    "2. Transport and travel": ["TR1", "TR2", "TR3", "TR4"],
    "3. Waste and resources": ["WR1", "WR2", "WR3"],
    "Nature and green spaces": ["NG1", "NG2", "NG3"],
    "Working with residents and business": ["RB1", "RB2"],
}
DISTRICT_THEMES = {
    "1. Buildings & Energy": ["BE1", "BE2", "BE3", "BE4"],
    "2. Transport": ["T1", "T2", "T3"],
    "Adaptation and resilience": ["AR1", "AR2"],
}
TOWN_THEMES = {"Our own estate": ["OE1", "OE2", "OE3"], "Our community": ["CO1", "CO2"]}
CITY_THEMES = {
    "1 Council buildings and energy": ["1.1", "1.2", "1.3"],
    "2 Transport": ["2.1", "2.2"],
    "3 Planning and housing": ["3.1", "3.2"],
    "4 Community and business": ["4.1", "4.2"],
}


def imported(do_import: Importer, path: Path, slug: str) -> Plan:
    report = do_import(path, slug)
    assert report.ok, report.problems
    assert report.ignored_columns == []
    return Plan.objects.get(slug=slug)


def themes_of(plan: Plan) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ref, theme in plan.actions.values_list("ref", "theme__name"):
        out.setdefault(theme, []).append(ref)
    return out


def stray_findings(plan: Plan) -> list[tuple[str, str, str]]:
    found = plan.findings.filter(kind=Finding.Kind.NOT_A_HEADING).order_by("id")
    return [(f.original, f.source, f.message) for f in found]


def test_a_stray_letter_between_rows_is_not_a_theme(do_import: Importer) -> None:
    """The bug: row 9's lone 'a' became the theme of EN4 to EN6 (and a theme of its own)."""
    plan = imported(do_import, BOROUGH, "borough")
    assert plan.actions.count() == 18
    assert list(plan.themes.values_list("name", flat=True)) == list(BOROUGH_THEMES)
    assert themes_of(plan) == BOROUGH_THEMES
    assert stray_findings(plan) == [
        (
            "a",
            f"{BOROUGH.name}, row 9, column A",
            messages.NOT_A_HEADING.format(
                file=BOROUGH.name, row=9, text="a", column="A", theme=ENERGY
            ),
        )
    ]
    assert "row 9 holds only 'a' in column A; not taken as a theme, the actions below " \
        "stay under '1. Energy and buildings'" in stray_findings(plan)[0][2]  # fmt: skip


def test_responsible_officer_and_measure_of_success_are_read(do_import: Importer) -> None:
    plan = imported(do_import, BOROUGH, "borough")
    en1 = plan.actions.get(ref="EN1")
    assert en1.owner == "Head of Property Services"
    assert en1.success_measure == "Three arrays installed, 420 MWh a year generated"
    assert plan.actions.get(ref="TR2").success_measure == "40 charge points in use, 75% uptime"
    assert all(plan.actions.values_list("success_measure", flat=True))


def test_excel_plan_with_merged_headings_a_letter_and_a_page_number(do_import: Importer) -> None:
    plan = imported(do_import, DISTRICT, "district")
    assert plan.actions.count() == 9
    assert themes_of(plan) == DISTRICT_THEMES
    assert [(o, s) for o, s, _ in stray_findings(plan)] == [
        ("B", f"{DISTRICT_SHEET}, row 9, column A"),
        ("12", f"{DISTRICT_SHEET}, row 14, column A"),
    ]
    assert "the actions below stay under '2. Transport'" in stray_findings(plan)[1][2]
    be1 = plan.actions.get(ref="BE1")
    assert (be1.owner, be1.lead) == ("Estates Manager", "Riverside District Council")
    # The measure's two lines stay two lines.
    assert be1.success_measure == "12 plans completed and costed\nFunding bids made for the top 3"
    assert plan.actions.get(ref="AR2").success_measure == "Four spaces improved"


def test_responsible_accountable_and_how_we_measure(do_import: Importer) -> None:
    plan = imported(do_import, TOWN, "town")
    assert plan.actions.count() == 5
    assert themes_of(plan) == TOWN_THEMES
    assert [o for o, _, _ in stray_findings(plan)] == ["x"]
    oe3 = plan.actions.get(ref="OE3")
    assert (oe3.lead, oe3.owner) == ("Grounds Maintenance", "Deputy Town Clerk")
    assert oe3.success_measure == "No petrol tools bought after 2025"


def test_numbered_sections_across_the_columns_and_a_stray_letter(do_import: Importer) -> None:
    """The long-file bug: sections written as '2' | 'Transport' were read as actions, so
    the lone 'a' on row 6 was the only heading, and the theme of every action below it,
    across all the later sections."""
    plan = imported(do_import, CITY, "city")
    assert plan.actions.count() == 9
    assert list(plan.themes.values_list("name", flat=True)) == list(CITY_THEMES)
    assert themes_of(plan) == CITY_THEMES
    assert [o for o, _, _ in stray_findings(plan)] == ["a"]
    assert (
        "the actions below stay under '1 Council buildings and energy'"
        in (stray_findings(plan)[0][2])
    )
    read_as = plan.findings.filter(kind=Finding.Kind.NORMALISED, field="theme").order_by("id")
    assert [f.original for f in read_as] == [
        "1 | Council buildings and energy",
        "2 | Transport",
        "3 | Planning and housing",
        "4 | Community and business",
    ]
    assert read_as[1].message == messages.NUMBERED_SECTION.format(
        file=CITY.name, row=8, number="2", number_column="A", title="Transport",
        title_column="B", theme="2 Transport",
    )  # fmt: skip
    a11 = plan.actions.get(ref="1.1")
    assert (a11.owner, a11.lead, a11.success_measure) == (
        "Energy Manager",
        "Property Services",
        "Plan approved and costed",
    )
    assert a11.end is not None and a11.end.isoformat() == "2025-03-01"


def test_bare_numbers_are_actions_when_every_reference_is_one(
    do_import: Importer, tmp_path: Path
) -> None:
    """Refs 1, 2, 3 with only a title: actions, not sections (nothing tells them apart)."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "No,Action,Owner\n1,Plant trees,Parks\n2,Insulate the depot,\n3,Buy EVs,Fleet\n",
        encoding="utf-8",
    )
    assert do_import(path, "p").ok
    assert list(Action.objects.values_list("ref", flat=True)) == ["1", "2", "3"]


@pytest.mark.parametrize("path", [BOROUGH, DISTRICT, TOWN, CITY], ids=lambda p: p.name)
def test_importing_again_changes_nothing(do_import: Importer, path: Path) -> None:
    imported(do_import, path, "again")
    report = do_import(path, "again")
    assert report.ok and not report.changes_anything
    assert Counter(a.kind for a in report.actions) == {"same": Action.objects.count()}


def test_a_changed_measure_is_shown_and_written(do_import: Importer, tmp_path: Path) -> None:
    imported(do_import, TOWN, "town")
    changed = tmp_path / "town.csv"
    changed.write_text(
        TOWN.read_text().replace("At least 400 visitors each year", "500 visitors"), "utf-8"
    )
    report = do_import(changed, "town")
    assert [(a.ref, a.changes) for a in report.actions if a.kind == "change"] == [
        ("CO1", [("success_measure", "At least 400 visitors each year", "500 visitors")])
    ]
    assert Action.objects.get(ref="CO1").success_measure == "500 visitors"


def test_the_stray_row_is_named_in_the_command_output(do_import: Importer, capsys) -> None:
    from django.core.management import call_command

    call_command("import", str(BOROUGH), "--plan", "b", "--organisation", "Northfield")
    out = capsys.readouterr().out
    assert "holds only 'a' in column A; not taken as a theme" in out
    assert "Themes new: 1. Energy and buildings, 2. Transport and travel" in out
    assert "1 not a heading" in out
