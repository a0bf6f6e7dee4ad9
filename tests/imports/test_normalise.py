from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.imports import normalise as norm

LOOKALIKE_M = ["м", "М", "Μ"]


@pytest.mark.parametrize(
    ("raw", "value", "noted"),
    [
        ("S", "S", False),
        ("s", "S", True),
        ("м", "M", True),
        ("М", "M", True),
        ("S/M", "S/M", False),
        ("s/m", "S/M", True),
        ("M-L", "M/L", True),
        ("I", "L", True),
        ("Short/Medium", "S/M", True),
        ("", None, False),
        ("  L ", "L", False),
    ],
)
def test_timescale(raw: str, value: str | None, noted: bool) -> None:
    result = norm.timescale(raw)
    assert result.value == value and bool(result.note) is noted


@pytest.mark.parametrize(
    ("raw", "value"), [("I", "L"), ("l", "L"), ("м", "M"), ("H", "H"), ("High", "H"), ("1", "L")]
)
def test_rating(raw: str, value: str) -> None:
    assert norm.rating(raw).value == value


@pytest.mark.parametrize("raw", ["X", "LM", "S/L/M", "very"])
def test_rating_rejects(raw: str) -> None:
    with pytest.raises(norm.Unreadable):
        norm.rating(raw)


def test_stage_and_rag_vocabularies() -> None:
    assert norm.stage("Competed").value == "Completed"
    assert norm.stage("In delivery").value == "Delivery"
    assert norm.rag("Orange").value == "Amber"
    assert norm.rag("").value is None
    with pytest.raises(norm.Unreadable, match="Green, Amber or Red"):
        norm.rag("Blue")


def test_reference_lookalikes() -> None:
    result = norm.reference("СЗ")
    assert result.value == "C3" and "look-alike" in result.note


def test_objectives() -> None:
    codes = norm.objective_codes("A1, A2, E1, E1")
    assert codes.codes == ("A1", "A2", "E1") and codes.duplicates == ("E1",)
    assert norm.objective_codes("All").codes == ("All",)
    assert norm.objective_codes("1, 2, 5").codes == ("1", "2", "5")
    assert norm.objective_codes("A1,A2").codes == ("A1", "A2")
    assert norm.objective_codes("G1, ??").malformed == ("??",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Apr-20", date(2020, 4, 1)),
        ("Mar-24", date(2024, 3, 1)),
        ("April 2020", date(2020, 4, 1)),
        ("2020-04", date(2020, 4, 1)),
        ("04/2020", date(2020, 4, 1)),
        ("Sept 21", date(2021, 9, 1)),
        ("15/04/2020", date(2020, 4, 1)),
        (date(2020, 4, 17), date(2020, 4, 1)),
    ],
)
def test_month(raw: object, expected: date) -> None:
    assert norm.month(raw).value == expected


def test_split_heading() -> None:
    assert norm.join_split_heading(["Enabling Acti", "ion"]).value == "Enabling Action"
    assert norm.join_split_heading(["Transport", "Travel"]).value == "Transport Travel"
    assert norm.join_split_heading(["Engagement"]).note == ""


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [
        ("FFFF0000", "Red"),
        ("FFC000", "Amber"),
        ("FF00B050", "Green"),
        ("FFFFFF", None),
        ("92D050", "Green"),
        ("FFA500", "Amber"),
        (None, None),
    ],
)
def test_rag_from_fill(rgb: str | None, rag: str | None) -> None:
    assert norm.rag_from_fill(rgb) == rag


PARSERS = [
    norm.timescale,
    norm.rating,
    norm.role,
    norm.scope,
    norm.stage,
    norm.rag,
    norm.score,
    norm.month,
    norm.reference,
    norm.tonnes,
]


@given(st.sampled_from(PARSERS), st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_message(parser, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        parser(text)
    except norm.Unreadable as exc:
        message = str(exc)
    else:
        return
    assert message


def _variants(word: str) -> st.SearchStrategy[str]:
    swaps = {"M": LOOKALIKE_M, "S": ["s", "Ѕ"], "L": ["l", "I"], "H": ["h", "Н"]}

    def build(choices: list[str]) -> str:
        return "".join(choices)

    return st.tuples(*[st.sampled_from([c, *swaps.get(c, [])]) for c in word]).map(
        lambda t: build(list(t))
    )


@given(
    st.sampled_from(["S", "M", "L", "S/M", "M/L"]).flatmap(
        lambda v: st.tuples(st.just(v), _variants(v), st.sampled_from(["", " ", "\u00a0"]))
    )
)
def test_timescale_lookalikes_always_normalise(case: tuple[str, str, str]) -> None:
    value, typed, pad = case
    result = norm.timescale(pad + typed + pad)
    assert result.value == value
    assert bool(result.note) == (typed != value)


@given(st.sampled_from(["L", "M", "H"]).flatmap(lambda v: st.tuples(st.just(v), _variants(v))))
def test_rating_lookalikes_always_normalise(case: tuple[str, str]) -> None:
    value, typed = case
    assert norm.rating(typed).value == value


@given(
    st.lists(st.sampled_from(["A1", "B2", "C3", "1", "2", "All"]), min_size=1, max_size=8),
    st.sampled_from([", ", ",", "; ", " "]),
)
def test_objective_codes_deduplicate(codes: list[str], sep: str) -> None:
    result = norm.objective_codes(sep.join(codes))
    assert list(result.codes) == list(dict.fromkeys(codes))
    assert len(result.codes) + len(result.duplicates) == len(codes)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Transport and travel", True),
        ("3. Buildings", True),
        ("1. Buildings & Energy", True),
        ("Energy", True),
        ("Air", True),
        ("ICT", True),
        ("Enabling Acti", True),  # the first half of a split heading
        ("Section 4", True),
        ("a", False),
        ("B", False),
        ("x", False),
        ("12", False),  # a page number left by a copy from PDF
        ("3.", False),
        ("T-3", False),
        ("EN1", False),
        ("A1.2", False),
        ("iv", False),
        ("EV", False),
        ("n/a", False),
        ("TBC", False),
        ("", False),
    ],
)
def test_reads_like_heading(text: str, heading: bool) -> None:
    assert norm.reads_like_heading(text) is heading


def test_long_text_keeps_its_lines() -> None:
    assert norm.long_text("  100 homes \r\n\n  20\u00a0schools  \n") == "100 homes\n\n20 schools"
    assert norm.long_text(None) == ""
