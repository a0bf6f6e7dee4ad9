"""Reading recorded ratings, scores and status words (plantracker.risks.assessment)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.risks.assessment import (
    Assessment,
    Status,
    read_assessment,
    read_status,
    status_word,
    unplaced_sentence,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Assessment()),
        ("High", Assessment(rating="High")),
        ("Very high", Assessment(rating="Very high")),
        ("Medium-High", Assessment(rating="Medium-High")),
        ("12", Assessment(score=12)),
        (" 12 ", Assessment(score=12)),
        ("16 (Red)", Assessment(score=16, rating="Red")),
        ("Red (16)", Assessment(score=16, rating="Red")),
        ("Amber - 9", Assessment(score=9, rating="Amber")),
        ("High risk: 20", Assessment(score=20, rating="High risk")),
        ("Inactive", Assessment(status=Status.INACTIVE)),
        ("Closed", Assessment(status=Status.CLOSED)),
        ("No longer applies", Assessment(status=Status.CLOSED)),
        ("retired", Assessment(status=Status.CLOSED)),
        ("ARCHIVED", Assessment(status=Status.INACTIVE)),
    ],
)
def test_read_assessment(text: str, expected: Assessment) -> None:
    assert read_assessment(text) == expected


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("TBC", "'TBC' is not a rating Plan Tracker knows; kept as written"),
        ("12 (see note)", "'12 (see note)': 'see note' is not a rating Plan Tracker knows; "
                          "kept as written"),
        ("12.5", "'12.5': could not read one whole-number score; kept as written"),
        ("4x3=12", "'4x3=12': could not read one whole-number score; kept as written"),
        ("99999", "'99999': 99999 is too big for a score; kept as written"),
    ],
)  # fmt: skip
def test_what_is_not_understood_is_kept_as_written_with_a_note(text: str, note: str) -> None:
    found = read_assessment(text)
    assert found.note == note
    assert text in (found.rating, f"{found.score} ({found.rating})")


@given(st.text())
def test_read_assessment_never_raises_and_keeps_the_text(text: str) -> None:
    found = read_assessment(text)
    if text.strip() and found.status is None and found.score is None:
        assert found.rating == text.strip()


@given(st.text())
def test_status_readers_never_raise(text: str) -> None:
    status, note = read_status(text)
    assert (status is None and bool(text.strip())) == bool(note)
    assert status_word(text) in (None, *Status)


@pytest.mark.parametrize(
    ("text", "status"),
    [("Open", Status.OPEN), ("Active", Status.OPEN), ("Inactive", Status.INACTIVE),
     ("On hold", Status.INACTIVE), ("No longer applies", Status.CLOSED),
     ("Closed.", Status.CLOSED), ("Under review", None), ("High", None)],
)  # fmt: skip
def test_status_words(text: str, status: Status | None) -> None:
    assert status_word(text) is status


def test_unplaced_sentence() -> None:
    assert unplaced_sentence(["R4", "R7", "R9"], scored=False, rated=True) == (
        "3 risks have a recorded rating but no impact and likelihood, so they are not on the "
        "map: R4, R7, R9"
    )
    assert unplaced_sentence(["R1"], scored=True, rated=False) == (
        "1 risk has a recorded score but no impact and likelihood, so it is not on the map: R1"
    )
    assert unplaced_sentence(["A", "B"], scored=True, rated=True).startswith(
        "2 risks have a recorded score or rating but no impact"
    )
    assert unplaced_sentence(["A"], scored=False, rated=False) == (
        "1 risk has no recorded score or rating and no impact and likelihood, so it is not on "
        "the map: A"
    )
    assert unplaced_sentence([], scored=True, rated=True) == ""


def test_closed_and_inactive_risks_are_not_counted_as_high() -> None:
    from plantracker.risks.selectors import count_at_or_above

    snapshot = [
        {"current": 20, "status": "closed"},
        {"current": 16, "status": "inactive"},
        {"current": 15, "status": "open"},
        {"current": 25},  # a snapshot taken before risks had a status
        {"current": None, "status": "open"},
        {"current": 4, "status": "open"},
    ]
    assert count_at_or_above(snapshot, 15) == 2
