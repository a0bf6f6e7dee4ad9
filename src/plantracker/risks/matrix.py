"""Risk scoring matrices: how impact and likelihood make a score, and what the score is called.

A register's matrix is data: the scale (1–5, 1–3…), the method (impact × likelihood, or their
sum), which end of the scale is the worst, and named bands of scores. The default is the common
5×5 product where 25 is the highest risk; the Youth Justice Plan scores 1–3 with 1 the highest.
No Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Method(StrEnum):
    PRODUCT = "product"
    SUM = "sum"


SIGN = {Method.PRODUCT: "×", Method.SUM: "+"}
METHOD_TEXT = {Method.PRODUCT: "impact × likelihood", Method.SUM: "impact + likelihood"}


@dataclass(frozen=True)
class Band:
    name: str
    low: int
    high: int


DEFAULT_BANDS = (Band("Low", 1, 4), Band("Medium", 5, 12), Band("High", 15, 25))


@dataclass(frozen=True)
class Matrix:
    scale: int = 5
    method: Method = Method.PRODUCT
    one_is_highest: bool = False  # True on scales where 1 is the highest risk
    bands: tuple[Band, ...] = field(default=DEFAULT_BANDS)

    @classmethod
    def from_settings(
        cls, scale: int, method: str, one_is_highest: bool, bands: Iterable[Mapping[str, Any]]
    ) -> Matrix:
        return cls(
            scale=scale,
            method=Method(method),
            one_is_highest=one_is_highest,
            bands=tuple(Band(str(b["name"]), int(b["low"]), int(b["high"])) for b in bands),
        )

    def score(self, impact: int, likelihood: int) -> int:
        if self.method is Method.SUM:
            return impact + likelihood
        return impact * likelihood

    def other_score(self, impact: int, likelihood: int) -> int:
        """What the other method would give: used to explain a disagreeing recorded score."""
        return impact * likelihood if self.method is Method.SUM else impact + likelihood

    def in_scale(self, value: int) -> bool:
        return 1 <= value <= self.scale

    def band(self, score: int | None) -> Band | None:
        if score is None:
            return None
        for b in self.bands:
            if b.low <= score <= b.high:
                return b
        return None

    def severity(self, score: int) -> int:
        """Bigger is worse, whatever the scale's direction: for sorting "top risks"."""
        return -score if self.one_is_highest else score

    def band_rank(self, band: Band | None) -> int:
        """0 for the least severe band."""
        if band is None:
            return -1
        ordered = sorted(self.bands, key=lambda b: self.severity(b.low))
        return ordered.index(band)

    def worst_first(self) -> list[int]:
        """Scale values ordered from the highest risk down (for the heat map's axes)."""
        values = list(range(1, self.scale + 1))
        return values if self.one_is_highest else values[::-1]

    def describe(self) -> str:
        worst = "1" if self.one_is_highest else str(self.scale)
        bands = "; ".join(f"{b.name} {b.low}–{b.high}" for b in self.bands)
        return (
            f"Impact and likelihood are scored 1–{self.scale}, {worst} being the highest risk. "
            f"The score is {METHOD_TEXT[self.method]}. Bands: {bands}."
        )


@dataclass(frozen=True)
class ScoreFinding:
    ref: str
    title: str
    which: str  # "inherent" or "residual"
    impact: int
    likelihood: int
    recorded: int
    expected: int
    message: str


def check_score(
    matrix: Matrix,
    *,
    ref: str,
    title: str,
    which: str,
    impact: int | None,
    likelihood: int | None,
    recorded: int | None,
) -> ScoreFinding | None:
    """A finding when the recorded score is not what the matrix gives; None when it agrees
    or when there is nothing to compare."""
    if impact is None or likelihood is None or recorded is None:
        return None
    expected = matrix.score(impact, likelihood)
    if recorded == expected:
        return None
    other = matrix.other_score(impact, likelihood)
    other_method = Method.SUM if matrix.method is Method.PRODUCT else Method.PRODUCT
    hint = (
        f" ({recorded} is the {other_method.value}, not the {matrix.method.value})"
        if recorded == other
        else f" (neither the product nor the sum, {impact * likelihood} and {impact + likelihood})"
    )
    message = (
        f"Recorded {which} score {recorded}, but impact {impact} {SIGN[matrix.method]} "
        f"likelihood {likelihood} gives {expected}{hint}."
    )
    return ScoreFinding(ref, title, which, impact, likelihood, recorded, expected, message)


def heat_map(matrix: Matrix, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Count of risks in each (impact, likelihood) cell; every cell present, zero when empty."""
    counts = {(i, k): 0 for i in range(1, matrix.scale + 1) for k in range(1, matrix.scale + 1)}
    for impact, likelihood in pairs:
        if (impact, likelihood) in counts:
            counts[(impact, likelihood)] += 1
    return counts
