"""The permission matrix: every route the app defines × every role, allowed or denied.

A new route without an entry here fails test_every_route_has_an_entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from plantracker.core.models import Membership
from plantracker.plans.models import Plan
from plantracker.updates import services
from tests.conftest import People

ROLES = [
    "anonymous",
    "other_contributor",  # a contributor on another action (C1)
    "contributor",  # C13's contributor
    "editor",
    "approver",
    "admin",  # the council's administrator
    "outsider",  # an editor at another council
]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
INSIDERS = {"other_contributor", "contributor", "editor", "approver", "admin"}
PLAN = "/plans/net-zero-communities"
C13 = f"{PLAN}/actions/C13"


@dataclass
class Case:
    method: str
    url: str
    allowed: set[str]
    data: dict[str, str] = field(default_factory=dict)


LCC = "leicestershire-county-council"
WITHDRAW = {"reason": "Merged", "on": "2026-11-30", "version": "0"}
ES = f"/organisations/{LCC}/strategies/es"
NEW_STRATEGY = {"title": "Waste strategy", "kind": "aims"}
KPI_A = f"/organisations/{LCC}/kpis/kpi-a"
NEW_KPI = {"title": "Homes retrofitted", "plan": "net-zero-communities", "direction": "higher"}
SETTINGS = {"title": "Communities", "status": "published"}
ORG_SETTINGS = {"report_name": "Leicestershire County Council", "committees": "Scrutiny"}
BULK = {"people": "{contributor}", "do": "assign", "actions": "{c13}"}
SCORING = {"preview": "1", "timescale_S": "3", "timescale_M": "2", "timescale_L": "1",
           "cost_L": "3", "cost_M": "2", "cost_H": "1", "carbon_L": "1", "carbon_M": "2",
           "carbon_H": "3"}  # fmt: skip


ROADMAP = f"/organisations/{LCC}/roadmaps/t1"
CARBON = f"/organisations/{LCC}/carbon"
# The key of a row the world makes of a kind other tests make many of (findings, objectives):
# on PostgreSQL a rolled-back test does not give back its keys, so 10000 is reached.
RARE = 1_000_000_000
TARGET = {"name": "Net zero", "reduction": "100", "year": "2030", "baseline_period": "2018-19"}
SOURCE = {"name": "Fleet", "scope": "1", "category": "fleet", "measured": "on"}
FIGURE = {"period": "2019-20", "tco2e": "95.5", "quality": "actual"}
ROADMAP_FORM = {"title": "T1", "baseline_period": "2018-19", "baseline_tco2e": "100",
                "first_year": "2019", "target_year": "2030"}  # fmt: skip
WORKSTREAM = {"name": "W", "category": "complex", "saving": "10", "start_year": "2020",
              "phasing": "linear", "included": "on"}  # fmt: skip
LR = f"/organisations/{LCC}/risks/lr"  # the council's own register
NEW_REGISTER = {"title": "Corporate risks", "scale": "5", "method": "product", "highest": "top",
                "bands": "Low 1-4\nMedium 5-12\nHigh 15-25", "save": "1"}  # fmt: skip


def membership_pk() -> str:
    return str(Membership.objects.get(user__username="oscar").pk)


MATRIX: dict[str, list[Case]] = {
    "home": [Case("get", "/", EVERYONE)],
    "sign-in": [Case("get", "/sign-in/", EVERYONE)],
    "sign-out": [Case("post", "/sign-out/", EVERYONE)],
    # django-allauth's pages (tests/web/test_sign_in.py, test_sso.py): the sign-in page under
    # its name too; the second step of a sign-in with two-factor, reached only from the first.
    "account_login": [
        Case("get", "/sign-in/", EVERYONE),
        Case("post", "/sign-in/", EVERYONE, {"username": "nobody", "password": "wrong"}),
    ],
    "mfa_authenticate": [  # someone signed in already is sent on to their updates
        Case("get", "/sign-in/two-factor/", SIGNED_IN),
        Case("post", "/sign-in/two-factor/", SIGNED_IN, {"code": "123456"}),
    ],
    "account_inactive": [Case("get", "/sign-in/inactive/", EVERYONE)],
    # No identity provider is configured here: test_sso.py signs in through a real one.
    "openid_connect_login": [
        Case("get", "/sign-in/sso/council/", set()),
        Case("post", "/sign-in/sso/council/", set()),
    ],
    "openid_connect_callback": [Case("get", "/sign-in/sso/council/callback/", set())],
    "socialaccount_login_cancelled": [Case("get", "/sign-in/sso-cancelled/", EVERYONE)],
    "account_reset_password": [
        Case("get", "/password-reset/", EVERYONE),
        Case("post", "/password-reset/", EVERYONE, {"email": "nobody@example.org"}),
    ],
    "account_reset_password_done": [Case("get", "/password-reset/sent/", EVERYONE)],
    # A link that does not work: the page says so (test_sign_in.py follows one that does).
    "account_reset_password_from_key": [
        Case("get", "/password-reset/key/1-not-a-key/", EVERYONE),
        Case("post", "/password-reset/key/1-not-a-key/", EVERYONE, {"password1": "x"}),
    ],
    "account_reset_password_from_key_done": [Case("get", "/password-reset/done/", EVERYONE)],
    "account": [Case("get", "/account/", SIGNED_IN)],
    "account_change_password": [
        Case("get", "/account/password/", SIGNED_IN),
        Case("post", "/account/password/", SIGNED_IN, {"oldpassword": "wrong"}),
    ],
    "account_set_password": [
        Case("get", "/account/password/set/", SIGNED_IN),
        Case("post", "/account/password/set/", SIGNED_IN, {"password1": "x"}),
    ],
    "account_reauthenticate": [
        Case("get", "/account/confirm/", SIGNED_IN),
        Case("post", "/account/confirm/", SIGNED_IN, {"password": "wrong"}),
    ],
    "mfa_reauthenticate": [
        Case("get", "/account/confirm/code/", SIGNED_IN),
        Case("post", "/account/confirm/code/", SIGNED_IN, {"code": "123456"}),
    ],
    "mfa_index": [Case("get", "/account/two-factor/", SIGNED_IN)],
    "mfa_activate_totp": [
        Case("get", "/account/two-factor/set-up/", SIGNED_IN),
        Case("post", "/account/two-factor/set-up/", SIGNED_IN, {"code": "123456"}),
    ],
    "mfa_deactivate_totp": [  # nobody here has two-factor on (test_sign_in.py turns it on)
        Case("get", "/account/two-factor/turn-off/", set()),
        Case("post", "/account/two-factor/turn-off/", set()),
    ],
    "my-updates": [Case("get", "/my-updates/", SIGNED_IN)],  # the old address of My work
    "my-work": [Case("get", "/my-work/", SIGNED_IN)],
    "account-notifications": [
        Case("get", "/account/notifications/", SIGNED_IN),
        Case("post", "/account/notifications/", SIGNED_IN),
    ],
    # The links in emails work for anyone holding them (tests/notifications); a link that does
    # not work is refused for everyone.
    "unsubscribe": [
        Case("get", "/unsubscribe/not-a-token/", set()),
        Case("post", "/unsubscribe/not-a-token/", set()),
    ],
    "subscription-confirm": [
        Case("get", "/subscriptions/confirm/not-a-token/", set()),
        Case("post", "/subscriptions/confirm/not-a-token/", set()),
    ],
    "plan-subscribe": [
        Case("get", f"{PLAN}/subscribe/", EVERYONE),
        Case("post", f"{PLAN}/subscribe/", EVERYONE, {"email": "resident@example.com"}),
        Case("get", "/plans/rutland-climate/subscribe/", set()),  # a draft: nothing to send
    ],
    "people": [
        Case("get", "/organisations/leicestershire-county-council/people/", {"admin"}),
        Case(
            "post",
            "/organisations/leicestershire-county-council/people/",
            {"admin"},
            {"username": "newbie", "password": "a-long-enough-password", "role": "contributor"},
        ),
    ],
    "person-invite": [
        Case("get", f"/organisations/{LCC}/people/invite/", {"admin"}),
        Case(
            "post",
            f"/organisations/{LCC}/people/invite/",
            {"admin"},
            {"full_name": "Nina Patel", "email": "nina@example.org", "role": "contributor"},
        ),
    ],
    "invitation-send": [
        Case("post", f"/organisations/{LCC}/people/invitations/10000/send/", {"admin"})
    ],
    "invitation-withdraw": [
        Case("post", f"/organisations/{LCC}/people/invitations/10000/withdraw/", {"admin"})
    ],
    # The invitation's link: a page for anyone holding it (here a link that does not work).
    "password-set": [Case("get", "/set-password/MQ/not-a-token/", EVERYONE)],
    "password-set-done": [Case("get", "/set-password/done/", EVERYONE)],
    "membership-remove": [
        Case(
            "post",
            "/organisations/leicestershire-county-council/people/{membership}/remove/",
            {"admin"},
        )
    ],
    "plan": [
        Case("get", f"{PLAN}/", EVERYONE),
        Case("get", "/plans/rutland-climate/", {"outsider"}),  # a draft at another council
    ],
    "actions": [
        Case("get", f"{PLAN}/actions/", EVERYONE),
        Case("get", "/plans/rutland-climate/actions/", {"outsider"}),
    ],
    "action": [Case("get", f"{C13}/", EVERYONE)],
    "plan-new": [
        Case("get", f"/organisations/{LCC}/add-plan/", {"admin"}),
        Case("post", f"/organisations/{LCC}/add-plan/", {"admin"}, {"title": "New plan"}),
    ],
    "plan-settings": [
        Case("get", f"{PLAN}/settings/", {"editor", "admin"}),
        Case("post", f"{PLAN}/settings/", {"editor", "admin"}, SETTINGS),
    ],
    "plan-themes": [
        Case("get", f"{PLAN}/themes/", {"editor", "admin"}),
        Case("post", f"{PLAN}/themes/", {"editor", "admin"}, {"do": "add", "name": "New"}),
    ],
    "plan-scoring": [
        Case("get", f"{PLAN}/scoring/", {"editor", "admin"}),
        Case("post", f"{PLAN}/scoring/", {"editor", "admin"}, SCORING),
    ],
    "action-new": [
        Case("get", f"{PLAN}/add-action/", {"editor", "admin"}),
        Case("post", f"{PLAN}/add-action/", {"editor", "admin"}, {"ref": "C99", "title": "T"}),
    ],
    "action-edit": [
        Case("get", f"{C13}/edit/", {"editor", "admin"}),
        Case("post", f"{C13}/edit/", {"editor", "admin"}, {"title": "T", "version": "0"}),
    ],
    "action-withdraw": [
        Case("get", f"{C13}/withdraw/", {"editor", "admin"}),
        Case("post", f"{C13}/withdraw/", {"editor", "admin"}, WITHDRAW),
    ],
    "action-restore": [Case("post", f"{C13}/restore/", {"editor", "admin"}, {"version": "0"})],
    "plan-objectives": [
        Case("get", f"{PLAN}/objectives/", {"editor", "admin"}),
        Case("post", f"{PLAN}/objectives/", {"editor", "admin"}, {"code": "Z9", "text": "New"}),
    ],
    "plan-objective": [
        Case("get", f"{PLAN}/objectives/{RARE}/", {"editor", "admin"}),
        Case("post", f"{PLAN}/objectives/{RARE}/", {"editor", "admin"}, {"code": "Z1"}),
    ],
    "finding-dismiss": [
        Case("get", f"{PLAN}/findings/{RARE}/dismiss/", {"editor", "admin"}),
        Case("post", f"{PLAN}/findings/{RARE}/dismiss/", {"editor", "admin"}, {"reason": "Agreed"}),
    ],
    "finding-restore": [Case("post", f"{PLAN}/findings/{RARE}/restore/", {"editor", "admin"})],
    "action-delete": [
        Case("get", f"{C13}/delete/", {"admin"}),
        Case("post", f"{C13}/delete/", {"admin"}),
    ],
    "action-assign": [
        Case("post", f"{C13}/assign/", {"editor", "admin"}, {"assignees": "{contributor}"})
    ],
    "bulk-assign": [
        Case("get", f"{PLAN}/assign/?rag=red&rag=amber&theme=Engagement", {"editor", "admin"}),
        Case("post", f"{PLAN}/assign/", {"editor", "admin"}, BULK),  # what would change
        Case("post", f"{PLAN}/assign/", {"editor", "admin"}, {**BULK, "confirm": "1"}),
    ],
    "update": [
        Case("get", f"{C13}/updates/march-2024/", {"contributor", "editor", "admin"}),
        Case(
            "post",
            f"{PLAN}/actions/C1/updates/march-2024/",
            {"other_contributor", "editor", "admin"},
            {"narrative": "Pact signatories now 30.", "version": "0", "save": "1"},
        ),
    ],
    "update-review": [
        Case("get", f"{C13}/updates/march-2024/review/", {"approver", "admin"}),
        Case(
            "post",
            f"{C13}/updates/march-2024/review/",
            {"approver", "admin"},
            {"decision": "approve", "version": "1"},
        ),
    ],
    "plan-export": [Case("get", f"{PLAN}/export.csv", EVERYONE)],
    "periods": [
        Case("get", f"{PLAN}/periods/", EVERYONE),
        Case("post", f"{PLAN}/periods/", {"editor", "approver", "admin"}, {"label": "June 2024"}),
    ],
    "period": [
        Case("get", f"{PLAN}/periods/december-2023/", EVERYONE),
        Case("get", f"{PLAN}/periods/march-2024/", INSIDERS),  # open: not public yet
    ],
    "period-status": [
        Case("post", f"{PLAN}/periods/march-2024/status/", {"approver", "admin"}, {"step": "close"})
    ],
    "period-close": [
        Case("get", f"{PLAN}/periods/march-2024/close/", {"approver", "admin"}),
        Case("post", f"{PLAN}/periods/march-2024/close/", {"approver", "admin"}),
    ],
    "period-publish": [  # open: the page sends the approver back to the period, with why
        Case("get", f"{PLAN}/periods/march-2024/publish/", {"approver", "admin"}),
        Case("post", f"{PLAN}/periods/march-2024/publish/", {"approver", "admin"}),
    ],
    "period-report": [
        Case("get", f"{PLAN}/periods/december-2023/report.html", EVERYONE),
        Case("get", f"{PLAN}/periods/march-2024/report.html", INSIDERS),
    ],
    "period-prepare": [
        Case("post", f"{PLAN}/periods/march-2024/prepare/", INSIDERS, {"format": "pdf"})
    ],
    "period-report-text": [
        Case("get", f"{PLAN}/periods/march-2024/report-text/", {"editor", "approver", "admin"}),
        Case("get", f"{PLAN}/periods/december-2023/report-text/", {"editor", "approver", "admin"}),
        Case(
            "post",
            f"{PLAN}/periods/march-2024/report-text/",
            {"editor", "approver", "admin"},
            {"purpose": "Why"},
        ),
    ],
    "plan-report-text": [
        Case("get", f"{PLAN}/report-text/", {"editor", "approver", "admin"}),
        Case("post", f"{PLAN}/report-text/", {"editor", "approver", "admin"}, {"legal": "None"}),
    ],
    "prepared-report": [Case("get", f"{PLAN}/periods/march-2024/prepared/10000/", INSIDERS)],
    "prepared-progress": [
        Case("get", f"{PLAN}/periods/march-2024/prepared/10000/progress/", INSIDERS)
    ],
    "plan-import": [Case("get", f"{PLAN}/import/", {"editor", "admin"})],
    "import-job": [
        Case("get", f"{PLAN}/imports/10000/", {"editor", "admin"}),
        Case("post", f"{PLAN}/imports/10000/", {"editor", "admin"}),  # import the checked file
    ],
    "changes": [Case("get", f"{PLAN}/changes/?from=december-2023&to=now", INSIDERS)],
    "table-import": [Case("get", f"/organisations/{LCC}/import/", {"admin"})],
    "table-import-job": [
        Case("get", f"/organisations/{LCC}/imports/10001/", {"admin"}),
        Case("post", f"/organisations/{LCC}/imports/10001/", {"admin"}, {"import": "1"}),
    ],
    "organisation": [Case("get", f"/organisations/{LCC}/", EVERYONE)],
    "organisation-settings": [
        Case("get", f"/organisations/{LCC}/settings/", {"admin"}),
        Case("post", f"/organisations/{LCC}/settings/", {"admin"}, ORG_SETTINGS),
    ],
    "organisation-overview": [
        Case("get", f"/organisations/{LCC}/overview/", EVERYONE),
        Case("get", "/organisations/rutland/overview/", EVERYONE),  # a draft plan's council
    ],
    "organisation-overview-export": [Case("get", f"/organisations/{LCC}/overview.csv", EVERYONE)],
    "overview": [Case("get", "/overview/", EVERYONE)],
    "overview-export": [Case("get", "/overview.json", EVERYONE)],
    "kpi-export": [Case("get", f"/organisations/{LCC}/kpis.csv", EVERYONE)],
    "kpi": [Case("get", f"/organisations/{LCC}/kpis/kpi-a/", EVERYONE)],
    # kpi-a is the organisation's own: its administrator's; the plan's editor adds the plan's.
    "kpi-new": [
        Case("get", f"/organisations/{LCC}/add-kpi/", {"editor", "admin"}),
        Case("post", f"/organisations/{LCC}/add-kpi/", {"editor", "admin"}, NEW_KPI),
    ],
    "kpi-edit": [
        Case("get", f"{KPI_A}/edit/", {"admin"}),
        Case("post", f"{KPI_A}/edit/", {"admin"}, {**NEW_KPI, "plan": "", "version": "0"}),
    ],
    "kpi-target-new": [
        Case("get", f"{KPI_A}/targets/add/", {"admin"}),
        Case("post", f"{KPI_A}/targets/add/", {"admin"}, {"text": "90%", "due": "2030"}),
    ],
    "kpi-target": [
        Case("get", f"{KPI_A}/targets/{RARE}/", {"admin"}),
        Case("post", f"{KPI_A}/targets/{RARE}/", {"admin"}, {"text": "95%"}),
        Case("post", f"{KPI_A}/targets/{RARE}/", {"admin"}, {"remove": "1"}),
    ],
    "kpi-retire": [
        Case("get", f"{KPI_A}/retire/", {"admin"}),
        Case("post", f"{KPI_A}/retire/", {"admin"}, WITHDRAW),
    ],
    "kpi-restore": [Case("post", f"{KPI_A}/restore/", {"admin"}, {"version": "0"})],
    "register": [
        Case("get", "/organisations/rutland/risks/r/", {"outsider"}),  # draft plan's
        Case("get", f"{LR}/", EVERYONE),  # the council's own
    ],
    "register-export": [Case("get", "/organisations/rutland/risks/r.json", {"outsider"})],
    "risk": [
        Case("get", "/organisations/rutland/risks/r/R1/", {"outsider"}),  # draft plan's
        Case("get", f"{LR}/L1/", EVERYONE),
    ],
    "strategy": [Case("get", f"/organisations/{LCC}/strategies/es/", EVERYONE)],
    # Keeping registers: the organisation-wide editors and admins, as for importing one.
    "register-new": [
        Case("get", f"/organisations/{LCC}/add-risk-register/", {"admin"}),
        Case("post", f"/organisations/{LCC}/add-risk-register/", {"admin"}, NEW_REGISTER),
    ],
    "register-settings": [
        Case("get", f"{LR}/settings/", {"admin"}),
        Case("post", f"{LR}/settings/", {"admin"}, {**NEW_REGISTER, "version": "0"}),
        Case("get", "/organisations/rutland/risks/r/settings/", {"outsider"}),  # draft plan's
    ],
    "risk-new": [
        Case("get", f"{LR}/add-risk/", {"admin"}),
        Case("post", f"{LR}/add-risk/", {"admin"}, {"ref": "L2", "title": "New risk"}),
    ],
    "risk-edit": [
        Case("get", f"{LR}/L1/edit/", {"admin"}),
        Case("post", f"{LR}/L1/edit/", {"admin"}, {"title": "Changed", "version": "0"}),
        Case("get", "/organisations/rutland/risks/r/R1/edit/", {"outsider"}),
    ],
    "risk-close": [Case("post", f"{LR}/L1/close/", {"admin"}, {"version": "0"})],
    "risk-reopen": [Case("post", f"{LR}/L1/reopen/", {"admin"}, {"version": "0"})],
    "strategy-new": [
        Case("get", f"/organisations/{LCC}/add-strategy/", {"admin"}),
        Case("post", f"/organisations/{LCC}/add-strategy/", {"admin"}, NEW_STRATEGY),
    ],
    "strategy-edit": [
        Case("get", f"{ES}/edit/", {"admin"}),
        Case("post", f"{ES}/edit/", {"admin"}, {"title": "ES"}),
    ],
    "strategy-record-new": [
        Case("get", f"{ES}/aims/add/", {"admin"}),
        Case("post", f"{ES}/aims/add/", {"admin"}, {"code": "B", "title": "Aim B"}),
    ],
    "strategy-record": [
        Case("get", f"{ES}/aims/10002/", {"admin"}),
        Case("post", f"{ES}/aims/10002/", {"admin"}, {"code": "W", "title": "Aim"}),
    ],
    "strategy-record-delete": [
        Case("get", f"{ES}/aims/10002/delete/", {"admin"}),
        Case("post", f"{ES}/aims/10002/delete/", {"admin"}),
    ],
    "strategy-export": [Case("get", f"/organisations/{LCC}/strategies/es/coverage.csv", EVERYONE)],
    "coverage": [
        Case("get", f"{PLAN}/coverage/", EVERYONE),
        Case("get", "/plans/rutland-climate/coverage/", {"outsider"}),
    ],
    "coverage-export": [Case("get", f"{PLAN}/coverage.xlsx", EVERYONE)],
    "carbon": [Case("get", f"/organisations/{LCC}/carbon/", EVERYONE)],
    "inventory-export": [Case("get", f"/organisations/{LCC}/carbon/emissions.xlsx", EVERYONE)],
    "roadmap": [
        Case("get", f"{ROADMAP}/?off=complex", EVERYONE),
        Case("post", f"{ROADMAP}/?off=complex", {"editor", "admin"}, {"name": "No complex"}),
    ],
    "roadmap-export": [Case("get", f"{ROADMAP}.json?off=offset", EVERYONE)],
    "carbon-settings": [
        Case("get", f"{CARBON}/settings/", {"admin"}),
        Case("post", f"{CARBON}/settings/", {"admin"}, {"baseline_period": "2018-19"}),
    ],
    "carbon-target-new": [
        Case("get", f"{CARBON}/targets/add/", {"admin"}),
        Case("post", f"{CARBON}/targets/add/", {"admin"}, TARGET),
    ],
    "carbon-target": [
        Case("get", f"{CARBON}/targets/{RARE}/", {"admin"}),
        Case("post", f"{CARBON}/targets/{RARE}/", {"admin"}, TARGET),
    ],
    "emission-source-new": [
        Case("get", f"{CARBON}/sources/add/", {"admin"}),
        Case("post", f"{CARBON}/sources/add/", {"admin"}, SOURCE),
    ],
    "emission-source": [
        Case("get", f"{CARBON}/sources/{RARE}/", {"admin"}),
        Case("post", f"{CARBON}/sources/{RARE}/", {"admin"}, SOURCE),
    ],
    "emission-record-new": [
        Case("get", f"{CARBON}/sources/{RARE}/add-year/", {"admin"}),
        Case("post", f"{CARBON}/sources/{RARE}/add-year/", {"admin"}, FIGURE),
    ],
    "emission-record": [
        Case("get", f"{CARBON}/sources/{RARE}/years/{RARE}/", {"admin"}),
        Case(
            "post",
            f"{CARBON}/sources/{RARE}/years/{RARE}/",
            {"admin"},
            {"tco2e": "90", "quality": "actual", "reason": "Recalculated"},
        ),
    ],
    "roadmap-new": [
        Case("get", f"{CARBON}/add-roadmap/", {"admin"}),
        Case("post", f"{CARBON}/add-roadmap/", {"admin"}, ROADMAP_FORM),
    ],
    "roadmap-edit": [
        Case("get", f"{ROADMAP}/edit/", {"admin"}),
        Case("post", f"{ROADMAP}/edit/", {"admin"}, ROADMAP_FORM),
    ],
    "workstream-new": [
        Case("get", f"{ROADMAP}/workstreams/add/", {"admin"}),
        Case("post", f"{ROADMAP}/workstreams/add/", {"admin"}, {**WORKSTREAM, "name": "New"}),
    ],
    "workstream": [
        Case("get", f"{ROADMAP}/workstreams/{RARE}/", {"admin"}),
        Case("post", f"{ROADMAP}/workstreams/{RARE}/", {"admin"}, WORKSTREAM),
    ],
    "areas": [Case("get", "/areas/", EVERYONE)],
    "area": [Case("get", "/areas/LEC/", EVERYONE)],
    "area-export": [Case("get", "/areas/LEC.csv", EVERYONE)],
    "factors": [Case("get", "/conversion-factors/?q=gas", EVERYONE)],
    "factors-export": [Case("get", "/conversion-factors.csv?q=gas", EVERYONE)],
    "api:conversion_factors": [Case("get", "/api/v1/conversion-factors?q=gas", EVERYONE)],
    "api:emissions": [Case("get", f"/api/v1/organisations/{LCC}/emissions", EVERYONE)],
    "api:roadmap": [Case("get", f"/api/v1{ROADMAP}?off=complex", EVERYONE)],
    "api:area_emissions": [Case("get", "/api/v1/areas/LEC/emissions", EVERYONE)],
    "api:kpis": [Case("get", f"/api/v1/organisations/{LCC}/kpis", EVERYONE)],
    "api:risk_register": [
        Case("get", "/api/v1/organisations/rutland/risk-registers/r", {"outsider"})
    ],
    "api:coverage": [Case("get", "/api/v1/plans/net-zero-communities/coverage", EVERYONE)],
    "api:api-root": [Case("get", "/api/v1/", set())],  # nothing there for anyone
    "api:openapi-json": [Case("get", "/api/v1/openapi.json", EVERYONE)],
    "api:openapi-view": [Case("get", "/api/v1/docs", EVERYONE)],
    "api:organisations": [Case("get", "/api/v1/organisations", EVERYONE)],
    "api:plans": [Case("get", "/api/v1/plans", EVERYONE)],
    "api:plan": [
        Case("get", "/api/v1/plans/net-zero-communities", EVERYONE),
        Case("get", "/api/v1/plans/rutland-climate", {"outsider"}),
    ],
    "api:actions": [Case("get", "/api/v1/plans/net-zero-communities/actions", EVERYONE)],
    "api:action": [Case("get", "/api/v1/plans/net-zero-communities/actions/C13", EVERYONE)],
}


def route_names() -> set[str]:
    def walk(patterns: list, ns: str = "") -> set[str]:
        names = set()
        for p in patterns:
            if isinstance(p, URLResolver):
                names |= walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern):
                names.add(f"{ns}{p.name}")
        return names

    # Django's own admin has its own checks (superusers only: see test_admin_is_for_superusers);
    # the identity provider is the tests' own (tests/settings.py), not the application's.
    return {
        n
        for n in walk(get_resolver().url_patterns)
        if not n.startswith(("admin:", "oidc_provider:"))
    }


def test_every_route_has_an_entry() -> None:
    assert route_names() == set(MATRIX), "add the new route to MATRIX with who may use it"


@pytest.fixture
def world(people: People) -> People:
    return build_world(people)


def build_world(people: People) -> People:
    """Something behind every route: a published plan, an open period with a submitted
    update, a KPI, a strategy, a draft risk register, carbon data, a prepared report and an
    import job. (Also built once per module by tests that only read, see test_no_500.py.)"""
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    period = services.period_create(
        plan=people.plan, user=people.editor, label="March 2024", due=date(2024, 3, 15)
    )
    services.update_write(
        action=people.plan.actions.get(ref="C13"),
        period=period,
        user=people.contributor,
        data=services.UpdateInput(narrative="Scheme closed.", rag="Green"),
        version=0,
        submit=True,
    )
    from plantracker.indicators.models import Indicator
    from plantracker.risks.models import Risk, RiskRegister
    from plantracker.strategy.models import Strategy

    org = people.plan.organisation
    kpi_a = Indicator.objects.create(organisation=org, slug="kpi-a", title="KPI A")
    kpi_a.targets.create(pk=RARE, text="80%", due="2030")
    es = Strategy.objects.create(organisation=org, slug="es", title="ES", kind="aims")
    es.aims.create(pk=10002, code="W", title="Aim W")
    draft = RiskRegister.objects.create(
        organisation=people.other_plan.organisation, plan=people.other_plan, slug="r", title="R"
    )
    Risk.objects.create(register=draft, ref="R1", title="Draft risk", impact=1, likelihood=1)
    people.plan.objectives.create(pk=RARE, code="Z1", text="An objective")
    people.plan.findings.create(
        pk=RARE, ref="C13", field="start", kind="missing_start", message="no start date",
        origin="check",
    )  # fmt: skip
    own = RiskRegister.objects.create(organisation=org, slug="lr", title="LR")
    Risk.objects.create(register=own, ref="L1", title="Organisation risk", impact=2, likelihood=2)
    _carbon(org)
    _prepared(period)
    _import_job(people.plan)
    _invitation(people)
    return people


def _invitation(people: People) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from plantracker.core.models import Invitation

    Invitation.objects.create(
        pk=10_000, organisation=people.plan.organisation, email="ivy@example.org",
        full_name="Ivy Green", role="contributor", invited_by=people.admin,
        sent_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip


def _import_job(plan) -> None:
    from django.core.files.base import ContentFile

    from plantracker.imports.models import ImportJob

    checked = ImportJob(pk=10_000, plan=plan, name="tracker.csv", status="done", lines=["ok"])
    checked.file.save("tracker.csv", ContentFile(b"Action ID,Action\nC1,x\n"), save=True)
    kpis = ImportJob(
        pk=10_001, organisation=plan.organisation, kind="kpis", name="kpis.csv", status="done",
        columns=[{"letter": "A", "heading": "Indicator", "key": "indicator", "as": "title",
                  "field": "title"}],
    )  # fmt: skip
    kpis.file.save("kpis.csv", ContentFile(b"Indicator,Unit\nHomes,homes\n"), save=True)


def _prepared(period) -> None:
    from django.core.files.base import ContentFile

    from plantracker.reports.models import PreparedReport

    ready = PreparedReport(pk=10_000, period=period, fmt="pdf", status="ready")
    ready.file.save("nzc-march-2024-report.pdf", ContentFile(b"%PDF-1.7 prepared"), save=True)


def _carbon(org) -> None:
    from decimal import Decimal

    from plantracker.carbon.models import (
        AreaEmission,
        CarbonTarget,
        ConversionFactor,
        EmissionSource,
        Roadmap,
    )

    roadmap = Roadmap.objects.create(
        organisation=org, slug="t1", title="T1", baseline_period="2018-19", baseline_year=2019,
        baseline_tco2e=Decimal(100), first_year=2019, target_year=2030,
    )  # fmt: skip
    roadmap.workstreams.create(
        pk=RARE, name="W", category="complex", saving=Decimal(10), start_year=2020
    )
    source = EmissionSource.objects.create(
        pk=RARE, organisation=org, name="Buildings", scope="1", category="buildings"
    )
    source.records.create(pk=RARE, period="2018-19", year=2019, tco2e=Decimal(100))
    CarbonTarget.objects.create(pk=RARE, organisation=org, name="Half", reduction=50,
                                year=2030, baseline_period="2018-19")  # fmt: skip
    AreaEmission.objects.create(
        code="LEC", name="L", year=2017, sector="Total", item="Total Emissions", unit="kt CO2",
        value=Decimal(1),
    )  # fmt: skip
    ConversionFactor.objects.create(year=2024, factor_id="1", scope="Scope 1", level_1="Fuels",
                                    level_2="Natural gas", unit="kWh", ghg="kg CO2e",
                                    value=Decimal("0.18"))  # fmt: skip


def allowed(response) -> bool:
    if response.status_code == 200:
        return True
    if response.status_code == 302:
        return not response["Location"].startswith("/sign-in/")
    assert response.status_code in (403, 404), (response.status_code, response.content[:300])
    return False


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route_by_role(name: str, world: People) -> None:
    outcome = {}
    for case in MATRIX[name]:
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(getattr(world, role))
            url = case.url.format(membership=membership_pk())
            c13 = world.plan.actions.get(ref="C13").pk
            data = {
                k: v.format(contributor=world.contributor.pk, c13=c13) for k, v in case.data.items()
            }
            with transaction.atomic():
                response = getattr(client, case.method)(url, data)
                outcome[(case.method, url, role)] = allowed(response)
                transaction.set_rollback(True)  # every role starts from the same state
                cache.clear()  # with no rate limit (allauth's) counting the others' requests
    for case in MATRIX[name]:
        url = case.url.format(membership=membership_pk())
        got = {role for role in ROLES if outcome[(case.method, url, role)]}
        assert got == case.allowed, f"{case.method.upper()} {url}"


def test_admin_is_for_superusers(client: Client, world: People) -> None:
    client.force_login(world.admin)  # the council's administrator, not a superuser
    assert client.get("/admin/").status_code == 302
    world.admin.is_superuser = world.admin.is_staff = True
    world.admin.save()
    assert client.get("/admin/").status_code == 200
