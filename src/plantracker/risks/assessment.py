"""Reading what a register records about a risk when it does not give impact and likelihood:
a rating ("High"), a score ("12"), both ("16 (Red)"), or a status word ("Inactive").

Pure functions, no Django. Nothing a cell holds is dropped: a rating Plan Tracker does not
know, or a score it cannot read, is kept as written with a note saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    INACTIVE = "inactive"

    @property
    def label(self) -> str:
        return self.value.capitalize()


STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        ("open", "active", "live", "current", "new", "ongoing", "on-going", "escalated"),
        Status.OPEN,
    ),
    **dict.fromkeys(
        (
            "closed",
            "close",
            "no longer applies",
            "no longer relevant",
            "no longer a risk",
            "retired",
            "removed",
            "withdrawn",
            "ceased",
            "expired",
            "complete",
            "completed",
        ),
        Status.CLOSED,
    ),
    **dict.fromkeys(
        ("inactive", "archived", "archive", "dormant", "on hold", "suspended", "not active"),
        Status.INACTIVE,
    ),
}

# Words a rating is made of: "Very high", "Medium-High", "High (Red)", "Amber risk".
RATING_WORDS = frozenset(
    {
        "very", "low", "medium", "med", "high", "critical", "severe", "major", "moderate",
        "minor", "significant", "extreme", "catastrophic", "negligible", "insignificant",
        "red", "amber", "green", "yellow", "orange", "tolerable", "acceptable", "unacceptable",
        "risk",
    }
)  # fmt: skip

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_SEPARATORS = re.compile(r"[\s()\[\]\-–—:/,;|]+")


def _key(text: str) -> str:
    return " ".join(text.lower().replace(".", " ").split())


def status_word(text: str) -> Status | None:
    """'Inactive' → INACTIVE, 'No longer applies' → CLOSED, 'Open' → OPEN; None for anything
    else (a rating, a score, an unknown word)."""
    return STATUS_WORDS.get(_key(text).strip(" -–"))


def is_rating(text: str) -> bool:
    """True for ratings made of known words: 'High', 'Very high', 'Medium-High', 'Red'."""
    words = [w for w in _SEPARATORS.split(text.lower()) if w]
    return bool(words) and all(w in RATING_WORDS for w in words)


@dataclass(frozen=True)
class Assessment:
    """What one score or rating cell says. `rating` is the text beside the score, as
    written; `note` is set when something was kept as written without being understood."""

    score: int | None = None
    rating: str = ""
    status: Status | None = None
    note: str = ""

    @property
    def empty(self) -> bool:
        return self.score is None and not self.rating and self.status is None


def read_assessment(text: str, *, high: int = 32767) -> Assessment:
    """'High' → rating; '12' → score; '16 (Red)' or 'Red - 16' → both; 'Inactive' → status.
    Anything else is kept whole as the rating, with a note. Never raises."""
    text = text.strip()
    if not text:
        return Assessment()
    status = status_word(text)
    if status is not None:
        return Assessment(status=status)
    numbers = _NUMBER.findall(text)
    if len(numbers) == 1 and numbers[0].isdigit():
        rest = _SEPARATORS.sub(" ", _NUMBER.sub(" ", text, count=1)).strip()
        score = int(numbers[0])
        if score > high:
            return Assessment(rating=text, note=f"{text!r}: {score} is too big for a score; "
                                                "kept as written")  # fmt: skip
        if not rest:
            return Assessment(score=score)
        if is_rating(rest):
            return Assessment(score=score, rating=rest)
        return Assessment(score=score, rating=rest,
                          note=f"{text!r}: {rest!r} is not a rating Plan Tracker knows; "
                               "kept as written")  # fmt: skip
    if not numbers:
        if is_rating(text):
            return Assessment(rating=text)
        return Assessment(
            rating=text, note=f"{text!r} is not a rating Plan Tracker knows; kept as written"
        )
    return Assessment(
        rating=text, note=f"{text!r}: could not read one whole-number score; kept as written"
    )


def read_status(text: str) -> tuple[Status | None, str]:
    """A status cell: (status, note). Unknown words give no status (the risk stays open) and a
    note; the words are kept as written by the caller."""
    text = text.strip()
    if not text:
        return None, ""
    found = status_word(text)
    if found is not None:
        return found, ""
    return None, (
        f"status {text!r} is not one Plan Tracker knows (open, closed, inactive); the risk "
        "is kept as open and the status as written"
    )


def unplaced_sentence(refs: list[str], *, scored: bool, rated: bool) -> str:
    """Why a heat map leaves risks off: '3 risks have a recorded rating but no impact and
    likelihood, so they are not on the map: R4, R7, R9'."""
    if not refs:
        return ""
    n = len(refs)
    what = (
        "a recorded score or rating"
        if scored and rated
        else "a recorded score"
        if scored
        else "a recorded rating"
        if rated
        else "no recorded score or rating and"
    )
    has, they, are = ("risk has", "it", "is") if n == 1 else ("risks have", "they", "are")
    link = " " if what.endswith("and") else " but "
    return (
        f"{n} {has} {what}{link}no impact and likelihood, so {they} {are} not on the map: "
        f"{', '.join(refs)}"
    )
