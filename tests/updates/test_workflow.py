"""The update workflow's state machine and the RAG rule, as plain functions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.updates.workflow import (
    EDITABLE,
    TRANSITIONS,
    Event,
    Status,
    WorkflowError,
    rag_worsened,
    transition,
)

STATES = [None, *Status]


def test_the_happy_path_ends_published() -> None:
    status = None
    for event in (Event.SAVE, Event.SUBMIT, Event.APPROVE, Event.PUBLISH):
        status = transition(status, event)
    assert status == Status.PUBLISHED


def test_returned_update_goes_back_to_draft_then_can_be_resubmitted() -> None:
    status = transition(Status.SUBMITTED, Event.RETURN)
    assert status == Status.RETURNED
    assert status in EDITABLE
    assert transition(status, Event.SAVE) == Status.DRAFT
    assert transition(status, Event.SUBMIT) == Status.SUBMITTED


@pytest.mark.parametrize(
    ("status", "event"),
    [
        (Status.DRAFT, Event.APPROVE),  # nothing to approve until it is submitted
        (Status.DRAFT, Event.PUBLISH),  # drafts are never published
        (Status.SUBMITTED, Event.SAVE),  # under review: the contributor waits
        (Status.PUBLISHED, Event.SAVE),  # published updates are final
        (Status.PUBLISHED, Event.RETURN),
        (Status.RETURNED, Event.APPROVE),
    ],
)
def test_forbidden_steps_say_what_is_allowed(status: Status, event: Event) -> None:
    with pytest.raises(WorkflowError, match=f"An update that is {status.value}"):
        transition(status, event)


@given(st.sampled_from(STATES), st.sampled_from(list(Event)))
def test_every_pair_is_either_a_transition_or_a_clear_refusal(
    status: Status | None, event: Event
) -> None:
    if (status, event) in TRANSITIONS:
        assert transition(status, event) in Status
    else:
        with pytest.raises(WorkflowError):
            transition(status, event)


def test_published_is_terminal_and_only_publishing_reaches_it() -> None:
    assert not [e for (s, e) in TRANSITIONS if s == Status.PUBLISHED]
    assert {e for (s, e), t in TRANSITIONS.items() if t == Status.PUBLISHED} == {Event.PUBLISH}


@pytest.mark.parametrize(
    ("old", "new", "worse"),
    [
        (None, "Red", True),  # not known → Red needs a reason
        (None, "Amber", True),
        (None, "Green", False),
        ("Green", "Amber", True),
        ("Amber", "Red", True),
        ("Red", "Amber", False),
        ("Red", "Red", False),
        ("Amber", None, False),
    ],
)
def test_rag_worsened(old: str | None, new: str | None, worse: bool) -> None:
    assert rag_worsened(old, new) is worse
