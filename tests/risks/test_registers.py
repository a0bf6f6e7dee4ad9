"""Risk registers: the Youth Justice Plan's 1–3 scale, findings, heat maps, and the KPI of
risks scoring 15 or more counted from each published snapshot."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantracker.core.models import Membership
from plantracker.indicators.models import Indicator
from plantracker.operations.sample import CLIMATE_REGISTER, YOUTH_JUSTICE_REGISTER
from plantracker.risks.matrix import Matrix, Method, check_score
from plantracker.risks.models import Risk, RiskRegister
from plantracker.risks.selectors import register_view
from plantracker.updates import services
from tests.conftest import SAMPLES

YJ_FILE = SAMPLES / "youth-justice-risk-register-2020-23.txt"


def recorded_scores() -> list[tuple[str, int, int, int, int, int, int]]:
    """(risk, impact, likelihood, score, residual impact, likelihood, score) rows read from
    the sample file itself, skipping the repeated headers and page-break continuations."""
    rows = []
    for line in YJ_FILE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 12 and cells[0] and cells[4].isdigit():
            nums = [int(cells[i]) for i in (4, 5, 6, 9, 10, 11)]
            rows.append((cells[0], *nums))
    return rows


@pytest.mark.django_db
def test_youth_justice_register_findings_are_the_scores_that_disagree(samples: None) -> None:
    register = RiskRegister.objects.get(slug=YOUTH_JUSTICE_REGISTER)
    assert (register.scale, register.method, register.one_is_highest) == (3, "product", True)
    view = register_view(register)
    rows = recorded_scores()
    assert len(view.risks) == len(rows) == 5
    expected = []
    for title, i, k, s, ri, rl, rs in rows:
        if i * k != s:
            expected.append((title, "inherent", s, i * k))
        if ri * rl != rs:
            expected.append((title, "residual", rs, ri * rl))
    found = [(f.title, f.which, f.recorded, f.expected) for f in view.findings]
    assert found == expected
    assert len(found) == 3  # restructuring 5 (2×3), its residual 2 (2×2), remand 5 (2×3)
    assert "5 is the sum, not the product" in view.findings[0].message
    # the page-break continuation joined the risk above it
    remand = Risk.objects.get(register=register, title__startswith="Low level use of remand")
    assert remand.controls.endswith("children a strategic priority")
    # 1 is the highest risk: the worst-scoring risk is the one with the lowest score
    assert view.top(1)[0].current == min(r.current for r in view.risks)
    assert view.risks[0].inherent_band.name == "Medium"  # 2×2 = 4


@pytest.mark.django_db
def test_heat_map_counts_every_risk_once(samples: None) -> None:
    view = register_view(RiskRegister.objects.get(slug=CLIMATE_REGISTER))
    for which in ("inherent", "residual"):
        cells = [c for row in view.heat_rows(which) for c in row]
        assert len(cells) == 25
        assert sum(c.count for c in cells) == len(view.risks)
    top_left = view.heat_rows("inherent")[0][-1]
    assert (top_left.impact, top_left.likelihood, top_left.score) == (5, 5, 25)


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 25), st.sampled_from(list(Method)))
def test_a_finding_exactly_when_the_recorded_score_differs(
    i: int, k: int, recorded: int, method: Method
) -> None:
    m = Matrix(method=method)
    finding = check_score(m, ref="R", title="t", which="inherent", impact=i, likelihood=k,
                          recorded=recorded)  # fmt: skip
    assert (finding is None) == (recorded == m.score(i, k))


@pytest.mark.django_db
def test_high_risk_kpi_has_one_observation_per_published_snapshot(
    samples: None, django_user_model: object
) -> None:
    register = RiskRegister.objects.get(slug=CLIMATE_REGISTER)
    plan = register.plan
    kpi = Indicator.objects.get(register=register)
    assert kpi.observations.count() == 0  # no published period yet
    approver = django_user_model.objects.create_user("ap")  # type: ignore[attr-defined]
    Membership.objects.create(user=approver, organisation=plan.organisation, role="approver")

    def publish(label: str, due: date) -> None:
        period = services.period_create(plan=plan, user=approver, label=label, due=due)
        services.period_close(period=period, user=approver)
        services.period_publish(period=period, user=approver)

    def expected_now() -> int:
        return sum(1 for r in register_view(register).risks if (r.current or 0) >= 15)

    first = expected_now()
    publish("September 2020", date(2020, 9, 1))
    # the flood warden cover is extended: the flooding risk's residual likelihood falls
    flood = register.risks.get(ref="CR4")
    flood.residual_likelihood = 2
    flood.save()
    second = expected_now()
    assert second == first - 1
    publish("March 2021", date(2021, 3, 1))
    obs = list(kpi.observations.order_by("period_end"))
    assert [(o.period, int(o.value)) for o in obs] == [
        ("September 2020", first), ("March 2021", second),
    ]  # fmt: skip
    assert all(o.derived for o in obs)
    from plantracker.indicators.selectors import kpi_view
    from plantracker.indicators.status import Status

    assert kpi_view(kpi).status is Status.MET  # fewer high risks than at the last snapshot
