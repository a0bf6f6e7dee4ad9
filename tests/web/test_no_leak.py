"""No leak: every page, download (in every format it offers, read back as text) and API read
the app serves, asked for by someone signed out and by every role of another council, before
and after the period is published, holds none of the unpublished markers of tests/web/leaky.py.

The addresses come from the permission matrix (so a new route is swept as soon as it has its
entry there), widened to the draft plan, the open period, the draft KPI, every prepared report
and every format the route's URL pattern takes."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator

import pdfplumber
import pytest
from django.test import Client
from django.urls import resolve

from plantracker.reports import tabular
from plantracker.reports.committee_formats import RENDERERS
from plantracker.reports.exporters import EXPORTERS
from plantracker.reports.models import PreparedReport
from tests.conftest import People
from tests.web.leaky import (
    APPROVED,
    DERIVED_KPI,
    DRAFT_KPI,
    DRAFT_PLAN,
    DRAFT_REF,
    LCC,
    OUTCOMES,
    PUBLISHED_LATER,
    REGISTER,
    SECRETS,
    Leaky,
    leaky_world,
    prepare_after_publication,
    publish,
)
from tests.web.test_permissions import MATRIX, world  # noqa: F401  (world: a fixture)

# Formats each route with a `fmt` in its URL offers; any other such route offers the tables'.
FORMATS = {"plan-export": tuple(EXPORTERS), "period-report": tuple(RENDERERS)}

# The matrix's addresses point at public things; each swap also points one at an unpublished one.
SWAPS = [
    ("rutland-climate", DRAFT_PLAN),
    ("net-zero-communities/actions/C13", f"{DRAFT_PLAN}/actions/{DRAFT_REF}"),
    ("net-zero-communities", DRAFT_PLAN),
    ("/organisations/rutland/risks/r/R1/", f"/organisations/{LCC}/risks/{REGISTER}/OR1/"),
    ("/organisations/rutland/risks/r", f"/organisations/{LCC}/risks/{REGISTER}"),
    ("/organisations/rutland/risk-registers/r", f"/organisations/{LCC}/risk-registers/{REGISTER}"),
    ("december-2023", "march-2024"),
    ("to=now", "to=march-2024"),
    ("kpi-a", DRAFT_KPI),
    ("kpi-a", DERIVED_KPI),
    ("/strategies/es/", f"/strategies/{OUTCOMES}/"),
    *[("C13", ref) for ref in ("C2", "C3", "C4", "C5", "C6")],
]
# Routes only the plan's team (or nobody) may use: outsiders get no page from them.
TEAM_ONLY = {
    "api:api-root", "people", "person-invite", "plan-import", "import-job", "update",
    "update-review", "table-import", "table-import-job",
    # the pages where a council's team changes its records: none of them is public
    "plan-new", "plan-settings", "plan-themes", "plan-scoring", "action-new", "action-edit",
    "bulk-assign",
    "action-withdraw", "action-delete", "strategy-new", "strategy-edit", "strategy-record-new",
    "strategy-record", "strategy-record-delete", "finding-dismiss",
    "plan-objectives", "plan-objective",
    "organisation-settings",
    "carbon-settings", "carbon-target-new", "carbon-target", "emission-source-new",
    "emission-source", "emission-record-new", "emission-record", "roadmap-new", "roadmap-edit",
    "workstream-new", "workstream",
    "kpi-new", "kpi-edit", "kpi-target-new", "kpi-target", "kpi-retire", "kpi-restore",
    "register-new", "register-settings", "risk-new", "risk-edit",
    "period-close", "period-publish",  # the approvers' confirmation pages
    "period-report-text", "plan-report-text",  # the report's words, written by the team
}  # fmt: skip
# One's own account: signing in, passwords, two-factor (django-allauth). They show no
# council's records, and most are reached only by someone signed in or mid-sign-in.
TEAM_ONLY |= {
    "sign-in", "account", "account_login", "account_change_password", "account_set_password",
    "account_reauthenticate", "account_inactive", "account_reset_password",
    "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "mfa_authenticate", "mfa_reauthenticate",
    "mfa_index", "mfa_activate_totp", "mfa_deactivate_totp", "openid_connect_login",
    "openid_connect_callback", "socialaccount_login_cancelled",
    # one's own emails, and the links in them (here links that do not work: refused)
    "account-notifications", "unsubscribe", "subscription-confirm",
}  # fmt: skip


def _widened(url: str) -> Iterator[str]:
    yield url
    for old, new in SWAPS:
        if old in url:
            yield url.replace(old, new)


def _formats(url: str) -> Iterator[str]:
    match = resolve(url.partition("?")[0])
    fmt = match.kwargs.get("fmt")
    if fmt is None:
        yield url
        return
    for other in FORMATS.get(match.url_name or "", tabular.FORMATS):
        yield url.replace(f".{fmt}", f".{other}", 1)


def addresses() -> list[tuple[str, str]]:
    """(route name, address) for every GET of the matrix, widened; prepared reports: every one
    kept."""
    prepared = list(PreparedReport.objects.values_list("pk", flat=True))
    found: dict[str, str] = {}
    for name, cases in MATRIX.items():
        for case in cases:
            if case.method != "get":
                continue
            for url in _widened(case.url):
                for each in _formats(url):
                    if "/prepared/10000/" in each:
                        for pk in prepared:
                            found[each.replace("/10000/", f"/{pk}/")] = name
                    else:
                        found[each] = name
    return sorted((name, url) for url, name in found.items())


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    """The body as text, whatever its format: xlsx and docx unzipped, PDF text extracted."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [body.decode("utf-8", "replace")]
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    xml = z.read(name).decode("utf-8", "replace")
                    parts.append(html.unescape(re.sub(r"<[^>]+>", "", xml)))
    if body.startswith(b"%PDF") and len(body) > 100:
        with pdfplumber.open(io.BytesIO(body)) as doc:
            parts.extend(page.extract_text() or "" for page in doc.pages)
    text = "\n".join(parts).lower()
    return text + "\n" + re.sub(r"\s+", "", text)  # a marker broken over a line, found too


@pytest.fixture
def leaky(world: People) -> Leaky:  # noqa: F811
    return leaky_world(world)


def _sweep(leaky: Leaky, who: str, secrets: dict[str, str]) -> dict[str, set[str]]:
    """Every address as `who`: the markers found (must be none), and the routes served."""
    client = Client()
    if who != "anonymous":
        client.force_login(leaky.outsiders[who])
    leaks: list[str] = []
    served: dict[str, set[str]] = {}
    for name, url in addresses():
        response = client.get(url)
        if response.status_code != 200:
            assert response.status_code in (302, 403, 404), (url, response.status_code)
            continue
        served.setdefault(name, set()).add(url)
        text = text_of(response)
        leaks += [f"{what} in {url}" for what, marker in secrets.items() if marker.lower() in text]
    assert not leaks, f"{who} reads unpublished material:\n" + "\n".join(leaks)
    return served


WHO = [
    "anonymous",
    "outsider contributor",
    "outsider editor",
    "outsider approver",
    "outsider admin",
]


@pytest.mark.parametrize("who", WHO)
def test_nothing_unpublished_while_the_period_is_open(leaky: Leaky, who: str) -> None:
    served = _sweep(leaky, who, {**SECRETS, **PUBLISHED_LATER})
    gets = {n for n, cases in MATRIX.items() if any(c.method == "get" for c in cases)}
    not_public_yet = {"my-updates", "my-work", "changes", "prepared-report", "prepared-progress"}
    assert gets - TEAM_ONLY - not_public_yet - set(served) == set()


@pytest.mark.parametrize("who", WHO)
def test_nothing_unpublished_after_publication(leaky: Leaky, who: str) -> None:
    publish(leaky)
    public = prepare_after_publication(leaky)
    served = _sweep(leaky, who, SECRETS)
    gets = {n for n, cases in MATRIX.items() if any(c.method == "get" for c in cases)}
    assert gets - TEAM_ONLY - {"my-updates", "my-work"} - set(served) == set()
    # The sweep reads what became public: the period, its approved updates, the report
    # prepared from the published period.
    assert (
        f"/plans/net-zero-communities/periods/march-2024/prepared/{public.pk}/"
        in served["prepared-report"]
    )
    assert APPROVED in Client().get("/plans/net-zero-communities/actions/C5/").content.decode()
    c6 = Client().get("/plans/net-zero-communities/actions/C6/").content.decode()
    assert PUBLISHED_LATER["comment on an update published later"] in c6


def test_the_team_reads_every_marker(leaky: Leaky) -> None:
    """The markers are really there to be found: the plan's team sees them."""
    people = leaky.people
    client = Client()
    client.force_login(people.admin)
    period = "/plans/net-zero-communities/periods/march-2024/"
    pages = [
        f"/plans/{DRAFT_PLAN}/",
        f"/plans/{DRAFT_PLAN}/actions/{DRAFT_REF}/",
        f"/organisations/{LCC}/strategies/es/",
        f"/organisations/{LCC}/kpis/{DERIVED_KPI}/",
        f"/organisations/{LCC}/roadmaps/t1/",
        f"/organisations/{LCC}/risks/{REGISTER}.json",
        *(f"/plans/net-zero-communities/actions/{r}/" for r in ("C2", "C3", "C4", "C5", "C6")),
        f"{period}",
        f"{period}report.html",
    ]
    text = "\n".join(text_of(client.get(url)) for url in pages)
    for pk in PreparedReport.objects.values_list("pk", flat=True):
        text += text_of(client.get(f"{period}prepared/{pk}/"))
    markers = {**SECRETS, **PUBLISHED_LATER}
    missing = {what for what, marker in markers.items() if marker.lower() not in text}
    assert missing == set()
