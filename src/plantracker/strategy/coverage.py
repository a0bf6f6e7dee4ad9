"""Coverage: which parts of a strategy have work and measures behind them.

For a strategy's objectives and a plan's actions: the actions supporting each objective, the
objectives no action supports, and the actions that name no objective (or only "All", which says
nothing about which objective they serve, so it covers none). For outcomes and measures: the ones
with no KPI. No Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

ALL = "ALL"


@dataclass(frozen=True)
class ObjectiveRow:
    code: str
    text: str
    aim: str
    kind: str  # internal / external


@dataclass(frozen=True)
class ActionRow:
    ref: str
    title: str
    codes: tuple[str, ...]


@dataclass
class ObjectiveCoverage:
    objective: ObjectiveRow
    actions: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.actions)


@dataclass(frozen=True)
class Unlinked:
    ref: str
    title: str
    reason: str


@dataclass
class ActionCoverage:
    objectives: list[ObjectiveCoverage]
    unlinked: list[Unlinked]
    unknown: dict[str, list[str]]  # code not in the strategy → actions naming it

    @property
    def uncovered(self) -> list[ObjectiveRow]:
        return [c.objective for c in self.objectives if not c.actions]


def key(code: str) -> str:
    return "".join(code.split()).upper()


def action_coverage(
    objectives: Sequence[ObjectiveRow], actions: Iterable[ActionRow]
) -> ActionCoverage:
    rows = [ObjectiveCoverage(o) for o in objectives]
    by_code = {key(c.objective.code): c for c in rows}
    unlinked: list[Unlinked] = []
    unknown: dict[str, list[str]] = {}
    for action in actions:
        codes = [key(c) for c in action.codes if c.strip()]
        specific = [c for c in codes if c != ALL]
        if not codes:
            unlinked.append(Unlinked(action.ref, action.title, "names no objective"))
        elif not specific:
            unlinked.append(Unlinked(action.ref, action.title, "names only “All”"))
        for code in dict.fromkeys(specific):
            if code in by_code:
                by_code[code].actions.append(action.ref)
            else:
                unknown.setdefault(code, []).append(action.ref)
    return ActionCoverage(rows, unlinked, unknown)


@dataclass(frozen=True)
class MeasureRow:
    outcome: str
    supporting: str
    text: str
    kpis: tuple[str, ...]


def measures_without_kpi(measures: Iterable[MeasureRow]) -> list[MeasureRow]:
    return [m for m in measures if not m.kpis]
