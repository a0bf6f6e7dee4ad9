"""A plan as plain data: the shape of the JSON export, and the source of the other
exports. See docs/data-formats.md."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from plantracker.plans.models import Action, Plan
from plantracker.updates.models import ProgressUpdate


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else float(d)


def month(value: date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def month_label(value: str | None) -> str:
    """A month as the JSON data holds it ("2024-09") as people read it ("Sep 2024")."""
    if not value:
        return "Not given"
    year, mon = str(value).split("-")[:2]
    return date(int(year), int(mon), 1).strftime("%b %Y")


def day_label(value: str | None) -> str:
    """A day as the JSON data holds it ("2024-02-01") as people read it ("1 February 2024");
    anything else as it is."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{day.day} {day:%B %Y}"


def withdrawn(on: date | None, reason: str) -> dict[str, str] | None:
    """A withdrawn action's (or a dismissed finding's) day and reason; None for an action in
    the plan (a finding still raised)."""
    return None if on is None else {"on": on.isoformat(), "reason": reason}


def action_data(a: Action, *, with_updates: bool = True) -> dict[str, Any]:
    data = {
        "ref": a.ref,
        "title": a.title,
        "theme": a.theme.name if a.theme else None,
        "role": a.role,
        "scope": a.scope,
        "lead": a.lead or None,
        "partners": sorted(p.name for p in a.partners.all()),
        "timescale": a.timescale,
        "start": month(a.start),
        "end": month(a.end),
        "cost": a.cost,
        "carbon": a.carbon,
        "score": number(a.score),
        "recorded_score": number(a.recorded_score),
        "stage": a.stage,
        "rag": a.rag,
        "objectives": sorted(o.code for o in a.objectives.all()),
        "owner": a.owner or None,
        "estimated_tco2e": number(a.estimated_tco2e),
        "success_measure": a.success_measure or None,
        "withdrawn": withdrawn(a.withdrawn_on, a.withdrawn_reason),
    }
    if with_updates:
        updates = sorted(a.updates.all(), key=lambda u: (u.period.position, u.period.id))
        data["updates"] = [
            {"period": u.period.label, "text": u.narrative, "rag": u.rag, "stage": u.stage}
            for u in updates
        ]
    return data


def plan_data(plan: Plan, actions: QuerySet[Action] | None = None) -> dict[str, Any]:
    """The whole plan; with `actions` (the action list's filters), only those actions and
    their findings."""
    plan = Plan.objects.select_related("organisation").get(pk=plan.pk)
    chosen = plan.actions.all() if actions is None else actions
    findings = plan.findings.order_by("origin", "id")
    if actions is not None:
        findings = findings.filter(ref__in=actions.values("ref"))
    return {
        "format": "plantracker-plan/1",
        "plan": {
            "slug": plan.slug,
            "title": plan.title,
            "organisation": plan.organisation.name,
            "period": plan.period or None,
        },
        "themes": [{"name": t.name, "position": t.position} for t in plan.themes.all()],
        "objectives": [
            {"code": o.code, "text": o.text, "defined": o.defined} for o in plan.objectives.all()
        ],
        "periods": [
            {"label": p.label, "status": p.status} for p in plan.periods.filter(status="published")
        ],
        "actions": action_rows(chosen.order_by("position", "id"), with_updates=True),
        "findings": [
            {
                "ref": f.ref or None,
                "field": f.field,
                "kind": f.kind,
                "message": f.message,
                "original": f.original or None,
                "dismissed": withdrawn(
                    f.dismissed_at and timezone.localdate(f.dismissed_at), f.dismissed_reason
                ),
            }
            for f in findings
        ],
    }


ROW_FIELDS = ("id", "ref", "title", "theme__name", "role", "scope", "lead", "timescale", "start",
              "end", "cost", "carbon", "score", "recorded_score", "stage", "rag", "owner",
              "estimated_tco2e", "success_measure", "withdrawn_on", "withdrawn_reason")  # fmt: skip


def _grouped(pairs: Iterable[tuple[Any, ...]]) -> dict[int, list[Any]]:
    """(action id, value, ...) rows as each action's list of values."""
    out: dict[int, list[Any]] = defaultdict(list)
    for action_id, *value in pairs:
        out[action_id].append(value[0] if len(value) == 1 else value)
    return out


def action_rows(actions: QuerySet[Action], *, with_updates: bool = False) -> list[dict[str, Any]]:
    """action_data(a, with_updates=...) for every action of `actions`, read as plain rows in
    three queries (four with updates) without building model instances, so the time grows
    with the number of actions and no faster: the exports' and the API list's path for plans
    of thousands of actions. A sliced `actions` (a page) is read once; its ids name the rest."""
    rows = list(actions.prefetch_related(None).values(*ROW_FIELDS))
    ids: Any = [r["id"] for r in rows] if actions.query.is_sliced else actions.values("id")
    partners = _grouped(
        Action.partners.through.objects.filter(action_id__in=ids)
        .values_list("action_id", "partner__name")
        .order_by()
    )
    objectives = _grouped(
        Action.objectives.through.objects.filter(action_id__in=ids)
        .values_list("action_id", "objective__code")
        .order_by()
    )
    updates = (
        _grouped(
            ProgressUpdate.objects.filter(action_id__in=ids, status="published")
            .order_by("period__position", "period_id")
            .values_list("action_id", "period__label", "narrative", "rag", "stage")
        )
        if with_updates
        else {}
    )
    out = []
    for r in rows:
        data = {
            "ref": r["ref"],
            "title": r["title"],
            "theme": r["theme__name"],
            "role": r["role"],
            "scope": r["scope"],
            "lead": r["lead"] or None,
            "partners": sorted(partners.get(r["id"], [])),
            "timescale": r["timescale"],
            "start": month(r["start"]),
            "end": month(r["end"]),
            "cost": r["cost"],
            "carbon": r["carbon"],
            "score": number(r["score"]),
            "recorded_score": number(r["recorded_score"]),
            "stage": r["stage"],
            "rag": r["rag"],
            "objectives": sorted(objectives.get(r["id"], [])),
            "owner": r["owner"] or None,
            "estimated_tco2e": number(r["estimated_tco2e"]),
            "success_measure": r["success_measure"] or None,
            "withdrawn": withdrawn(r["withdrawn_on"], r["withdrawn_reason"]),
        }
        if with_updates:
            data["updates"] = [
                {"period": label, "text": text, "rag": rag, "stage": stage}
                for label, text, rag, stage in updates.get(r["id"], [])
            ]
        out.append(data)
    return out
