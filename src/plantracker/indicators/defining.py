"""Defining KPIs on their pages: create, change, targets, retire and restore.

Every change goes through here: the person's role is checked (the rule that lets them record
the KPI's values), a change of the definition is checked against the version their page
showed (a form older than the last save is refused as a conflict, with what the other person
changed), and each one is kept in the KPI's history with who made it and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from plantracker.core import permissions
from plantracker.core.changes import Change, EditConflict
from plantracker.core.models import Organisation
from plantracker.plans.models import Plan
from plantracker.strategy.models import Measure, StrategyObjective
from plantracker.updates.services import Invalid, NotAllowed

from . import periods
from .models import Indicator, Target
from .status import DIRECTION_TEXT, Direction

# The fields an editor changes on the KPI's page, with the words the page uses.
LABELS = {
    "title": "Title",
    "plan": "Plan",
    "unit": "Unit",
    "direction": "Direction",
    "measures_change": "Values are changes on the period before",
    "baseline_value": "Baseline value",
    "baseline_period": "Baseline period",
    "description": "Definition",
    "source": "Source",
}
NOT_ALLOWED = "Only the KPI's editors and administrators can change its definition."
NOT_ALLOWED_PLAN = (
    "You can only put a KPI in a plan you edit. Choose one of your plans, or ask an "
    "organisation administrator."
)
RETIRED_NOTE = "Kept, labelled Retired and left out of counts."


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Plan):
        return value.title
    if value in {d.value for d in Direction}:
        return DIRECTION_TEXT[Direction(value)]
    return str(value)


class KpiChange(Change):
    """A change to one of a KPI's fields, read as the KPI's page shows it."""

    @staticmethod
    def shown(value: Any) -> str:
        return _show(value)


class KpiConflict(EditConflict):
    def __init__(self, indicator: Indicator, theirs: list[KpiChange]) -> None:
        super().__init__(indicator, "KPI", theirs)


def values_of(indicator: Indicator) -> dict[str, Any]:
    out = {f: getattr(indicator, f) for f in LABELS if f != "plan"}
    out["plan"] = indicator.plan
    if out["baseline_value"] is not None:
        out["baseline_value"] = Decimal(out["baseline_value"]).normalize()
    return out


def _since(indicator: Indicator, version: int) -> list[KpiChange]:
    seen = (
        indicator.history.filter(version=version)  # type: ignore[attr-defined]
        .order_by("-history_date")
        .first()
    )
    if seen is None:
        return []
    then = {f: getattr(seen, f) for f in LABELS if f != "plan"}
    then["plan"] = Plan.objects.filter(pk=seen.plan_id).first()
    if then["baseline_value"] is not None:
        then["baseline_value"] = Decimal(then["baseline_value"]).normalize()
    now = values_of(indicator)
    return [KpiChange(f, LABELS[f], then[f], now[f]) for f in LABELS if then[f] != now[f]]


def _locked(indicator: Indicator, version: int) -> Indicator:
    current = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    if current.version != version:
        raise KpiConflict(current, _since(current, version))
    return current


def _save(indicator: Indicator, user: Any, reason: str) -> None:
    indicator.version += 1
    indicator._history_user = user  # type: ignore[attr-defined]
    indicator._change_reason = reason[:100]  # type: ignore[attr-defined]
    indicator.save()


def _require(user: Any, organisation: Organisation, plan: Plan | None, message: str) -> None:
    if not permissions.can_define_kpi(user, organisation, plan):
        raise NotAllowed(message)


def period_label(text: str, field: str) -> str:
    """A period as the KPI pages keep it (written the one way), or Invalid naming the field."""
    if not text.strip():
        return ""
    try:
        return periods.label(periods.parse(text))
    except periods.PeriodError as exc:
        raise Invalid({field: f"{exc}."}) from None


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("title", "unit", "description", "source"):
        if name in out:
            out[name] = (out[name] or "").strip()
    if "baseline_period" in out:
        out["baseline_period"] = period_label(out["baseline_period"] or "", "baseline_period")
    if out.get("baseline_value") is not None:
        out["baseline_value"] = Decimal(out["baseline_value"]).normalize()
    return out


def free_slug(organisation: Organisation, title: str) -> str:
    base = slugify(title)[:100] or "kpi"
    slug, n = base, 2
    taken = set(Indicator.objects.filter(organisation=organisation).values_list("slug", flat=True))
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def kpi_create(
    *,
    organisation: Organisation,
    values: Mapping[str, Any],
    objectives: Iterable[StrategyObjective] = (),
    measures: Iterable[Measure] = (),
    targets: Iterable[tuple[str, str]] = (),
    slug: str = "",
    user: Any,
) -> Indicator:
    """A new KPI with its first targets ((text as written, due period) pairs)."""
    plan = values.get("plan")
    if plan is not None and plan.organisation_id != organisation.pk:
        raise Invalid({"plan": "Choose one of the organisation's plans."})
    _require(user, organisation, plan, NOT_ALLOWED_PLAN if plan else NOT_ALLOWED)
    cleaned = _clean(values)
    slug = slug.strip()
    if slug and Indicator.objects.filter(organisation=organisation, slug=slug).exists():
        raise Invalid({"slug": f"Another KPI already has the reference {slug}. Choose another."})
    position = (organisation.indicators.aggregate(m=Max("position"))["m"] or 0) + 1  # type: ignore[attr-defined]
    indicator = Indicator(organisation=organisation, position=position,
                          slug=slug or free_slug(organisation, cleaned["title"]))  # fmt: skip
    for name in LABELS:
        if name in cleaned:
            setattr(indicator, name, cleaned[name])
    indicator._history_user = user  # type: ignore[attr-defined]
    indicator._change_reason = "Defined on its page"  # type: ignore[attr-defined]
    indicator.save()
    indicator.objectives.set(list(objectives))
    indicator.measures.set(list(measures))
    for text, due in targets:
        if text.strip():
            try:
                target_add(indicator=indicator, text=text, due=due, user=user)
            except Invalid as exc:  # named as the definition's form names them
                names = {"text": "target", "due": "target_due"}
                raise Invalid({names[k]: v for k, v in exc.errors.items()}) from None
    return indicator


@transaction.atomic
def kpi_change(
    *,
    indicator: Indicator,
    values: Mapping[str, Any],
    objectives: Iterable[StrategyObjective],
    measures: Iterable[Measure],
    version: int,
    user: Any,
) -> list[KpiChange]:
    """Save what the editor changed; returns the changes (none: nothing is written)."""
    _require(user, indicator.organisation, indicator.plan, NOT_ALLOWED)
    if "plan" in values and values["plan"] != indicator.plan:
        _require(user, indicator.organisation, values["plan"], NOT_ALLOWED_PLAN)
    cleaned = _clean(values)
    current = _locked(indicator, version)
    before = values_of(current)
    for name in LABELS:
        if name in cleaned:
            setattr(current, name, cleaned[name])
    after = values_of(current)
    changes = [
        KpiChange(f, LABELS[f], before[f], after[f]) for f in LABELS if before[f] != after[f]
    ]
    new_objectives, new_measures = list(objectives), list(measures)
    old_codes = sorted(current.objectives.values_list("code", flat=True))
    if sorted(o.code for o in new_objectives) != old_codes:
        changes.append(KpiChange("objectives", "Objectives", ", ".join(old_codes),
                                 ", ".join(sorted(o.code for o in new_objectives))))  # fmt: skip
    old_measures = sorted(current.measures.values_list("pk", flat=True))
    if sorted(m.pk for m in new_measures) != old_measures:
        changes.append(KpiChange("measures", "Measures", len(old_measures), len(new_measures)))
    if not changes:
        return []
    _save(current, user, "Changed on its page: " + ", ".join(c.label for c in changes))
    current.objectives.set(new_objectives)
    current.measures.set(new_measures)
    return changes


def _target_values(text: str, due: str) -> tuple[str, str]:
    words = " ".join(text.split())
    if not words:
        raise Invalid({"text": "Write the target, for example 80%, < 5% or 64% reduction."})
    return words, period_label(due, "due")


@transaction.atomic
def target_add(*, indicator: Indicator, text: str, due: str, user: Any) -> Target:
    """A target as written ('< 5%', 'TBC'): kept whether or not a rule reads it."""
    _require(user, indicator.organisation, indicator.plan, NOT_ALLOWED)
    words, label = _target_values(text, due)
    target = Target(indicator=indicator, text=words, due=label)
    target._history_user = user  # type: ignore[attr-defined]
    target._change_reason = "Added on the KPI's page"  # type: ignore[attr-defined]
    target.save()
    return target


@transaction.atomic
def target_change(*, target: Target, text: str, due: str, user: Any) -> bool:
    """Returns whether anything changed."""
    indicator = target.indicator
    _require(user, indicator.organisation, indicator.plan, NOT_ALLOWED)
    words, label = _target_values(text, due)
    if (words, label) == (target.text, target.due):
        return False
    target.text, target.due = words, label
    target._history_user = user  # type: ignore[attr-defined]
    target._change_reason = "Changed on the KPI's page"  # type: ignore[attr-defined]
    target.save()
    return True


@transaction.atomic
def target_remove(*, target: Target, user: Any) -> None:
    indicator = target.indicator
    _require(user, indicator.organisation, indicator.plan, NOT_ALLOWED)
    target._history_user = user  # type: ignore[attr-defined]
    target._change_reason = "Removed on the KPI's page"  # type: ignore[attr-defined]
    target.delete()


@transaction.atomic
def kpi_retire(
    *, indicator: Indicator, reason: str, on: date, version: int, user: Any
) -> Indicator:
    """Kept, labelled Retired on every page and file, and left out of counts."""
    _require(user, indicator.organisation, indicator.plan, NOT_ALLOWED)
    if not reason.strip():
        raise Invalid({"reason": "Say why the KPI is being retired."})
    current = _locked(indicator, version)
    current.retired_on = on
    current.retired_reason = reason.strip()
    _save(current, user, "Retired")
    return current


@transaction.atomic
def kpi_restore(*, indicator: Indicator, version: int, user: Any) -> Indicator:
    _require(user, indicator.organisation, indicator.plan, NOT_ALLOWED)
    current = _locked(indicator, version)
    current.retired_on = None
    current.retired_reason = ""
    _save(current, user, "Restored")
    return current
