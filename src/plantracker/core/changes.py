"""What an edit changed, and the refusal of an edit made from an out-of-date page: shared by
every record people change on their pages (actions, KPIs, risks). Each domain says how its
values read (`shown`); the conflict page lists `theirs`, the changes the person missed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


def shown(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return str(value)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: Any
    new: Any

    @staticmethod
    def shown(value: Any) -> str:
        return shown(value)

    @property
    def old_text(self) -> str:
        return self.shown(self.old)

    @property
    def new_text(self) -> str:
        return self.shown(self.new)


class EditConflict(Exception):
    """Someone saved the record after the version the person's page showed."""

    def __init__(self, record: Any, what: str, theirs: Iterable[Change] = ()) -> None:
        last = record.history.order_by("-history_date").first()
        who = getattr(getattr(last, "history_user", None), "username", None) or "Someone"
        super().__init__(
            f"{who} changed this {what} while you were editing it. Your changes were not "
            "saved. Check what they changed, then make your changes again."
        )
        self.theirs = list(theirs)
