"""An export imported after it was made: which of the values it would change were changed
in Plan Tracker since (from the history records), and texts the Excel export had to cut.

An old export must never silently clear or revert a newer value, and a cut text must never
replace the whole one (docs/importing.md, "Importing again").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from plantracker.plans.models import Action, Plan
from plantracker.updates.models import ProgressUpdate

from . import messages
from .about import CUT_NOTE
from .normalise import clean_text

if TYPE_CHECKING:
    from .services import ActionChange, ImportReport

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


def cut_texts_kept(report: ImportReport, desired: dict[str, dict[str, object]]) -> None:
    """A text the Excel export cut never replaces the whole text: the action keeps it."""
    for change in report.actions:
        for name, have, want in list(change.changes):
            if is_cut(want) and have:
                _keep_value(change, desired[change.ref], name)
                report.warnings.append(messages.CUT_TEXT_KEPT.format(ref=change.ref, field=name))


def newer_kept(
    report: ImportReport,
    plan: Plan,
    desired: dict[str, dict[str, object]],
    exported: datetime,
    *,
    overwrite: bool,
) -> None:
    """Values the file would change that were changed in Plan Tracker after the file was
    exported: each listed, and kept unless `overwrite`."""
    changing = {c.ref: c for c in report.actions if c.kind == "change"}
    since = changed_since(plan, list(changing), exported)
    for ref, was in since.items():
        change = changing[ref]
        for name, have, want in list(change.changes):
            then = was.then.get(name) if was.then is not None else None
            if was.then is not None and then == have:
                continue  # not changed since the export: the file's value is the editor's
            line = (messages.NEWER_OVERWRITTEN if overwrite else messages.NEWER_KEPT).format(
                ref=ref,
                field=name,
                changed=_utc(was.changed_at),
                exported=_utc(exported),
                verb=what_it_does(have, then, want),
                current=shown(have),
                file=shown(want),
            )
            report.warnings.append(line)
            report.newer_values += 1
            if not overwrite:
                _keep_value(change, desired[ref], name)


def newer_update_kept(
    report: ImportReport,
    want: dict[str, object],
    have: dict[str, object],
    was: Since,
    ref: str,
    label: str,
    exported: datetime | None,
    *,
    overwrite: bool,
) -> None:
    """An update's text, stage or RAG changed after the export: kept unless `overwrite`."""
    assert exported is not None
    for name in [k for k, v in want.items() if have.get(k) != v]:
        then = was.then.get(name) if was.then is not None else None
        if was.then is not None and then == have.get(name):
            continue
        report.warnings.append(
            (messages.NEWER_OVERWRITTEN if overwrite else messages.NEWER_KEPT).format(
                ref=ref,
                field=f"{label} {UPDATE_FIELDS[name]}",
                changed=_utc(was.changed_at),
                exported=_utc(exported),
                verb=what_it_does(have.get(name), then, want[name]),
                current=shown(have.get(name)),
                file=shown(want[name]),
            )
        )
        report.newer_values += 1
        if not overwrite:
            want[name] = have.get(name)


UPDATE_FIELDS = {"text": "Update", "stage": "Stage", "rag": "RAG"}


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%d %b %Y %H:%M UTC")


def _keep_value(change: ActionChange, want: dict[str, object], name: str) -> None:
    """The action keeps its value of `name`: the file's is neither compared nor written."""
    change.changes = [c for c in change.changes if c[0] != name]
    want.pop(name, None)
    if not change.changes:
        change.kind = "same"


def shown(value: object) -> str:
    """A value as a warning quotes it: short, and "(empty)" for nothing."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if hasattr(value, "strftime"):
        return value.strftime("%b %Y")  # type: ignore[no-any-return]
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")
