"""Reading risk registers: scores from the matrix, bands, findings, heat maps, top risks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet

from plantracker.core import visibility
from plantracker.plans.models import Action

from .assessment import Status, unplaced_sentence
from .matrix import Band, Matrix, ScoreFinding, check_score, heat_map
from .models import Risk, RiskRegister


def registers_visible(user: Any, organisation: Any = None) -> QuerySet[RiskRegister]:
    """Organisation registers and those of published plans; a plan's team also sees the
    registers of its unpublished plan."""
    qs = RiskRegister.objects.select_related("organisation", "plan")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.filter(visibility.plans_or_none(user, "plan"))


def registers_with_overdue(user: Any, organisation: Any, today: date) -> QuerySet[RiskRegister]:
    """The registers `user` may see, each with `overdue` (open risks whose review date has
    passed) and `earliest` (the review date longest past)."""
    late = Q(risks__status=Status.OPEN, risks__review_date__lt=today)
    return registers_visible(user, organisation).annotate(
        overdue=Count("risks", filter=late), earliest=Min("risks__review_date", filter=late)
    )


def register_get(user: Any, pk: int | None) -> RiskRegister | None:
    """The register with this id if `user` may see it (a KPI's source, say)."""
    return registers_visible(user).filter(pk=pk).first() if pk else None


@dataclass(frozen=True)
class RiskView:
    risk: Risk
    inherent: int | None
    residual: int | None
    inherent_band: Band | None
    residual_band: Band | None
    findings: tuple[ScoreFinding, ...]

    @property
    def current(self) -> int | None:
        """The score that stands now: residual when assessed, else inherent; from impact and
        likelihood, else the score the register records."""
        r = self.risk
        for score in (self.residual, r.residual_recorded_score, self.inherent, r.recorded_score):
            if score is not None:
                return score
        return None

    @property
    def current_rating(self) -> str:
        """The rating as recorded that stands now: residual, else inherent."""
        return self.risk.residual_recorded_rating or self.risk.recorded_rating

    @property
    def is_open(self) -> bool:
        return self.risk.status == Status.OPEN

    def placed(self, which: str) -> bool:
        """On the heat map: impact and likelihood both given."""
        r = self.risk
        if which == "residual":
            return bool(r.residual_impact and r.residual_likelihood)
        return bool(r.impact and r.likelihood)

    def recorded(self, which: str) -> tuple[bool, bool]:
        """(a recorded score, a recorded rating) for `which` assessment."""
        r = self.risk
        if which == "residual":
            return r.residual_recorded_score is not None, bool(r.residual_recorded_rating)
        return r.recorded_score is not None, bool(r.recorded_rating)

    @property
    def current_band(self) -> Band | None:
        return self.residual_band if self.residual is not None else self.inherent_band


def _score(matrix: Matrix, impact: int | None, likelihood: int | None) -> int | None:
    if impact is None or likelihood is None:
        return None
    return matrix.score(impact, likelihood)


def risk_view(matrix: Matrix, r: Risk) -> RiskView:
    inherent = _score(matrix, r.impact, r.likelihood)
    residual = _score(matrix, r.residual_impact, r.residual_likelihood)
    findings = tuple(
        f
        for f in (
            check_score(
                matrix,
                ref=r.ref,
                title=r.title,
                which="inherent",
                impact=r.impact,
                likelihood=r.likelihood,
                recorded=r.recorded_score,
            ),
            check_score(
                matrix,
                ref=r.ref,
                title=r.title,
                which="residual",
                impact=r.residual_impact,
                likelihood=r.residual_likelihood,
                recorded=r.residual_recorded_score,
            ),
        )
        if f is not None
    )
    return RiskView(r, inherent, residual, matrix.band(inherent), matrix.band(residual), findings)


@dataclass
class HeatCell:
    impact: int
    likelihood: int
    count: int
    score: int
    band: Band | None
    rank: int


@dataclass
class RegisterView:
    register: RiskRegister
    matrix: Matrix
    risks: list[RiskView]

    @property
    def findings(self) -> list[ScoreFinding]:
        return [f for r in self.risks for f in r.findings]

    def heat_rows(self, which: str) -> list[list[HeatCell]]:
        """Rows of cells, highest impact first; columns by likelihood, lowest risk first."""
        risks = [r for r in self.risks if r.is_open]
        if which == "residual":
            pairs = [(r.risk.residual_impact, r.risk.residual_likelihood) for r in risks]
        else:
            pairs = [(r.risk.impact, r.risk.likelihood) for r in risks]
        counts = heat_map(self.matrix, [(i, k) for i, k in pairs if i and k])
        worst = self.matrix.worst_first()
        rows = []
        for impact in worst:
            row = []
            for likelihood in reversed(worst):
                score = self.matrix.score(impact, likelihood)
                band = self.matrix.band(score)
                row.append(HeatCell(impact, likelihood, counts[(impact, likelihood)], score,
                                    band, self.matrix.band_rank(band)))  # fmt: skip
            rows.append(row)
        return rows

    def unplaced(self, which: str) -> list[str]:
        """Sentences saying which open risks the `which` heat map leaves off, and why."""
        off = [r for r in self.risks if r.is_open and not r.placed(which)]
        with_record = [r for r in off if any(r.recorded(which))]
        without = [r for r in off if not any(r.recorded(which))]
        scored = any(r.recorded(which)[0] for r in with_record)
        rated = any(r.recorded(which)[1] for r in with_record)
        sentences = [
            unplaced_sentence([r.risk.ref for r in with_record], scored=scored, rated=rated),
            unplaced_sentence([r.risk.ref for r in without], scored=False, rated=False),
        ]
        return [s for s in sentences if s]

    def closed(self) -> str:
        """'2 risks are closed or inactive and not on the maps: R3, R8' (or "")."""
        refs = [r.risk.ref for r in self.risks if not r.is_open]
        if not refs:
            return ""
        verb = "risk is" if len(refs) == 1 else "risks are"
        return f"{len(refs)} {verb} closed or inactive and not on the maps: {', '.join(refs)}"

    def overdue(self, today: date) -> list[RiskView]:
        """Open risks whose review date has passed, the longest overdue first."""
        late = [r for r in self.risks if r.risk.review_overdue(today)]
        return sorted(late, key=lambda r: r.risk.review_date or today)

    def top(self, n: int = 5) -> list[RiskView]:
        scored = [r for r in self.risks if r.current is not None and r.is_open]
        return sorted(scored, key=lambda r: -self.matrix.severity(r.current or 0))[:n]


def register_view(register: RiskRegister, user: Any = None) -> RegisterView:
    """`user`: whose view, for the actions linked to each risk (the public's by default)."""
    matrix = register.matrix()
    actions = Action.objects.filter(visibility.plans(user, "plan__")).select_related("plan")
    risks = register.risks.prefetch_related(Prefetch("actions", actions)).order_by("position", "id")
    return RegisterView(register, matrix, [risk_view(matrix, r) for r in risks])


def risk_get(register: RiskRegister, ref: str, user: Any = None) -> RiskView | None:
    """One risk of a register the caller may see, as the register page shows it."""
    actions = Action.objects.filter(visibility.plans(user, "plan__")).select_related("plan")
    risk = register.risks.prefetch_related(Prefetch("actions", actions)).filter(ref=ref).first()
    return risk_view(register.matrix(), risk) if risk else None


def count_at_or_above(risks: list[dict[str, Any]], threshold: int) -> int:
    """How many open risks (as in a snapshot) have a current score of at least `threshold`;
    closed and inactive ones no longer count."""
    return sum(
        1
        for r in risks
        if r.get("current") is not None
        and r["current"] >= threshold
        and r.get("status", Status.OPEN) == Status.OPEN
    )


def register_data(view: RegisterView) -> dict[str, Any]:
    """JSON for snapshots, exports and the API."""
    reg = view.register
    return {
        "slug": reg.slug,
        "title": reg.title,
        "organisation": reg.organisation.name,
        "plan": reg.plan.slug if reg.plan else None,
        "matrix": {
            "scale": reg.scale,
            "method": reg.method,
            "one_is_highest": reg.one_is_highest,
            "bands": reg.bands,
            "rule": view.matrix.describe(),
        },
        "risks": [
            {
                "ref": r.risk.ref,
                "title": r.risk.title,
                "causes": r.risk.causes,
                "consequences": r.risk.consequences,
                "owner": r.risk.owner,
                "impact": r.risk.impact,
                "likelihood": r.risk.likelihood,
                "score": r.inherent,
                "recorded_score": r.risk.recorded_score,
                "band": r.inherent_band.name if r.inherent_band else None,
                "controls": r.risk.controls,
                "further_actions": r.risk.further_actions,
                "residual_impact": r.risk.residual_impact,
                "residual_likelihood": r.risk.residual_likelihood,
                "residual_score": r.residual,
                "residual_recorded_score": r.risk.residual_recorded_score,
                "residual_band": r.residual_band.name if r.residual_band else None,
                "recorded_rating": r.risk.recorded_rating,
                "residual_recorded_rating": r.risk.residual_recorded_rating,
                "status": r.risk.status,
                "status_as_written": r.risk.status_text,
                "current": r.current,
                "review_date": r.risk.review_date.isoformat() if r.risk.review_date else None,
                "actions": [a.ref for a in r.risk.actions.all()],
                "findings": [f.message for f in r.findings],
            }
            for r in view.risks
        ],
    }
