"""A council with something unpublished everywhere, each piece carrying its own marker text:
a draft plan with an action and a KPI (linked to public strategies, a public roadmap and a
public risk register), an open period with draft, submitted, returned and approved updates,
a reviewer's comment and previews prepared by the worker. Nobody outside the plan's team may
ever read a marker (tests/web/test_no_leak.py); the plan's team reads them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from plantracker.carbon.models import Roadmap
from plantracker.core.models import Membership, Organisation
from plantracker.indicators.models import Indicator
from plantracker.plans.models import Plan, ScoringScheme
from plantracker.reports.models import PreparedReport
from plantracker.risks.models import Risk, RiskRegister
from plantracker.strategy.models import Aim, Measure, Outcome, Strategy, StrategyObjective
from plantracker.updates import services
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from tests.conftest import People

LCC = "leicestershire-county-council"
DRAFT_PLAN = "lcc-draft"
DRAFT_REF = "ZQREF9"
DRAFT_KPI = "zq-draft-kpi"
DERIVED_KPI = "zq-derived"  # the council's own KPI, counted from the draft plan's register
REGISTER = "zq-org-risks"
OUTCOMES = "os"

# Never to be read outside the plan's team, before or after the period is published.
SECRETS = {
    "draft plan": "ZQDRAFTPLAN",
    "draft plan's action": "ZQDRAFTACTION",
    "draft plan's action ref": DRAFT_REF,
    "draft plan's KPI": "ZQDRAFTKPI",
    "draft plan's risk register": "ZQDRAFTREGISTER",
    "draft update": "ZQDRAFTUPDATE",
    "draft update's RAG reason": "ZQRAGREASONDRAFT",
    "submitted update (returned at publication)": "ZQSUBMITTED",
    "returned update": "ZQRETURNED",
    "returned update's comment": "ZQRETURNCOMMENT",
    "returned update's RAG reason": "ZQRAGREASONRETURNED",
    "preview report's file": "ZQPREVIEWFILE",
    "staff username": "zqrequester",
}
# Unpublished until the period is published, public afterwards: an approved update, and the
# approver's comment on an update returned once and then approved (kept in its history).
APPROVED = "ZQAPPROVED"
PUBLISHED_LATER = {
    "approved update": APPROVED,
    "comment on an update published later": "ZQEARLYCOMMENT",
}


@dataclass
class Leaky:
    people: People
    period: ReportingPeriod
    outsiders: dict[str, Any]  # every role of another council, by role


def _user(name: str) -> Any:
    return get_user_model().objects.create_user(name, email=f"{name}@example.org")


def _write(
    people: People, ref: str, text: str, submit: bool = True, reason: str = ""
) -> ProgressUpdate:
    return services.update_write(
        action=people.plan.actions.get(ref=ref),
        period=people.plan.periods.get(slug="march-2024"),
        user=people.editor,
        data=services.UpdateInput(narrative=text, rag="Red" if reason else None, rag_reason=reason),
        version=0,
        submit=submit,
    )


def _review(people: People, update: ProgressUpdate, comment: str = "") -> ProgressUpdate:
    update.refresh_from_db()
    return services.update_review(
        update=update,
        user=people.approver,
        approve=not comment,
        comment=comment,
        version=update.version,
    )


def _draft_plan(org: Organisation) -> Any:
    plan = Plan.objects.create(
        organisation=org,
        slug=DRAFT_PLAN,
        title=SECRETS["draft plan"],
        scoring_scheme=ScoringScheme.objects.create(),
    )
    action = plan.actions.create(ref=DRAFT_REF, title=SECRETS["draft plan's action"])
    kpi = Indicator.objects.create(
        organisation=org, plan=plan, slug=DRAFT_KPI, title=SECRETS["draft plan's KPI"]
    )
    kpi.actions.add(action)
    # Public strategies the draft KPI is linked to: aims and objectives, outcomes and measures.
    aims = Strategy.objects.get(organisation=org, slug="es")
    aim = Aim.objects.create(strategy=aims, code="A", title="Aim A")
    kpi.objectives.add(
        StrategyObjective.objects.create(aim=aim, code="A1", text="One", kind="internal")
    )
    outcomes = Strategy.objects.create(organisation=org, slug=OUTCOMES, title="OS", kind="outcomes")
    top = Outcome.objects.create(strategy=outcomes, title="Top")
    child = Outcome.objects.create(strategy=outcomes, parent=top, title="Child")
    kpi.measures.add(Measure.objects.create(outcome=child, text="Measure"))
    # A public roadmap's workstream and a public register's risk delivered by the action.
    Roadmap.objects.get(organisation=org, slug="t1").workstreams.get().actions.add(action)
    register = RiskRegister.objects.create(organisation=org, slug=REGISTER, title="Org risks")
    risk = Risk.objects.create(
        register=register, ref="OR1", title="Org risk", impact=2, likelihood=2
    )
    risk.actions.add(action)
    draft_register = RiskRegister.objects.create(
        organisation=org,
        plan=plan,
        slug="zq-draft-register",
        title=SECRETS["draft plan's risk register"],
    )
    Indicator.objects.create(
        organisation=org, slug=DERIVED_KPI, title="High risks", derived="high_risks",
        register=draft_register, threshold=10,
    )  # fmt: skip
    return plan


def _outsiders(people: People) -> dict[str, Any]:
    """Every role at another council (Rutland), whose own draft plan they may see."""
    role = Membership.Role
    other = people.other_plan.organisation
    found = {"outsider editor": people.outsider}
    for name, r, plan in (
        ("outsider contributor", role.CONTRIBUTOR, people.other_plan),
        ("outsider approver", role.APPROVER, None),
        ("outsider admin", role.ADMIN, None),
    ):
        user = _user(name.replace(" ", "-"))
        Membership.objects.create(user=user, organisation=other, plan=plan, role=r)
        found[name] = user
    return found


def leaky_world(people: People) -> Leaky:
    """`people` as tests/web/test_permissions.py's `world` leaves them, with the markers."""
    org = people.plan.organisation
    _draft_plan(org)
    period = people.plan.periods.get(slug="march-2024")
    _write(people, "C2", SECRETS["draft update"], False, SECRETS["draft update's RAG reason"])
    _write(people, "C3", SECRETS["submitted update (returned at publication)"])
    _review(
        people,
        _write(
            people, "C4", SECRETS["returned update"], True, SECRETS["returned update's RAG reason"]
        ),
        SECRETS["returned update's comment"],
    )
    _review(people, _write(people, "C5", APPROVED))
    early = _write(people, "C6", f"{APPROVED} after a return")
    _review(people, early, PUBLISHED_LATER["comment on an update published later"])
    early.refresh_from_db()
    requester = _user(SECRETS["staff username"])  # no full name: the username would show
    Membership.objects.create(user=requester, organisation=org, role=Membership.Role.EDITOR)
    services.update_write(
        action=early.action, period=period, user=requester,
        data=services.UpdateInput(narrative=f"{APPROVED} after a return"),
        version=early.version, submit=True,
    )  # fmt: skip
    _review(people, early)
    preview = PreparedReport(period=period, fmt="pdf", status="ready", requested_by=requester)
    text = SECRETS["preview report's file"]
    preview.file.save("preview.pdf", ContentFile(f"%PDF-1.7 {text}".encode()), save=True)
    return Leaky(people, period, _outsiders(people))


def publish(leaky: Leaky) -> None:
    """The approver approves C13, returns C3 and publishes March 2024."""
    people = leaky.people
    for ref, comment in (("C13", ""), ("C3", "Not yet")):
        _review(people, ProgressUpdate.objects.get(action__plan=people.plan, action__ref=ref,
                                                   period=leaky.period), comment)  # fmt: skip
    services.period_close(period=leaky.period, user=people.approver)
    services.period_publish(period=leaky.period, user=people.approver)
    leaky.period.refresh_from_db()


def prepare_after_publication(leaky: Leaky) -> PreparedReport:
    """A report prepared from the published period: public."""
    made = PreparedReport(period=leaky.period, fmt="pdf", status="ready", preview=False,
                          requested_by=leaky.people.editor, finished_at=timezone.now())  # fmt: skip
    made.file.save("published.pdf", ContentFile(b"%PDF-1.7 published"), save=True)
    return made
