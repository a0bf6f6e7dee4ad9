"""The Tranche 1 roadmap from sample_data/: its totals by category and by area are the pack's
(read from the pack's own text), and the residual and the gap to net zero are computed."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantracker.carbon import trajectory as t
from plantracker.carbon.models import Roadmap
from plantracker.carbon.selectors import roadmap_view
from plantracker.imports.columns import header_key
from plantracker.imports.roadmap import CATEGORIES, RoadmapSettings, roadmap_import
from plantracker.operations.sample import ROADMAP
from tests.conftest import ORG, SAMPLES

PACK = SAMPLES / "carbon-reduction-roadmap-tranche-1.txt"
WORKSTREAMS = SAMPLES / "carbon-reduction-roadmap-tranche-1-workstreams.csv"


def tonnes(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def table_1() -> dict[str, Decimal]:
    """Table 1 of the pack: category → tonnes removed by 2030, and its printed total."""
    lines = PACK.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Table 1:"))
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("Category\t"))
    rows = {}
    for line in lines[header + 1 :]:
        name, _, value = line.partition("\t")
        if not value:
            break
        rows[name] = tonnes(value)
    return rows


def area_slide() -> tuple[dict[str, Decimal], Decimal]:
    text = PACK.read_text(encoding="utf-8")
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Travel\tPremises"))
    areas = lines[head].split("\t")
    figures = re.findall(r"([\d,]+) tonnes CO2e saved", next(
        line for line in lines[head:] if "tonnes CO2e saved" in line
    ))  # fmt: skip
    total = re.search(r"Total CO2e saved\t([\d,]+) tonnes", text)
    assert total
    return dict(zip(areas, map(tonnes, figures), strict=True)), tonnes(total[1])


def baseline() -> Decimal:
    m = re.search(r"almost ([\d,]+) tonnes .* in (\d{4}-\d\d)", PACK.read_text(encoding="utf-8"))
    assert m and m[2] == "2018-19"
    return tonnes(m[1])


@pytest.fixture
def view(samples: None):
    return roadmap_view(Roadmap.objects.get(slug=ROADMAP))


@pytest.mark.django_db
def test_totals_by_category_are_table_1(view) -> None:
    table = table_1()
    printed_total = table.pop("Total tonnes CO₂e removed")
    expected = {CATEGORIES[header_key(name)].value: value for name, value in table.items()}
    assert view.by("category") == expected
    assert sum(expected.values()) == printed_total == view.total() == 12700


@pytest.mark.django_db
def test_totals_by_area_are_the_roadmap_slide(view) -> None:
    by_area, printed = area_slide()
    found = view.by("area")
    names = {"travel": "Travel", "premises": "Premises", "infrastructure": "Infrastructure",
             "net": "Net reductions"}  # fmt: skip
    expected = {key: by_area[name] for key, name in names.items()}
    assert {k: found[k] for k in expected} == expected
    assert sum(expected.values()) == printed == 12000
    # Table 1's offset balance is in no area on the slide: the two totals differ by it.
    assert found[t.NO_AREA] == table_1()["Offset balance"] == 700


@pytest.mark.django_db
def test_residual_and_gap_to_net_zero_are_computed(view) -> None:
    table = table_1()
    offsets = table["Offset balance"]
    removed = table["Total tonnes CO₂e removed"]
    assert view.roadmap.baseline_tco2e == baseline()
    final = view.target_row()
    assert final.year == 2030
    assert final.gross == baseline() - (removed - offsets) == 1000
    assert final.net == baseline() - removed == 300
    steps = view.waterfall()
    assert steps[0].label == "Baseline (2018-19)"
    assert steps[-1].level == final.net
    assert next(s for s in steps if s.label == "Residual emissions").level == final.gross
    net_zero = next(v for v in view.targets if v.target.name == "Carbon neutral by 2030")
    assert net_zero.final.gap == final.net == 300 and not net_zero.final.on_track
    # The 64% target is against 2016-17, for which no emissions are recorded yet.
    sixty_four = next(v for v in view.targets if v.target.year == 2025)
    assert (
        sixty_four.check is None and "No emissions are recorded for 2016-17" in sixty_four.why_not
    )


@pytest.mark.django_db
def test_what_if_switching_a_category_off(samples: None) -> None:
    roadmap = Roadmap.objects.get(slug=ROADMAP)
    all_on = roadmap_view(roadmap)
    no_complex = roadmap_view(roadmap, off=["complex"])
    assert (
        no_complex.target_row().net - all_on.target_row().net
        == table_1()["Low return / complex improvements"]
    )
    no_quorn = roadmap_view(roadmap, off=["Quorn Solar Farm"])
    assert no_quorn.total() == all_on.total() - 2700


@pytest.mark.django_db
def test_workstreams_link_to_the_actions_that_deliver_them(view) -> None:
    quorn = next(w for w in view.workstreams if w.name == "Quorn Solar Farm")
    assert [a.title for a in quorn.actions.all()] == ["Deliver Quorn Solar Farm project"]


@pytest.mark.django_db
def test_reimport_changes_nothing_and_bad_rows_are_named(samples: None, tmp_path: Path) -> None:
    plan = "environment-strategy-action-plan-2020-2024"
    again = roadmap_import(WORKSTREAMS, RoadmapSettings(ROADMAP, plan=plan))
    assert again.ok and set(again.counts) == {"workstreams:unchanged"}
    bad = tmp_path / "roadmap.csv"
    bad.write_text(
        "Workstream,Category,Area,tCO2e saved,Start\nSolar,Planned,Roofs,lots,soon\n",
        encoding="utf-8",
    )
    result = roadmap_import(bad, RoadmapSettings("new", organisation=ORG))
    assert not result.ok
    text = "\n".join(result.problems)
    assert "does not exist yet. Give --baseline-period 2018-19" in text
    result = roadmap_import(bad, RoadmapSettings(ROADMAP))
    text = "\n".join(result.problems)
    assert "roadmap.csv, row 2, column C (Area): 'Roofs' is not an area" in text
    assert "row 2, column D (tCO2e saved): 'lots' is not a number" in text
    assert "row 2, column E (Start): 'soon' is not a year" in text
    assert Roadmap.objects.get(slug=ROADMAP).workstreams.count() == 17  # untouched


streams = st.lists(
    st.builds(
        t.Stream,
        name=st.uuids().map(str),
        category=st.sampled_from(list(t.Category)),
        area=st.none() | st.sampled_from(list(t.Area)),
        saving=st.integers(0, 5000).map(Decimal),
        start=st.integers(2015, 2035),
        phasing=st.sampled_from([t.Phasing.LINEAR, t.Phasing.STEPPED]),
    ),
    max_size=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow])  # generation slows on a busy machine
@given(streams, st.integers(5000, 50000))
def test_trajectory_rules(streams: list[t.Stream], baseline: int) -> None:
    base = Decimal(baseline)
    rows = t.trajectory(base, range(2015, 2041), streams, 2030)
    for s in streams:  # savings never fall, and are whole once started and due
        shares = [t.share(s, y, 2030) for y in range(2015, 2041)]
        assert shares == sorted(shares) and all(0 <= x <= 1 for x in shares)
        assert t.share(s, max(s.start, 2030), 2030) == 1
    by_year = {r.year: r for r in rows}
    started = [s for s in streams if s.start <= 2030]
    non_offset = sum((s.saving for s in started if not s.is_offset), Decimal(0))
    offset = sum((s.saving for s in started if s.is_offset), Decimal(0))
    assert by_year[2030].gross == base - non_offset
    assert by_year[2030].net == base - non_offset - offset
    for c in t.Category:  # switching a category off adds back exactly its savings
        off = t.trajectory(base, [2030], streams, 2030, off=[c.value])[0]
        assert off.net - by_year[2030].net == by_year[2030].by_category[c]
    if all(s.start <= 2030 for s in streams):
        assert t.waterfall(base, streams, "base")[-1].level == by_year[2030].net


@given(st.integers(1, 100), st.integers(1000, 20000), st.integers(2019, 2029))
def test_path_runs_straight_from_start_to_goal(reduction: int, start: int, year: int) -> None:
    goal = t.goal_of(Decimal(reduction), Decimal(start))
    target = t.Target("x", Decimal(reduction), 2030, goal)
    assert t.path_value(Decimal(start), 2019, target, 2019) == start
    assert t.path_value(Decimal(start), 2019, target, 2030) == goal
    a = t.path_value(Decimal(start), 2019, target, year)
    b = t.path_value(Decimal(start), 2019, target, year + 1)
    assert goal <= b <= a <= start
