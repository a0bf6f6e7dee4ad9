"""A plan's own settings, its themes and its scoring scheme, changed on their pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from plantracker.core.models import Organisation

from . import scoring
from .models import Plan, ScoringScheme, Theme
from .services import plan_scores_recompute

PLAN_FIELDS = ("title", "period", "description", "reporting_cadence", "status")


class Refused(Exception):
    """A change the plan's rules do not allow, with what to do instead."""


def unique_slug(title: str) -> str:
    base = slugify(title)[:90] or "plan"
    slug, n = base, 2
    while Plan.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def plan_create(*, organisation: Organisation, values: Mapping[str, Any]) -> Plan:
    """A new plan starts as a draft: nobody outside the council sees it until published."""
    plan = Plan(
        organisation=organisation,
        slug=unique_slug(values["title"]),
        scoring_scheme=ScoringScheme.objects.create(),
        status=Plan.Status.DRAFT,
    )
    for name in PLAN_FIELDS:
        if name in values and name != "status":
            setattr(plan, name, values[name])
    plan.save()
    return plan


@transaction.atomic
def plan_change(*, plan: Plan, values: Mapping[str, Any]) -> list[str]:
    """Save the settings that changed; returns their names."""
    changed = [n for n in PLAN_FIELDS if n in values and getattr(plan, n) != values[n]]
    for name in changed:
        setattr(plan, name, values[name])
    if changed:
        plan.save(update_fields=changed)
    return changed


# --- themes ------------------------------------------------------------------------------


def _name_free(plan: Plan, name: str, but: Theme | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise Refused("Give the theme a name.")
    others = plan.themes.exclude(pk=but.pk) if but else plan.themes.all()  # type: ignore[attr-defined]
    if others.filter(name__iexact=name).exists():
        raise Refused(f"The plan already has a theme called '{name}'. To join the two, merge "
                      "one into the other.")  # fmt: skip
    return name


@transaction.atomic
def theme_add(*, plan: Plan, name: str) -> Theme:
    name = _name_free(plan, name)
    position = (plan.themes.aggregate(m=Max("position"))["m"] or 0) + 1  # type: ignore[attr-defined]
    return Theme.objects.create(plan=plan, name=name, position=position)


@transaction.atomic
def theme_rename(*, theme: Theme, name: str) -> Theme:
    theme.name = _name_free(theme.plan, name, but=theme)
    theme.save(update_fields=["name"])
    return theme


@transaction.atomic
def theme_move(*, theme: Theme, step: int) -> None:
    """Up (-1) or down (+1) one place; the positions are made 1, 2, 3… on the way."""
    themes = list(theme.plan.themes.order_by("position", "name"))  # type: ignore[attr-defined]
    at = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    to = max(0, min(len(themes) - 1, at + step))
    themes.insert(to, themes.pop(at))
    for n, t in enumerate(themes, start=1):
        t.position = n
    Theme.objects.bulk_update(themes, ["position"])


@transaction.atomic
def theme_merge(*, theme: Theme, into: Theme, user: Any) -> int:
    """Move every action of `theme` to `into` and remove `theme`; returns how many moved."""
    if theme.pk == into.pk or theme.plan_id != into.plan_id:
        raise Refused("Choose another theme of the same plan to merge into.")
    moved = 0
    for action in theme.actions.all():  # type: ignore[attr-defined]
        action.theme = into
        action.version += 1
        action._change_reason = f"Theme merged into {into.name}"[:100]
        action._history_user = user
        action.save()
        moved += 1
    theme.delete()
    return moved


# --- scoring -----------------------------------------------------------------------------

BANDS = {
    "timescale": ("S", "M", "L"),
    "cost": ("L", "M", "H"),
    "carbon": ("L", "M", "H"),
}


@dataclass(frozen=True)
class ScoreChange:
    ref: str
    title: str
    old: Decimal | None
    new: Decimal | None


def scoring_preview(plan: Plan, weights: scoring.Weights) -> list[ScoreChange]:
    """Which of the plan's actions would score differently with `weights`."""
    out = []
    for a in plan.actions.only("ref", "title", "timescale", "cost", "carbon", "score"):  # type: ignore[attr-defined]
        new = scoring.score(a.timescale, a.cost, a.carbon, weights)
        old = None if a.score is None else Decimal(a.score)
        if new != old:
            out.append(ScoreChange(a.ref, a.title, old, new))
    return out


def shared_with(plan: Plan) -> list[str]:
    """Other plans using the same scoring scheme (a change here would change them too)."""
    others = Plan.objects.filter(scoring_scheme=plan.scoring_scheme).exclude(pk=plan.pk)
    return list(others.values_list("title", flat=True))


@transaction.atomic
def scoring_save(*, plan: Plan, weights: Mapping[str, Mapping[str, Decimal]]) -> int:
    """The plan's weights, then every score worked out again; a scheme other plans share is
    copied first, so only this plan changes. Returns how many scores changed."""
    scheme = plan.scoring_scheme
    if shared_with(plan):
        scheme = ScoringScheme.objects.create(name=scheme.name)
        plan.scoring_scheme = scheme
        plan.save(update_fields=["scoring_scheme"])
    scheme.timescale_weights = _stored(weights["timescale"])
    scheme.cost_weights = _stored(weights["cost"])
    scheme.carbon_weights = _stored(weights["carbon"])
    scheme.save()
    return plan_scores_recompute(plan=plan)


def _stored(weights: Mapping[str, Decimal]) -> dict[str, int | str]:
    """Whole numbers as numbers (as the defaults are), others as exact decimal text."""
    return {k: int(v) if v == v.to_integral_value() else str(v) for k, v in weights.items()}
