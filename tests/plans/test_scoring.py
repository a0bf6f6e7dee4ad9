from decimal import Decimal

import pytest

from plantracker.plans import scoring
from plantracker.plans.scoring import DEFAULT_WEIGHTS, Weights, explain, score


@pytest.mark.parametrize(
    ("timescale", "cost", "carbon", "expected"),
    [
        ("S", "L", "L", "9"),  # C1
        ("S", "L", "M", "18"),  # C2
        ("S", "M", "L", "6"),  # C4
        ("S/M", "L", "L", "7.5"),  # C11
        ("S", "M", "M", "12"),  # C13
        ("M", "L", "M", "12"),  # C18
        ("M/L", "L", "L", "4.5"),  # C21
        ("M", "L", "L", "6"),  # C6 and C15: the sheet records 4
        ("L", "H", "L", "1"),
        ("S", "L", "H", "27"),
    ],
)
def test_score_follows_the_rule(timescale: str, cost: str, carbon: str, expected: str) -> None:
    assert score(timescale, cost, carbon, DEFAULT_WEIGHTS) == Decimal(expected)


@pytest.mark.parametrize("missing", [(None, "L", "L"), ("S", None, "L"), ("S", "L", "")])
def test_no_score_without_all_three_inputs(missing: tuple[str | None, ...]) -> None:
    result = explain(*missing, DEFAULT_WEIGHTS)
    assert result.score is None
    assert result.sum_text.startswith("No score:")


def test_range_takes_the_mean_of_its_ends_and_says_so() -> None:
    result = explain("S/M", "L", "L", DEFAULT_WEIGHTS)
    assert result.factors[0].value == Decimal("2.5")
    assert "mean of S (3) and M (2) = 2.5" in result.factors[0].working
    assert result.sum_text == "2.5 × 3 × 1 = 7.5"


def test_weights_are_data() -> None:
    weights = Weights.from_mappings(
        {"S": 5, "M": 3, "L": 1}, {"L": 3, "M": 2, "H": 1}, {"L": 1, "M": 2, "H": 3}
    )
    assert score("S/M", "L", "L", weights) == Decimal(12)


def test_unknown_band_gives_no_score() -> None:
    assert score("X", "L", "L", DEFAULT_WEIGHTS) is None


@pytest.mark.parametrize(
    ("recorded", "computed", "disagree"),
    [
        (Decimal(4), Decimal(6), True),
        (Decimal(9), Decimal(9), False),
        (None, Decimal(6), False),
        (Decimal(4), None, False),
    ],
)
def test_disagreement(recorded: Decimal | None, computed: Decimal | None, disagree: bool) -> None:
    assert scoring.scores_disagree(recorded, computed) is disagree
