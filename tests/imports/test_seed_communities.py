"""The Net Zero action plan 'Communities' page, imported as the council exported it."""

import csv
from collections import Counter
from decimal import Decimal

from plantracker.plans.models import Action, Finding, Plan
from plantracker.plans.scoring import DEFAULT_WEIGHTS, score
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from tests.conftest import COMMUNITIES


def raw_rows() -> list[list[str]]:
    """The seed's action rows read with nothing but the csv module (for cross-checks)."""
    with COMMUNITIES.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return [r for r in rows if len(r) >= 10 and r[2] and r[0] != "Action ID"]


def test_twenty_one_actions_c1_to_c21(communities: Plan) -> None:
    refs = list(communities.actions.values_list("ref", flat=True))
    assert refs == [f"C{n}" for n in range(1, 22)]
    assert len(raw_rows()) == 21
    c3 = communities.actions.get(ref="C3")
    assert c3.ref.isascii()  # "СЗ" typed in Cyrillic, read as Latin C3


def test_themes(communities: Plan) -> None:
    counts = Counter(communities.actions.values_list("theme__name", flat=True))
    assert list(communities.themes.values_list("name", flat=True)) == [
        "Engagement",
        "Enabling Action",
    ]
    assert counts == {"Engagement": 12, "Enabling Action": 9}


def test_stages_and_roles(communities: Plan) -> None:
    assert Counter(communities.actions.values_list("stage", flat=True)) == {
        "Delivery": 8,
        "Design": 2,
        "Discovery": 11,
    }
    assert Counter(communities.actions.values_list("role", flat=True)) == {
        "Lead": 13,
        "Ask": 5,
        "Influence": 3,
    }


def test_scores(communities: Plan) -> None:
    scores = dict(communities.actions.values_list("ref", "score"))
    expected = {
        "C1": 9,
        "C2": 18,
        "C4": 6,
        "C11": "7.5",
        "C13": 12,
        "C16": 9,
        "C18": 12,
        "C21": "4.5",
    }
    for ref, value in expected.items():
        assert scores[ref] == Decimal(str(value)), ref


def test_every_recorded_score_kept_and_only_c6_c15_disagree(communities: Plan) -> None:
    recorded = {r[0].replace("С", "C").replace("З", "3"): Decimal(r[8]) for r in raw_rows()}
    actions = {a.ref: a for a in communities.actions.all()}
    assert {ref: Decimal(a.recorded_score) for ref, a in actions.items()} == recorded
    mismatched = sorted(ref for ref, a in actions.items() if a.recorded_score != a.score)
    assert mismatched == ["C15", "C6"]
    findings = communities.findings.filter(kind=Finding.Kind.SCORE_MISMATCH)
    assert sorted(f.ref for f in findings) == ["C15", "C6"]
    assert all("recorded score 4" in f.message and "gives 6" in f.message for f in findings)
    # the rule applied to the normalised inputs reproduces the stored computed score
    for a in actions.values():
        assert score(a.timescale, a.cost, a.carbon, DEFAULT_WEIGHTS) == a.score


def test_rag_unknown_everywhere(communities: Plan) -> None:
    assert set(communities.actions.values_list("rag", flat=True)) == {None}
    assert set(ProgressUpdate.objects.values_list("rag", flat=True)) == {None}


def test_december_2023_period_with_intact_updates(communities: Plan) -> None:
    period = ReportingPeriod.objects.get(plan=communities)
    assert period.label == "December 2023"
    updates = {u.action.ref: u for u in period.updates.select_related("action")}
    assert len(updates) == 21
    texts = {r[0]: r[-1].strip() for r in raw_rows() if r[0].startswith("C1") and len(r) == 11}
    assert set(texts) == {"C17", "C18", "C19"}  # the rows that lost their RAG cell
    for ref, text in texts.items():
        assert updates[ref].narrative == text
    assert updates["C20"].narrative.startswith("Solar Together 2022 has concluded")
    assert "£4.3 million" in updates["C20"].narrative
    assert updates["C21"].narrative == "To be progressed at a future point, medium/long timeframes"
    assert updates["C5"].stage == "Discovery"


def test_normalised_values_are_findings_with_the_original(communities: Plan) -> None:
    normalised = communities.findings.filter(kind=Finding.Kind.NORMALISED)
    by_ref_field = {(f.ref, f.field): f.original for f in normalised}
    assert by_ref_field[("C3", "ref")] == "СЗ"
    assert by_ref_field[("C16", "cost")] == "I"
    assert by_ref_field[("C1", "timescale")] == "s"
    assert by_ref_field[("C6", "timescale")] == "м"
    assert by_ref_field[("", "theme")] == "Enabling Acti | ion"
    shifted = communities.findings.filter(kind=Finding.Kind.SHIFTED)
    assert sorted(f.ref for f in shifted) == ["C17", "C18", "C19", "C20", "C21"]


def test_no_date_findings_when_the_plan_has_no_dates(communities: Plan) -> None:
    assert not communities.findings.filter(kind__in=["missing_start", "missing_end"]).exists()


def test_objectives_and_partners(communities: Plan) -> None:
    c9 = communities.actions.get(ref="C9")
    assert sorted(o.code for o in c9.objectives.all()) == ["1", "2", "5"]
    c1 = communities.actions.get(ref="C1")
    assert [o.code for o in c1.objectives.all()] == ["All"]
    assert [p.name for p in c1.partners.all()] == ["All partners Business Residents"]
    assert Action.objects.get(ref="C8").partners.count() == 0
