"""Reads of plans and actions for pages, the API and commands."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from plantracker.core import strict, visibility
from plantracker.updates.models import ProgressUpdate

from .models import Action, Finding, Plan
from .vocab import RAG, Role, Scope, Stage, Timescale

UNKNOWN = "unknown"
SORTS = {"ref": "Reference", "score": "Score (highest first)", "stage": "Stage"}


def plan_list(*, user: AbstractBaseUser | AnonymousUser | None = None) -> QuerySet[Plan]:
    """Published plans for everyone; drafts too for people with a role on them."""
    return Plan.objects.select_related("organisation").filter(visibility.plans(user))


def plan_get(*, slug: str, user: AbstractBaseUser | AnonymousUser | None = None) -> Plan | None:
    return plan_list(user=user).filter(slug=slug).first()


# Filters that take several values (?rag=Red&rag=Amber): an action matches any of them.
MULTI = ("theme", "stage", "rag")


@dataclass
class ActionFilters:
    theme: tuple[str, ...] = ()
    objective: str = ""
    role: str = ""
    scope: str = ""
    stage: tuple[str, ...] = ()
    rag: tuple[str, ...] = ()
    timescale: str = ""
    lead: str = ""
    partner: str = ""
    q: str = ""
    past_end: str = ""  # "yes": only actions past their end date and not completed
    sort: str = "ref"

    @classmethod
    def from_query(cls, query: Any) -> ActionFilters:
        """From a query string (a QueryDict, where a filter may be given several times) or a
        plain dict (the API's), where a several-valued filter is a string or a list."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in MULTI:
                given = (_canonical(f.name, v.strip()) for v in _all(query, f.name))
                values[f.name] = tuple(dict.fromkeys(v for v in given if v))
            else:
                values[f.name] = (_first(query, f.name) or "").strip()
        if values["sort"] not in SORTS:
            values["sort"] = "ref"
        return cls(**values)

    def active(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) and f.name != "sort"
        }

    def query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs, a several-valued one repeated."""
        out: list[tuple[str, str]] = []
        for name, value in self.active().items():
            out += [(name, v) for v in value] if name in MULTI else [(name, value)]
        return out

    @property
    def encoded(self) -> str:
        """The filters as a query string, for links that keep them (downloads, bulk work)."""
        return urlencode(self.query())


# RAG and stage as their vocabularies spell them, whatever the case a link used (?rag=red).
_SPELLING = {
    name: {v.lower(): v for v in (*vocab.values, UNKNOWN)}
    for name, vocab in (("rag", RAG), ("stage", Stage))
}


def _canonical(name: str, value: str) -> str:
    return _SPELLING.get(name, {}).get(value.lower(), value)


def _all(query: Any, name: str) -> list[str]:
    if hasattr(query, "getlist"):
        return [str(v) for v in query.getlist(name)]
    value = query.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _first(query: Any, name: str) -> str:
    found = _all(query, name)
    return found[0] if found else ""


def _choice_filter(
    qs: QuerySet[Action], field: str, values: str | tuple[str, ...], allowed: Any
) -> QuerySet[Action]:
    """Actions whose `field` is any of `values` (matched whatever their case; "unknown" for
    none); a value that is no choice matches nothing, as a single one always did."""
    wanted = (values,) if isinstance(values, str) else values
    if not any(wanted):
        return qs
    canonical = {v.lower(): v for v in allowed.values}
    unknown = any(v.lower() == UNKNOWN for v in wanted)
    chosen = {canonical[v.lower()] for v in wanted if v.lower() in canonical}
    if not chosen and not unknown:
        return qs.none()
    match = Q()
    if chosen:
        match |= Q(**{f"{field}__in": sorted(chosen)})
    if unknown:
        match |= Q(**{f"{field}__isnull": True})
    return qs.filter(match)


def past_end(actions: QuerySet[Action], today: date) -> QuerySet[Action]:
    """Actions past their end month (the revised one when an update revised it) that are not
    completed and not withdrawn: one ending in March is past its end from April."""
    return (
        actions.filter(withdrawn_on__isnull=True)
        .annotate(ends=Coalesce(F("revised_end"), F("end")))
        .filter(ends__lt=today.replace(day=1))
        .exclude(stage=Stage.COMPLETED)
    )


STAGE_ORDER = Case(
    *(When(stage=s, then=Value(i)) for i, s in enumerate(Stage.values)),
    default=Value(len(Stage.values)),
    output_field=IntegerField(),
)


def action_list(*, plan: Plan, filters: ActionFilters | None = None) -> QuerySet[Action]:
    f = filters or ActionFilters()
    qs = plan.actions.select_related("theme")
    if f.theme:
        qs = qs.filter(theme__name__in=f.theme)
    if f.objective:
        qs = qs.filter(objectives__code=f.objective)
    qs = _choice_filter(qs, "role", f.role, Role)
    qs = _choice_filter(qs, "scope", f.scope, Scope)
    qs = _choice_filter(qs, "stage", f.stage, Stage)
    qs = _choice_filter(qs, "rag", f.rag, RAG)
    qs = _choice_filter(qs, "timescale", f.timescale, Timescale)
    if f.lead:
        qs = qs.filter(lead=f.lead)
    if f.partner:
        qs = qs.filter(partners__name__icontains=f.partner)
    if f.past_end:
        qs = past_end(qs, timezone.localdate()) if f.past_end == "yes" else qs.none()
    if f.q:
        words = f.q.split()
        for word in words:
            qs = qs.filter(
                Q(ref__icontains=word)
                | Q(title__icontains=word)
                | Q(lead__icontains=word)
                | Q(partners__name__icontains=word)
                | Q(updates__narrative__icontains=word, updates__status="published")
            )
    qs = qs.distinct()
    if f.sort == "score":
        return qs.order_by(F("score").desc(nulls_last=True), "position", "id")
    if f.sort == "stage":
        return qs.order_by(STAGE_ORDER, "position", "id")
    return qs.order_by("position", "id")


def action_get(
    *, plan: Plan, ref: str, unpublished: bool = False, people: bool = True
) -> Action | None:
    """One action with its updates: published ones only, unless `unpublished`; with its
    assignees unless `people` is False (the public page never shows them)."""
    updates = ProgressUpdate.objects.select_related("period", "author").order_by(
        "-period__position"
    )
    if not unpublished:
        updates = updates.filter(status=visibility.PUBLISHED)
    return (
        plan.actions.select_related("theme", "plan__scoring_scheme", "plan__organisation")
        .prefetch_related(
            "partners",
            "objectives",
            *(["assignees"] if people else []),
            Prefetch("updates", updates),
        )
        .filter(ref=ref)
        .first()
    )


def plan_filter_options(*, plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """Choices for the action list's filters, from what the plan actually holds."""
    themes = list(plan.themes.values_list("name", flat=True))
    objectives = list(
        plan.objectives.filter(actions__isnull=False).distinct().values_list("code", flat=True)
    )
    leads = sorted(set(plan.actions.exclude(lead="").values_list("lead", flat=True)))
    unknown = [(UNKNOWN, "Not known")]
    return {
        "theme": [(t, t) for t in themes],
        "objective": [(o, o) for o in sorted(objectives, key=_natural)],
        "role": list(Role.choices),
        "scope": list(Scope.choices),
        "stage": [*Stage.choices, *unknown],
        "rag": [*RAG.choices, *unknown],
        "timescale": list(Timescale.choices),
        "lead": [(x, x) for x in leads],
    }


def _natural(code: str) -> tuple[Any, ...]:
    import re

    return tuple(int(p) if strict.is_digits(p) else p for p in re.split(r"([0-9]+)", code))


@dataclass
class PlanSummary:
    total: int
    by_stage: list[tuple[str, int]]
    by_rag: list[tuple[str, int]]
    by_theme: list[tuple[str, int]]
    by_role: list[tuple[str, int]]
    withdrawn: int = 0


def in_plan(plan: Plan) -> QuerySet[Action]:
    """The plan's actions that count: withdrawn ones are kept but left out of counts."""
    return plan.actions.filter(withdrawn_on__isnull=True)  # type: ignore[no-any-return]


def plan_summary(*, plan: Plan) -> PlanSummary:
    rows = list(in_plan(plan).values_list("stage", "rag", "role", "theme__name"))
    stage = Counter(r[0] for r in rows)
    rag = Counter(r[1] for r in rows)
    role = Counter(r[2] for r in rows)
    theme = Counter(r[3] for r in rows)
    themes = list(plan.themes.values_list("name", flat=True))

    def ordered(counter: Counter[Any], keys: list[Any]) -> list[tuple[str, int]]:
        out = [(k, counter.get(k, 0)) for k in keys]
        if counter.get(None):
            out.append(("Not known", counter[None]))
        return out

    return PlanSummary(
        total=len(rows),
        by_stage=ordered(stage, list(Stage.values)),
        by_rag=ordered(rag, list(RAG.values)),
        by_theme=ordered(theme, themes),
        by_role=ordered(role, list(Role.values)),
        withdrawn=plan.actions.filter(withdrawn_on__isnull=False).count(),
    )


def plan_findings(*, plan: Plan) -> list[Finding]:
    positions = dict(plan.actions.values_list("ref", "position"))
    found = list(plan.findings.select_related("dismissed_by"))
    return sorted(found, key=lambda f: (positions.get(f.ref, -1), f.field, f.kind, f.id))


def plan_stage_by_theme(*, plan: Plan) -> list[dict[str, Any]]:
    """Counts of actions by theme and stage, for the plan page's chart and its table."""
    stages = [*Stage.values, None]
    counts = Counter(in_plan(plan).values_list("theme__name", "stage"))
    rows = []
    for theme in [*plan.themes.values_list("name", flat=True), None]:
        for order, stage in enumerate(stages):
            n = counts.get((theme, stage), 0)
            if n:
                rows.append(
                    {
                        "theme": theme or "No theme",
                        "stage": stage or "Not known",
                        "stage_order": order,
                        "count": n,
                    }
                )
    return rows
