from decimal import Decimal

from plantracker.plans.models import Finding, Plan
from plantracker.plans.services import scoring_scheme_update


def test_changing_the_weights_rescores_every_action(communities: Plan) -> None:
    scheme = communities.scoring_scheme
    scoring_scheme_update(scheme=scheme, timescale={"S": 3, "M": 4, "L": 1})
    scores = dict(communities.actions.values_list("ref", "score"))
    assert scores["C6"] == Decimal(12)  # M now 4: 4 × 3 × 1
    assert scores["C1"] == Decimal(9)  # S unchanged
    assert scores["C11"] == Decimal("10.5")  # S/M = (3 + 4) / 2 = 3.5
    mismatches = communities.findings.filter(kind=Finding.Kind.SCORE_MISMATCH)
    assert {f.ref for f in mismatches} >= {"C6", "C15", "C11"}
    assert "gives 12" in mismatches.get(ref="C6").message
