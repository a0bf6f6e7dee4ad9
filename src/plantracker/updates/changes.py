"""What changed between two snapshots of a plan. Plain functions over snapshot data
(see snapshots.py for its shape), so a change report can be rebuilt at any time from the
stored snapshots alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diff import Segment, changed, word_diff
from .workflow import RAG_RANK, rag_worsened

NOT_KNOWN = "Not known"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any
    # "slipped", "brought forward", "worse", "better" or "" when the direction means nothing.
    direction: str = ""

    @property
    def old_text(self) -> str:
        return _show(self.old)

    @property
    def new_text(self) -> str:
        return _show(self.new)


@dataclass
class ActionChange:
    ref: str
    title: str
    theme: str | None
    fields: list[FieldChange] = field(default_factory=list)
    title_diff: list[Segment] | None = None
    narrative_diff: list[Segment] | None = None
    rag_reason: str = ""

    @property
    def narrative_changed(self) -> bool:
        return self.narrative_diff is not None


@dataclass
class ChangeReport:
    before: str
    after: str
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changed: list[ActionChange]
    unchanged: int
    withdrawn: list[dict[str, Any]] = field(default_factory=list)  # since `before`
    restored: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.withdrawn or self.restored)

    def slipped(self) -> list[tuple[ActionChange, FieldChange]]:
        return [(c, f) for c in self.changed for f in c.fields if f.direction == "slipped"]


def _show(value: Any) -> str:
    if value is None or value == "":
        return NOT_KNOWN
    return str(value)


def effective_end(action: dict[str, Any]) -> str | None:
    """The end month that now applies: the revised one when an update revised it."""
    return action.get("revised_end") or action.get("end")


def _rag_direction(old: str | None, new: str | None) -> str:
    if rag_worsened(old, new):
        return "worse"
    if old in RAG_RANK and new in RAG_RANK and RAG_RANK[new] < RAG_RANK[old]:
        return "better"
    return ""


def compare_actions(before: dict[str, Any], after: dict[str, Any]) -> ActionChange | None:
    change = ActionChange(ref=after["ref"], title=after["title"], theme=after.get("theme"))
    if before["title"] != after["title"]:
        change.title_diff = word_diff(before["title"], after["title"])
    for key, label in (("stage", "Stage"), ("rag", "RAG")):
        if before.get(key) != after.get(key):
            direction = _rag_direction(before.get(key), after.get(key)) if key == "rag" else ""
            change.fields.append(
                FieldChange(key, label, before.get(key), after.get(key), direction)
            )
    old_end, new_end = effective_end(before), effective_end(after)
    if old_end != new_end:
        direction = ""
        if old_end and new_end:
            direction = "slipped" if new_end > old_end else "brought forward"
        change.fields.append(FieldChange("end", "End date", old_end, new_end, direction))
    if before.get("score") != after.get("score"):
        change.fields.append(FieldChange("score", "Score", before.get("score"), after.get("score")))
    # Compared as typed; each report draws the marked-up words without the formatting marks.
    narrative = word_diff(before.get("narrative") or "", after.get("narrative") or "")
    if changed(narrative):
        change.narrative_diff = narrative
    if change.fields or change.title_diff or change.narrative_diff:
        change.rag_reason = after.get("rag_reason") or ""
        return change
    return None


def compare(before: dict[str, Any], after: dict[str, Any]) -> ChangeReport:
    old = {a["ref"]: a for a in before["actions"]}
    new = {a["ref"]: a for a in after["actions"]}
    changes = []
    unchanged = 0
    withdrawn, restored = [], []
    for ref, action in new.items():
        if ref not in old:
            continue
        was, now = old[ref].get("withdrawn"), action.get("withdrawn")
        if now and not was:
            withdrawn.append(action)
            continue
        if was and not now:
            restored.append(action)
        c = compare_actions(old[ref], action)
        if c is None:
            unchanged += 1
        else:
            changes.append(c)
    return ChangeReport(
        before=before["label"],
        after=after["label"],
        added=[a for ref, a in new.items() if ref not in old],
        removed=[a for ref, a in old.items() if ref not in new],
        changed=changes,
        unchanged=unchanged,
        withdrawn=withdrawn,
        restored=restored,
    )
