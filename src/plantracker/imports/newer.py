"""An export imported after it was made: which of the values it would change were changed
in Plan Tracker since (from the history records), and texts the Excel export had to cut.

An old export must never silently clear or revert a newer value, and a cut text must never
replace the whole one (docs/importing.md, "Importing again").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from plantracker.plans.models import Action, Plan
from plantracker.updates.models import ProgressUpdate

from .about import CUT_NOTE
from .normalise import clean_text

# What the Excel export appends to a text it cut; read back through normalise.clean.
CUT_MARK = CUT_NOTE.strip()


def is_cut(value: object) -> bool:
    """Does this cell hold a text the Excel export cut to fit (it ends with CUT_NOTE)?"""
    return isinstance(value, str) and value.endswith(CUT_MARK)


@dataclass(frozen=True)
class Since:
    """An action as it stood when the file was exported, and when it last changed after."""

    then: dict[str, object] | None  # None: the action did not exist yet
    changed_at: datetime


def changed_since(plan: Plan, refs: list[str], when: datetime) -> dict[str, Since]:
    """The actions among `refs` changed after `when`: each with its values as of `when`.

    Reads each action's history once: the last record at or before `when` is the action as
    the export saw it; a later record means it may have changed since."""
    if not refs:
        return {}
    rows = Action.history.filter(plan_id=plan.pk, ref__in=refs).order_by(
        "history_date", "history_id"
    )
    before: dict[int, object] = {}
    after: dict[int, tuple[datetime, str]] = {}
    for row in rows.select_related("theme"):
        if row.history_date <= when:
            before[row.id] = row
        else:
            after[row.id] = (row.history_date, row.ref)
    links = _links([h.history_id for h in before.values()])  # type: ignore[attr-defined]
    out: dict[str, Since] = {}
    for action_id, (changed_at, ref) in after.items():
        row = before.get(action_id)
        then = None
        if row is not None and row.history_type != "-":  # type: ignore[attr-defined]
            then = _state(row, links.get(row.history_id, {}))  # type: ignore[attr-defined]
        out[ref] = Since(then, changed_at)
    return out


def _links(history_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Each history record's partners (names) and objectives (codes)."""
    out: dict[int, dict[str, list[str]]] = {
        h: {"partners": [], "objectives": []} for h in history_ids
    }
    model = Action.history.model
    for name, label in (("partners", "partner__name"), ("objectives", "objective__code")):
        through = model._meta.get_field(f"historicalaction_{name}").related_model
        pairs = through.objects.filter(history_id__in=history_ids).values_list("history_id", label)
        for history_id, value in pairs:
            out[history_id][name].append(value)
    return out


def _state(row: object, links: dict[str, list[str]]) -> dict[str, object]:
    """A history record as the import's state of an action (services.action_state)."""

    def get(name: str) -> object:
        return getattr(row, name)

    score, tonnes = get("recorded_score"), get("estimated_tco2e")
    return {
        "title": get("title"),
        "theme": getattr(get("theme"), "name", None),
        "role": get("role"), "scope": get("scope"), "lead": get("lead"),
        "partners": sorted(links.get("partners", [])),
        "timescale": get("timescale"), "start": get("start"), "end": get("end"),
        "cost": get("cost"), "carbon": get("carbon"),
        "recorded_score": None if score is None else Decimal(str(score)),
        "stage": get("stage"), "rag": get("rag"),
        "objectives": sorted(links.get("objectives", [])),
        "owner": get("owner"),
        "estimated_tco2e": None if tonnes is None else Decimal(str(tonnes)),
    }  # fmt: skip


def updates_changed_since(plan: Plan, when: datetime) -> dict[tuple[str, str], Since]:
    """The plan's updates changed after `when`, by (action ref, period label): each with its
    text, stage and RAG as of `when` (None if it did not exist yet)."""
    history = ProgressUpdate.history.filter(action__plan_id=plan.pk)
    since = history.filter(history_date__gt=when).values("id")  # few: read only their history
    rows = (
        history.filter(id__in=since)
        .select_related("action", "period")
        .order_by("history_date", "history_id")
    )
    before: dict[int, dict[str, object] | None] = {}
    after: dict[int, tuple[datetime, tuple[str, str]]] = {}
    for row in rows:
        if row.history_date <= when:
            gone = row.history_type == "-"
            before[row.id] = None if gone else {
                "text": clean_text(row.narrative), "stage": row.stage, "rag": row.rag
            }  # fmt: skip
        else:
            after[row.id] = (row.history_date, (row.action.ref, row.period.label))
    return {key: Since(before.get(pk), changed_at) for pk, (changed_at, key) in after.items()}


def what_it_does(current: object, then: object, file_value: object) -> str:
    """How the file's value would treat a newer one: clear it, revert it, or replace it."""
    if file_value in (None, "", []):
        return "clear"
    if file_value == then:
        return "revert"
    return "replace"
