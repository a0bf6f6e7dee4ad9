"""The update workflow as plain rules: which step may follow which, and when a RAG
change needs a reason. No Django here, so the state machine is easy to test on its own.

    draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
      ▲                   │                     │
      └──save── returned ◀┴──────return─────────┘
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Event(StrEnum):
    SAVE = "save"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    PUBLISH = "publish"

    @property
    def past(self) -> str:
        return {
            "save": "Saved as draft",
            "submit": "Submitted for approval",
            "approve": "Approved",
            "return": "Returned",
            "publish": "Published",
        }[self.value]


TRANSITIONS: dict[tuple[Status | None, Event], Status] = {
    (None, Event.SAVE): Status.DRAFT,
    (None, Event.SUBMIT): Status.SUBMITTED,
    (Status.DRAFT, Event.SAVE): Status.DRAFT,
    (Status.DRAFT, Event.SUBMIT): Status.SUBMITTED,
    (Status.RETURNED, Event.SAVE): Status.DRAFT,
    (Status.RETURNED, Event.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Event.APPROVE): Status.APPROVED,
    (Status.SUBMITTED, Event.RETURN): Status.RETURNED,
    (Status.APPROVED, Event.RETURN): Status.RETURNED,
    (Status.APPROVED, Event.PUBLISH): Status.PUBLISHED,
}

EDITABLE = frozenset({None, Status.DRAFT, Status.RETURNED})
# Updates that count as done from the contributor's point of view.
DONE = frozenset({Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED})


class WorkflowError(Exception):
    """A step that the workflow does not allow; the message says why."""


def transition(current: Status | str | None, event: Event | str) -> Status:
    """The status after `event`, or WorkflowError naming what is allowed instead."""
    state = Status(current) if current else None
    step = Event(event)
    try:
        return TRANSITIONS[(state, step)]
    except KeyError:
        allowed = sorted(e.value for (s, e) in TRANSITIONS if s == state)
        where = state.label.lower() if state else "not started"
        hint = f" From {where} you can: {', '.join(allowed)}." if allowed else ""
        raise WorkflowError(
            f"An update that is {where} cannot be {step.past.lower()}.{hint}"
        ) from None


RAG_RANK = {"Green": 0, "Amber": 1, "Red": 2}


def rag_worsened(old: str | None, new: str | None) -> bool:
    """True when the RAG moves to Amber or Red from something better or from not known."""
    if new not in ("Amber", "Red"):
        return False
    if old not in RAG_RANK:
        return True
    return RAG_RANK[new] > RAG_RANK[old]
