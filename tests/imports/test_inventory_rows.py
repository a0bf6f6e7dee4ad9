"""The rules of an emissions inventory's rows (imports/inventory_rows.py), as tables: scope
rows, total rows and what they cover, words for no figure, tonnes with units."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pytest

from plantracker.imports import inventory_rows as rows
from plantracker.imports.inventory_rows import Kind, Line


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Scope 1", "1"),
        ("SCOPE 3", "3"),
        ("scope  2", "2"),
        ("Scope 2 – indirect emissions from electricity", "2"),
        ("Scope 1: direct emissions", "1"),
        ("Scope 3 (other indirect)", "3"),
        ("Scope 1 emissions", "1"),
        ("Outside of scopes", "outside"),
        ("Out of scope", "outside"),
        ("Scope 3 business travel", None),  # a source's name, not a scope row
        ("Scope 1 total", None),  # a total
        ("Scope 4", None),
        ("Scope 12", None),
        ("Buildings", None),
        ("", None),
    ],
)
def test_scope_named(text: str, scope: str | None) -> None:
    assert rows.scope_named(text) == scope


@pytest.mark.parametrize(
    ("text", "kind", "scopes"),
    [
        ("Total", Kind.TOTAL, ""),
        ("TOTAL", Kind.TOTAL, ""),
        ("Total emissions (tCO2e)", Kind.TOTAL, ""),
        ("Total:", Kind.TOTAL, ""),
        ("Sub-total", Kind.SUBTOTAL, ""),
        ("Subtotal", Kind.SUBTOTAL, ""),
        ("Sub total", Kind.SUBTOTAL, ""),
        ("Overall", Kind.GRAND_TOTAL, ""),
        ("Grand total", Kind.GRAND_TOTAL, ""),
        ("Grand Total emissions", Kind.GRAND_TOTAL, ""),
        ("Total Scope 1", Kind.SCOPE_TOTAL, "1"),
        ("Scope 1 total", Kind.SCOPE_TOTAL, "1"),
        ("Scope 2 sub-total", Kind.SCOPE_TOTAL, "2"),
        ("Total scope 1 and 2", Kind.SCOPE_TOTAL, "12"),
        ("Scope 1 & 2 total", Kind.SCOPE_TOTAL, "12"),
        ("Total for scopes 1, 2 and 3", Kind.SCOPE_TOTAL, "123"),
    ],
)
def test_total_of(text: str, kind: Kind, scopes: str) -> None:
    assert rows.total_of(text) == rows.TotalName(kind, frozenset(scopes))


@pytest.mark.parametrize("text", ["Total gas", "Totally electric fleet", "Scope 1", "Buildings"])
def test_not_a_total(text: str) -> None:
    assert rows.total_of(text) is None


@pytest.mark.parametrize(
    "text",
    ["", "  ", "Not recorded", "No data", "n/a", "N/A", "-", "–", "—", "TBC", "not measured",
     "Not measured.", "NOT RECORDED"],
)  # fmt: skip
def test_words_for_no_figure(text: str) -> None:
    assert rows.is_no_figure(text)


@pytest.mark.parametrize("text", ["0", "nil", "1,234", "Gas"])
def test_not_words_for_no_figure(text: str) -> None:
    assert not rows.is_no_figure(text)  # 0 is a figure: nothing emitted


@pytest.mark.parametrize(
    ("text", "tonnes"),
    [
        ("1,234", "1234"),
        ("1,234 t", "1234"),
        ("1,234.5 tCO2e", "1234.5"),
        ("12 tonnes CO2e", "12"),
        ("1 234 t", "1234"),
        ("-300", "-300"),
        ("−300", "-300"),
        ("0", "0"),
        ("5800.5", "5800.5"),
    ],
)
def test_tonnes(text: str, tonnes: str) -> None:
    assert rows.tonnes(text) == Decimal(tonnes)


@pytest.mark.parametrize("text", ["lots", "t", "1 2", "1e400", "NaN", "12 kg"])
def test_not_tonnes(text: str) -> None:
    with pytest.raises(InvalidOperation):
        rows.tonnes(text)


@pytest.mark.parametrize(
    ("heading", "year"),
    [
        ("2018/19", "2018-19"),
        ("2018-19 (tCO2e)", "2018-19"),
        ("FY 2019/20 tonnes CO2e", "2019-20"),
        ("Emissions 2020/21", "2020-21"),
        ("2021", None),  # a calendar year is not an inventory year
        ("Total", None),
        ("", None),
    ],
)
def test_year_heading(heading: str, year: str | None) -> None:
    assert rows.year_heading(heading) == year


def test_label_column_under_a_blank_heading() -> None:
    assert rows.label_column(["", "2018/19", "2019/20"]) == 0
    assert rows.label_column(["", "2018/19"]) == 0
    assert rows.label_column(["Emissions (tonnes CO2e)", "2018/19", "2019/20"]) == 0
    assert rows.label_column(["Reporting year", "2022/23"]) is None  # a line above the table
    assert rows.label_column(["Source", "Scope"]) is None
    assert rows.label_column(["2018/19", "2019/20"]) is None
    assert rows.label_column([]) is None


def lines(*spec: tuple[str, dict[str, int]]) -> list[Line]:
    return [
        Line(n, label, {p: Decimal(v) for p, v in figures.items()})
        for n, (label, figures) in enumerate(spec, start=2)
    ]


Y = "2022-23"


def test_scope_rows_give_their_scope_to_the_rows_below() -> None:
    placed = rows.place(lines(
        ("Scope 1", {}), ("Gas", {Y: 10}), ("Fleet", {Y: 5}),
        ("Scope 2 – electricity", {}), ("Electricity", {Y: 7}),
    ))  # fmt: skip
    assert [(p.line.label, p.kind, p.scope) for p in placed] == [
        ("Scope 1", Kind.HEADING, "1"), ("Gas", Kind.SOURCE, "1"), ("Fleet", Kind.SOURCE, "1"),
        ("Scope 2 – electricity", Kind.HEADING, "2"), ("Electricity", Kind.SOURCE, "2"),
    ]  # fmt: skip


def test_a_row_s_own_scope_wins_over_the_heading() -> None:
    placed = rows.place([Line(2, "Scope 1", {}), Line(3, "Grid electricity", {}, scope="2")])
    assert placed[1].scope == "2"


def test_scope_rows_with_figures_are_totals_or_the_scopes_own_figures() -> None:
    with_sources = rows.place(lines(("Scope 1", {Y: 15}), ("Gas", {Y: 10}), ("Oil", {Y: 5})))
    assert with_sources[0].kind is Kind.SCOPE_TOTAL
    assert [c.agrees for c in rows.checks(with_sources)] == [True]
    alone = rows.place(lines(("Scope 1", {Y: 15}), ("Scope 2", {Y: 5}), ("Total", {Y: 20})))
    assert [p.kind for p in alone] == [Kind.SCOPE_FIGURE, Kind.SCOPE_FIGURE, Kind.TOTAL]
    assert [(c.rows, c.agrees) for c in rows.checks(alone)] == [((2, 3), True)]


def test_sub_totals_then_a_total_of_everything() -> None:
    placed = rows.place(lines(
        ("Scope 1", {}), ("Gas", {Y: 10}), ("Fleet", {Y: 5}), ("Sub-total", {Y: 15}),
        ("Scope 2", {}), ("Electricity", {Y: 7}), ("Subtotal", {Y: 8}),
        ("Total", {Y: 22}),
    ))  # fmt: skip
    found = [(c.row, c.rows, c.summed, c.agrees) for c in rows.checks(placed)]
    assert found == [
        (5, (3, 4), 15, True),
        (8, (7,), 7, False),  # the sub-total says 8: a finding
        (9, (3, 4, 7), 22, True),
    ]


def test_a_total_closing_each_scope_then_a_grand_total() -> None:
    placed = rows.place(lines(
        ("Scope 1", {}), ("Gas", {Y: 10}), ("Total", {Y: 10}),
        ("Scope 2", {}), ("Electricity", {Y: 7}), ("Total", {Y: 7}),
        ("Grand total", {Y: 17}),
    ))  # fmt: skip
    assert [(c.rows, c.agrees) for c in rows.checks(placed)] == [
        ((3,), True), ((6,), True), ((3, 6), True),
    ]  # fmt: skip


def test_a_total_at_the_end_of_one_scope_of_several() -> None:
    """'Total' closing scope 2's rows, with scope 1 above it: it covers its section."""
    placed = rows.place(lines(
        ("Scope 1", {}), ("Gas", {Y: 10}), ("Scope 2", {}), ("Electricity", {Y: 7}),
        ("Total", {Y: 7}),
    ))  # fmt: skip
    assert [(c.rows, c.agrees) for c in rows.checks(placed)] == [((5,), True)]


def test_scope_totals_cover_their_scopes_wherever_they_are() -> None:
    placed = rows.place([
        Line(2, "Gas", {Y: Decimal(10)}, scope="1"), Line(3, "Power", {Y: Decimal(7)}, scope="2"),
        Line(4, "Fleet", {Y: Decimal(5)}, scope="1"), Line(5, "Total scope 1", {Y: Decimal(15)}),
        Line(6, "Scope 1 and 2 total", {Y: Decimal(22)}),
    ])  # fmt: skip
    assert [(c.rows, c.agrees) for c in rows.checks(placed)] == [
        ((2, 4), True), ((2, 3, 4), True),
    ]  # fmt: skip


@pytest.mark.parametrize(("given", "agrees"), [(15, True), ("16.5", True), (17, False)])
def test_rounding_to_whole_tonnes_is_allowed(given: object, agrees: bool) -> None:
    """Three figures and their total, each rounded: up to 1.5 t apart is rounding."""
    placed = rows.place(lines(
        ("Gas", {Y: 5}), ("Oil", {Y: 5}), ("Fleet", {Y: 5}), ("Total", {Y: given}),  # type: ignore[dict-item]
    ))  # fmt: skip
    assert [c.agrees for c in rows.checks(placed)] == [agrees]


def test_no_figure_is_not_zero_in_a_total() -> None:
    """A source with no figure for a year adds nothing, and a total with none is not checked."""
    placed = rows.place(lines(("Gas", {Y: 5}), ("Oil", {}), ("Total", {Y: 5, "2023-24": 1})))
    assert [(c.period, c.summed, c.agrees) for c in rows.checks(placed)] == [
        (Y, 5, True), ("2023-24", 0, False),
    ]  # fmt: skip
    assert rows.checks(rows.place(lines(("Gas", {Y: 5}), ("Total", {})))) == []


def test_text_under_a_total_is_a_note() -> None:
    placed = rows.place([Line(2, "Gas", {Y: Decimal(5)}), Line(3, "Total", {Y: Decimal(5)}),
                         Line(4, "Figures are provisional.", {}, only_label=True)])  # fmt: skip
    assert placed[2].kind is Kind.NOTE
    # …but a scope row after a total starts the next section,
    after = rows.place([Line(2, "Total", {}), Line(3, "Scope 2", {}, only_label=True),
                        Line(4, "Power", {}, only_label=True)])  # fmt: skip
    assert [(p.kind, p.scope) for p in after[1:]] == [(Kind.HEADING, "2"), (Kind.SOURCE, "2")]
    # …and a source with no figure yet, above the total, is a source.
    first = rows.place([Line(2, "Farming", {}, only_label=True)])
    assert first[0].kind is Kind.SOURCE


def test_rows_text() -> None:
    assert rows.rows_text([3, 4, 5, 8]) == "rows 3–5, 8"
    assert rows.rows_text([7]) == "row 7"
    assert rows.rows_text([]) == "no rows"
