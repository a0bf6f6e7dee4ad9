"""Keeping a register: create one and change its matrix (bands checked, a preview of the grid
and of the risks that would move band); add, change, close and reopen risks, each change
checked against the version the page showed and kept in the history."""

from __future__ import annotations

from datetime import date

import pytest

from plantracker.risks import services
from plantracker.risks.matrix import Band, Matrix, Method
from plantracker.risks.models import Risk, RiskRegister
from plantracker.risks.selectors import register_view
from tests.conftest import People

FIVE = {"title": "Corporate risks", "scale": 5, "method": "product", "one_is_highest": False,
        "bands": [Band("Low", 1, 4), Band("Medium", 5, 12), Band("High", 15, 25)]}  # fmt: skip


def test_bands_are_checked_in_words() -> None:
    assert services.check_bands(5, "product", FIVE["bands"]) == []
    problems = services.check_bands(
        4, "sum", [Band("Low", 5, 2), Band("High", 3, 9), Band("low", 20, 30)]
    )
    text = " ".join(problems)
    assert "Low: its lowest score 5 is above its highest 2." in text
    assert "low: 20–30 is outside the scores this matrix gives (2–8)." in text
    assert "low is named twice" in text
    assert "overlap" in text
    assert services.check_bands(5, "product", []) == [
        "Give at least one band, for example “Low 1-4”."
    ]


def test_the_preview_is_the_grid_with_its_bands() -> None:
    matrix = Matrix(4, Method.PRODUCT, False, (Band("Low", 1, 3), Band("High", 8, 16)))
    preview = services.matrix_preview(matrix)
    assert [c.score for c in preview.rows[0]] == [4, 8, 12, 16]  # impact 4, likelihood 1 to 4
    assert preview.rows[0][-1].band == Band("High", 8, 16)
    assert preview.rows[-1][0].score == 1
    assert preview.uncovered == [4, 6]  # 4 = 1×4, 2×2; 6 = 2×3: no band names them
    one_high = services.matrix_preview(Matrix(3, Method.SUM, True, (Band("All", 2, 6),)))
    assert one_high.rows[0][0].impact == 1  # 1 is the highest: first row
    assert one_high.uncovered == []


@pytest.mark.django_db
def test_create_a_register_and_change_its_matrix(people: People) -> None:
    org = people.plan.organisation
    register = services.register_create(organisation=org, plan=None, values=FIVE,
                                         user=people.admin)  # fmt: skip
    assert register.slug == "corporate-risks"
    again = services.register_create(organisation=org, plan=None, values=FIVE, user=people.admin)
    assert again.slug == "corporate-risks-2"
    flood = {"title": "Flood", "impact": 3, "likelihood": 4}
    risk = services.risk_create(register=register, ref="R1", values=flood, actions=[],
                                user=people.admin)  # fmt: skip
    assert register_view(register).risks[0].inherent_band.name == "Medium"

    four = {**FIVE, "scale": 4, "bands": [Band("Low", 1, 6), Band("High", 8, 16)]}
    preview = services.matrix_preview(
        Matrix(4, Method.PRODUCT, False, tuple(four["bands"])), register
    )
    assert preview.moved == [("R1", "12 Medium", "12 High")]
    changes = services.register_change(register=register, values=four, version=0,
                                       user=people.admin)  # fmt: skip
    assert {c.field for c in changes} == {"scale", "bands"}
    register.refresh_from_db()
    assert register.version == 1 and register.scale == 4
    assert register.history.first().history_user == people.admin
    with pytest.raises(services.RiskConflict):
        services.register_change(register=register, values=FIVE, version=0, user=people.admin)

    # A smaller scale than the register's risks use is refused, saying which.
    services.risk_change(risk=risk, values={"impact": 4, "likelihood": 4}, actions=[],
                         version=0, user=people.admin)  # fmt: skip
    three = {**FIVE, "scale": 3, "bands": [Band("All", 1, 9)]}
    with pytest.raises(services.Refused, match="Risks R1 are scored above 3"):
        services.register_change(register=register, values=three, version=1, user=people.admin)


@pytest.mark.django_db
def test_add_change_close_and_reopen_a_risk(people: People) -> None:
    org = people.plan.organisation
    register = services.register_create(organisation=org, plan=None, values=FIVE,
                                         user=people.admin)  # fmt: skip
    action = people.plan.actions.get(ref="C13")
    risk = services.risk_create(
        register=register, ref="R1",
        values={"title": "Heat stress", "owner": "Public health", "impact": 4, "likelihood": 4,
                "residual_impact": 3, "residual_likelihood": 2, "review_date": date(2026, 1, 1)},
        actions=[action], user=people.admin,
    )  # fmt: skip
    assert list(risk.actions.all()) == [action]
    assert services.next_ref(register) == "R2"
    with pytest.raises(services.Refused, match="R1 is already a risk"):
        services.risk_create(register=register, ref="R1", values={"title": "x"}, actions=[],
                             user=people.admin)  # fmt: skip
    with pytest.raises(services.Refused, match="Inherent impact must be from 1 to 5"):
        services.risk_create(register=register, ref="R2", values={"title": "x", "impact": 6,
                             "likelihood": 1}, actions=[], user=people.admin)  # fmt: skip
    with pytest.raises(services.Refused, match="Give both"):
        services.risk_create(register=register, ref="R2", values={"title": "x", "impact": 2,
                             "likelihood": None}, actions=[], user=people.admin)  # fmt: skip
    other = people.other_plan.actions.create(ref="X1", title="Elsewhere", position=1)
    with pytest.raises(services.Refused, match="organisation's own plans"):
        services.risk_change(risk=risk, values={}, actions=[other], version=0, user=people.admin)

    changes = services.risk_change(risk=risk, values={"owner": "Resilience", "impact": 5},
                                   actions=[], version=0, user=people.editor)  # fmt: skip
    assert [c.label for c in changes] == ["Owner", "Inherent impact", "Linked actions"]
    assert services.risk_change(risk=risk, values={"owner": "Resilience"}, actions=[],
                                version=1, user=people.editor) == []  # fmt: skip
    with pytest.raises(services.RiskConflict, match="edith changed this risk"):
        services.risk_change(risk=risk, values={"owner": "Me"}, actions=[], version=0,
                             user=people.admin)  # fmt: skip

    today = date(2026, 6, 1)
    assert [r.ref for r in services.overdue(register.risks.all(), today)] == ["R1"]
    view = register_view(register)
    assert [r.risk.ref for r in view.overdue(today)] == ["R1"]
    assert view.top()[0].risk.ref == "R1"

    services.risk_close(risk=risk, version=1, user=people.admin)
    risk.refresh_from_db()
    assert risk.status == "closed" and risk.version == 2
    view = register_view(register)
    assert view.top() == [] and view.overdue(today) == []  # closed: not counted, not flagged
    assert "1 risk is closed" in view.closed()
    with pytest.raises(services.Refused, match="already closed"):
        services.risk_close(risk=risk, version=2, user=people.admin)

    services.risk_reopen(risk=risk, version=2, user=people.admin)
    risk.refresh_from_db()
    assert risk.status == "open"
    # (linking actions writes a second record with the same reason)
    reasons = list(
        dict.fromkeys(h.history_change_reason for h in risk.history.order_by("history_date"))
    )
    assert reasons == ["Added on its page", "Changed on its page: Owner, Inherent impact, "
                       "Linked actions", "Closed", "Reopened"]  # fmt: skip
    assert Risk.history.filter(id=risk.pk, status="closed").exists()


@pytest.mark.django_db
def test_a_reserved_reference_is_refused(people: People) -> None:
    register = RiskRegister.objects.create(organisation=people.plan.organisation, slug="x",
                                           title="X")  # fmt: skip
    with pytest.raises(services.Refused, match="cannot be a risk's reference"):
        services.risk_create(register=register, ref="settings", values={"title": "x"},
                             actions=[], user=people.admin)  # fmt: skip
