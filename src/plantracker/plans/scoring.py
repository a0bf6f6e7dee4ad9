"""Deliverability score: timescale × cost × carbon saving.

Pure functions, no Django. The weights are data (a plan's scoring scheme), so a council
can change them and every score is recomputed. See docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

DEFAULT_TIMESCALE = {"S": 3, "M": 2, "L": 1}
DEFAULT_COST = {"L": 3, "M": 2, "H": 1}
DEFAULT_CARBON = {"L": 1, "M": 2, "H": 3}


@dataclass(frozen=True)
class Weights:
    timescale: dict[str, Decimal] = field(default_factory=dict)
    cost: dict[str, Decimal] = field(default_factory=dict)
    carbon: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def from_mappings(
        cls,
        timescale: Mapping[str, object],
        cost: Mapping[str, object],
        carbon: Mapping[str, object],
    ) -> Weights:
        def conv(m: Mapping[str, object]) -> dict[str, Decimal]:
            return {str(k): Decimal(str(v)) for k, v in m.items()}

        return cls(conv(timescale), conv(cost), conv(carbon))


DEFAULT_WEIGHTS = Weights.from_mappings(DEFAULT_TIMESCALE, DEFAULT_COST, DEFAULT_CARBON)


@dataclass(frozen=True)
class Factor:
    """One factor of the score and how its value was reached."""

    name: str
    given: str
    value: Decimal
    working: str


@dataclass(frozen=True)
class Explanation:
    factors: tuple[Factor, ...]
    score: Decimal | None
    missing: tuple[str, ...]

    @property
    def sum_text(self) -> str:
        if self.score is None:
            return "No score: " + ", ".join(self.missing) + " not given."
        parts = " × ".join(format_number(f.value) for f in self.factors)
        return f"{parts} = {format_number(self.score)}"


def format_number(value: Decimal) -> str:
    """7.50 → '7.5', 9.0 → '9'."""
    text = format(value.normalize(), "f")
    return text


def band_value(band: str, weights: dict[str, Decimal]) -> tuple[Decimal, str]:
    """Weight of a band, or of a range such as 'S/M' (the mean of its two ends)."""
    if band in weights:
        return weights[band], f"{band} = {format_number(weights[band])}"
    ends = band.split("/")
    if len(ends) == 2 and all(e in weights for e in ends):
        low, high = (weights[e] for e in ends)
        mean = (low + high) / 2
        working = (
            f"{band} is a range: mean of {ends[0]} ({format_number(low)}) and "
            f"{ends[1]} ({format_number(high)}) = {format_number(mean)}"
        )
        return mean, working
    raise KeyError(band)


def explain(
    timescale: str | None, cost: str | None, carbon: str | None, weights: Weights
) -> Explanation:
    """Work out the score step by step; missing inputs give no score."""
    inputs = (
        ("Timescale", timescale, weights.timescale),
        ("Cost", cost, weights.cost),
        ("Carbon saving", carbon, weights.carbon),
    )
    factors: list[Factor] = []
    missing: list[str] = []
    for name, given, table in inputs:
        if not given:
            missing.append(name.lower())
            continue
        try:
            value, working = band_value(given, table)
        except KeyError:
            missing.append(name.lower())
            continue
        factors.append(Factor(name, given, value, working))
    if missing:
        return Explanation(tuple(factors), None, tuple(missing))
    score = Decimal(1)
    for f in factors:
        score *= f.value
    return Explanation(tuple(factors), score, ())


def score(
    timescale: str | None, cost: str | None, carbon: str | None, weights: Weights
) -> Decimal | None:
    return explain(timescale, cost, carbon, weights).score


def scores_disagree(recorded: Decimal | None, computed: Decimal | None) -> bool:
    """A recorded score disagrees when both exist and differ."""
    return recorded is not None and computed is not None and recorded != computed
