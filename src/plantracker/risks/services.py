"""Keeping a risk register on its pages: create a register and change its matrix; add, change,
close and reopen risks.

Every change goes through here. A risk's change is checked against the version the person's
page showed (a form older than the last save is refused as a conflict, saying who changed it),
bumps the version and is kept in the risk's history with who made it and why. Closed risks are
kept, labelled Closed, and left out of the open counts, the heat maps and the worst risks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from plantracker.core.changes import Change, EditConflict
from plantracker.core.models import Organisation
from plantracker.plans.models import Action, Plan

from .assessment import Status
from .matrix import Band, Matrix, Method
from .models import Risk, RiskRegister

SCALES = (3, 4, 5, 6, 10)

# The fields of a risk changed on its page, with the words the page uses.
LABELS = {
    "title": "Risk",
    "owner": "Owner",
    "causes": "Causes",
    "consequences": "Consequences",
    "impact": "Inherent impact",
    "likelihood": "Inherent likelihood",
    "controls": "Controls",
    "further_actions": "Further actions",
    "residual_impact": "Residual impact",
    "residual_likelihood": "Residual likelihood",
    "review_date": "Review date",
}
REGISTER_LABELS = {
    "title": "Title",
    "scale": "Scale",
    "method": "Method",
    "one_is_highest": "Which end is highest",
    "bands": "Bands",
}


class Refused(Exception):
    """What was asked cannot be done; the message says why and what to do instead."""


class RiskConflict(EditConflict):
    def __init__(self, record: Risk | RiskRegister, what: str = "risk") -> None:
        super().__init__(record, what)


# Registers and their matrices.


def score_range(scale: int, method: str) -> tuple[int, int]:
    """The lowest and highest score the matrix can give."""
    if Method(method) is Method.SUM:
        return 2, 2 * scale
    return 1, scale * scale


def check_bands(scale: int, method: str, bands: Sequence[Band]) -> list[str]:
    """Problems with a matrix's bands, in words; none when they can be saved."""
    problems = []
    low, high = score_range(scale, method)
    if not bands:
        problems.append("Give at least one band, for example “Low 1-4”.")
    seen: set[str] = set()
    for b in bands:
        if b.low > b.high:
            problems.append(f"{b.name}: its lowest score {b.low} is above its highest {b.high}.")
        if b.high < low or b.low > high:
            problems.append(
                f"{b.name}: {b.low}–{b.high} is outside the scores this matrix gives "
                f"({low}–{high})."
            )
        if b.name.lower() in seen:
            problems.append(f"{b.name} is named twice. Give each band its own name.")
        seen.add(b.name.lower())
    ordered = sorted(bands, key=lambda b: b.low)
    for a, b in itertools.pairwise(ordered):
        if b.low <= a.high:
            problems.append(f"{a.name} ({a.low}–{a.high}) and {b.name} ({b.low}–{b.high}) overlap.")
    return problems


def uncovered(matrix: Matrix) -> list[int]:
    """Scores the matrix can give that no band names."""
    scores = {
        matrix.score(i, k) for i in range(1, matrix.scale + 1) for k in range(1, matrix.scale + 1)
    }
    return sorted(s for s in scores if matrix.band(s) is None)


@dataclass(frozen=True)
class PreviewCell:
    impact: int
    likelihood: int
    score: int
    band: Band | None
    rank: int


@dataclass(frozen=True)
class MatrixPreview:
    matrix: Matrix
    rows: list[list[PreviewCell]]
    uncovered: list[int]
    moved: list[tuple[str, str, str]]  # (ref, band before, band after) of the register's risks

    @property
    def describe(self) -> str:
        return self.matrix.describe()


def _name(matrix: Matrix, impact: int, likelihood: int) -> str:
    band = matrix.band(matrix.score(impact, likelihood))
    return band.name if band else "No band"


def matrix_preview(matrix: Matrix, register: RiskRegister | None = None) -> MatrixPreview:
    """The matrix as a grid (highest impact first), the scores no band names, and which of
    the register's risks would change band."""
    worst = matrix.worst_first()
    rows = []
    for impact in worst:
        row = []
        for likelihood in reversed(worst):
            score = matrix.score(impact, likelihood)
            band = matrix.band(score)
            row.append(PreviewCell(impact, likelihood, score, band, matrix.band_rank(band)))
        rows.append(row)
    moved = []
    if register is not None and register.pk:
        old = register.matrix()
        for r in register.risks.order_by("position", "id"):
            i, k = (r.residual_impact, r.residual_likelihood)
            if not (i and k):
                i, k = r.impact, r.likelihood
            if not (i and k):
                continue
            before, after = old.band(old.score(i, k)), matrix.band(matrix.score(i, k))
            b_name, a_name = (
                before.name if before else "No band",
                after.name if after else "No band",
            )
            if b_name != a_name or old.score(i, k) != matrix.score(i, k):
                moved.append(
                    (r.ref, f"{old.score(i, k)} {b_name}", f"{matrix.score(i, k)} {a_name}")
                )
    return MatrixPreview(matrix, rows, uncovered(matrix), moved)


def _bands_data(bands: Iterable[Band]) -> list[dict[str, object]]:
    return [{"name": b.name, "low": b.low, "high": b.high} for b in bands]


def _check_matrix(values: Mapping[str, Any], register: RiskRegister | None = None) -> None:
    problems = check_bands(values["scale"], values["method"], values["bands"])
    if problems:
        raise Refused(" ".join(problems))
    if register is not None and values["scale"] < register.scale:
        too_big = [
            r.ref
            for r in register.risks.all()
            if any(
                v is not None and v > values["scale"]
                for v in (r.impact, r.likelihood, r.residual_impact, r.residual_likelihood)
            )
        ]
        if too_big:
            raise Refused(
                f"Risks {', '.join(too_big)} are scored above {values['scale']}. Change their "
                "scores first, or keep the larger scale."
            )


def _free_slug(organisation: Organisation, title: str) -> str:
    base = slugify(title)[:100] or "register"
    taken = set(organisation.risk_registers.values_list("slug", flat=True))  # type: ignore[attr-defined]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def register_create(
    *, organisation: Organisation, plan: Plan | None, values: Mapping[str, Any], user: Any
) -> RiskRegister:
    """`values`: title, scale, method, one_is_highest and bands (a list of Band)."""
    _check_matrix(values)
    if plan is not None and plan.organisation_id != organisation.pk:
        raise Refused("Choose one of the organisation's own plans.")
    register = RiskRegister(
        organisation=organisation,
        plan=plan,
        slug=_free_slug(organisation, values["title"]),
        title=values["title"].strip(),
        scale=values["scale"],
        method=Method(values["method"]).value,
        one_is_highest=values["one_is_highest"],
        bands=_bands_data(values["bands"]),
        source="Created on its page",
    )
    register._history_user = user  # type: ignore[attr-defined]
    register._change_reason = "Created on its page"  # type: ignore[attr-defined]
    register.save()
    return register


def _register_values(register: RiskRegister) -> dict[str, Any]:
    return {
        "title": register.title,
        "scale": register.scale,
        "method": register.method,
        "one_is_highest": register.one_is_highest,
        "bands": "; ".join(f"{b['name']} {b['low']}–{b['high']}" for b in register.bands),
    }


@transaction.atomic
def register_change(
    *, register: RiskRegister, values: Mapping[str, Any], version: int, user: Any
) -> list[Change]:
    current = RiskRegister.objects.select_for_update().get(pk=register.pk)
    if current.version != version:
        raise RiskConflict(current, "register")
    _check_matrix(values, current)
    before = _register_values(current)
    current.title = values["title"].strip()
    current.scale = values["scale"]
    current.method = Method(values["method"]).value
    current.one_is_highest = values["one_is_highest"]
    current.bands = _bands_data(values["bands"])
    after = _register_values(current)
    changes = [
        Change(f, REGISTER_LABELS[f], before[f], after[f])
        for f in REGISTER_LABELS
        if before[f] != after[f]
    ]
    if not changes:
        return []
    current.version += 1
    current._history_user = user  # type: ignore[attr-defined]
    current._change_reason = ("Changed on its page: " + ", ".join(c.label for c in changes))[:100]  # type: ignore[attr-defined]
    current.save()
    return changes


# Risks.


def linkable_actions(register: RiskRegister) -> Any:
    """The actions a register's risks may be linked to: those of the organisation's plans."""
    return (
        Action.objects.filter(plan__organisation_id=register.organisation_id)
        .select_related("plan")
        .order_by("plan__title", "position", "id")
    )


RESERVED_REFS = {"add-risk", "settings"}


def next_ref(register: RiskRegister) -> str:
    """A reference for a new risk: the register's commonest prefix and the next free number."""
    import re

    refs = list(register.risks.values_list("ref", flat=True))  # type: ignore[attr-defined]
    split = [m.groups() for r in refs if (m := re.fullmatch(r"(.*?)(\d+)", r))]
    if not split:
        return "R1"
    prefixes = [p for p, _ in split]
    prefix = max(set(prefixes), key=prefixes.count)
    number = max(int(n) for p, n in split if p == prefix) + 1
    while f"{prefix}{number}" in refs:
        number += 1
    return f"{prefix}{number}"


def _check_scores(register: RiskRegister, values: Mapping[str, Any]) -> None:
    problems = []
    for name in ("impact", "likelihood", "residual_impact", "residual_likelihood"):
        v = values.get(name)
        if v is not None and not 1 <= v <= register.scale:
            problems.append(f"{LABELS[name]} must be from 1 to {register.scale}.")
    for a, b in (("impact", "likelihood"), ("residual_impact", "residual_likelihood")):
        if (values.get(a) is None) != (values.get(b) is None):
            problems.append(f"Give both {LABELS[a].lower()} and {LABELS[b].lower()}, or neither.")
    if problems:
        raise Refused(" ".join(problems))


def _apply(risk: Risk, values: Mapping[str, Any]) -> None:
    for name in LABELS:
        if name in values:
            value = values[name]
            setattr(risk, name, value.strip() if isinstance(value, str) else value)


def _linked(register: RiskRegister, actions: Iterable[Action]) -> list[Action]:
    chosen = list(actions)
    if any(a.plan.organisation_id != register.organisation_id for a in chosen):
        raise Refused("Link only actions of the organisation's own plans.")
    return chosen


@transaction.atomic
def risk_create(
    *,
    register: RiskRegister,
    ref: str,
    values: Mapping[str, Any],
    actions: Iterable[Action],
    user: Any,
) -> Risk:
    ref = ref.strip()
    if ref.lower() in RESERVED_REFS or not ref:
        raise Refused(f"“{ref}” cannot be a risk's reference. Choose another, for example R12.")
    if register.risks.filter(ref=ref).exists():  # type: ignore[attr-defined]
        raise Refused(f"{ref} is already a risk of this register. Choose another reference.")
    _check_scores(register, values)
    linked = _linked(register, actions)
    position = (register.risks.aggregate(m=Max("position"))["m"] or 0) + 1  # type: ignore[attr-defined]
    risk = Risk(register=register, ref=ref, position=position)
    _apply(risk, values)
    risk._history_user = user  # type: ignore[attr-defined]
    risk._change_reason = "Added on its page"  # type: ignore[attr-defined]
    risk.save()
    risk.actions.set(linked)
    return risk


def values_of(risk: Risk) -> dict[str, Any]:
    return {f: getattr(risk, f) for f in LABELS}


def _locked(risk: Risk, version: int) -> Risk:
    current = Risk.objects.select_for_update(of=("self",)).get(pk=risk.pk)
    if current.version != version:
        raise RiskConflict(current)
    return current


def _save(risk: Risk, user: Any, reason: str) -> None:
    risk.version += 1
    risk._history_user = user  # type: ignore[attr-defined]
    risk._change_reason = reason[:100]  # type: ignore[attr-defined]
    risk.save()


@transaction.atomic
def risk_change(
    *, risk: Risk, values: Mapping[str, Any], actions: Iterable[Action], version: int, user: Any
) -> list[Change]:
    """Save what the person changed; returns the changes (none: nothing is written)."""
    current = _locked(risk, version)
    before = values_of(current)
    _check_scores(current.register, {**before, **values})
    old_actions = sorted(current.actions.values_list("ref", flat=True))
    _apply(current, values)
    after = values_of(current)
    changes = [Change(f, LABELS[f], before[f], after[f]) for f in LABELS if before[f] != after[f]]
    linked = _linked(current.register, actions)
    new_actions = sorted(a.ref for a in linked)
    if new_actions != old_actions:
        changes.append(Change("actions", "Linked actions", ", ".join(old_actions),
                              ", ".join(new_actions)))  # fmt: skip
    if not changes:
        return []
    _save(current, user, "Changed on its page: " + ", ".join(c.label for c in changes))
    current.actions.set(linked)
    return changes


@transaction.atomic
def risk_close(*, risk: Risk, version: int, user: Any) -> Risk:
    """Kept, labelled Closed, and left out of the open counts, heat maps and worst risks."""
    current = _locked(risk, version)
    if current.status == Status.CLOSED:
        raise Refused(f"{current.ref} is already closed.")
    current.status = Status.CLOSED
    current.status_text = ""  # the words of an imported register stay in its history
    _save(current, user, "Closed")
    return current


@transaction.atomic
def risk_reopen(*, risk: Risk, version: int, user: Any) -> Risk:
    current = _locked(risk, version)
    if current.status == Status.OPEN:
        raise Refused(f"{current.ref} is already open.")
    current.status = Status.OPEN
    current.status_text = ""
    _save(current, user, "Reopened")
    return current


def overdue(risks: Iterable[Risk], today: date) -> list[Risk]:
    """Open risks whose review date has passed, the longest overdue first."""
    late = [r for r in risks if r.review_overdue(today)]
    return sorted(late, key=lambda r: r.review_date or today)
