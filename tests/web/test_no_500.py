"""No server error on any input. Every page and API read of the permission matrix, with
query strings hypothesis makes from the parameters the views read (Unicode digits such as
² and ٣, huge and negative numbers, empty values, repeated keys), signed in and not; and every
form, with such values in every field. A refusal is fine (400, 403, 404, 405, 422); a 500 or
an exception never is (the test client re-raises what the view raised).

The plan and its world are built once for the module; every request runs in a transaction
that is rolled back, so each starts from the same state. NO500_EXAMPLES=50 explores more.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import fields
from typing import Any
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import Form
from django.test import Client, override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import plantracker.web.forms as forms_package
from plantracker.core import strict
from plantracker.imports.services import plan_import
from plantracker.indicators.models import Observation
from plantracker.plans.models import Plan
from plantracker.plans.selectors import ActionFilters
from plantracker.updates.models import ProgressUpdate
from plantracker.updates.report_text import CONTACT_FIELDS, SECTION_KEYS
from plantracker.web.forms import (
    accounts,
    carbon,
    imports,
    indicators,
    notifications,
    organisations,
    people,
    report_text,
    updates,
)
from plantracker.web.forms import actions as action_forms
from plantracker.web.forms import plans as plan_forms
from plantracker.web.forms import risks as risk_forms
from plantracker.web.forms import strategy as strategy_forms
from plantracker.web.forms.fields import MONTH_FORMAT
from plantracker.web.views.carbon import NOTHING_OFF
from tests.conftest import COMMUNITIES, ORG, People
from tests.web.test_permissions import (
    C13,
    CARBON,
    ES,
    KPI_A,
    LCC,
    LR,
    MATRIX,
    PLAN,
    RARE,
    ROADMAP,
    build_world,
    membership_pk,
)

EXAMPLES = int(os.environ.get("NO500_EXAMPLES", "3"))
SWEEP = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip

# Every query parameter a page or an API endpoint reads (grep request.GET and the API's
# arguments), and Django's own `next`.
PARAMS = sorted(
    {f.name for f in fields(ActionFilters)}
    | {"page", "year", "scenario", "off", "from", "to", "since", "organisation", "next"}
)
NASTY = [
    "", " ", "²", "٣", "²⁰²⁴", "٢٠٢٤", "१", "0", "-1", "0000", "9999-00", "²⁰²⁴-09", "9" * 30,
    "-" + "9" * 30, "1e309", "NaN", "-0", "null", "\x00", "%", "[]", "{}", "..", "a,b", "now",
    "complex", "offset", "december-2023", "march-2024", "1 OR 1=1", "<script>", "x" * 3000,
]  # fmt: skip
VALUES = st.one_of(st.sampled_from(NASTY), st.integers().map(str), st.text(max_size=12))
QUERY = st.lists(st.tuples(st.sampled_from(PARAMS), VALUES), max_size=6)  # keys repeat too
WORST = [(p, v) for p in PARAMS for v in ("²", "9" * 30)]  # every parameter, given twice
SUPERSCRIPT = [(p, "²") for p in PARAMS]  # int("²") fails though "²".isdigit()


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(autouse=True)
def _files_in_tmp(settings: Any, media: Any) -> None:
    """Stored files in the module's folder (the world's prepared report is there)."""
    settings.MEDIA_ROOT = media


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, media: Any) -> Any:
    """The permission matrix's world, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        report = plan_import(path=COMMUNITIES, plan_slug="net-zero-communities",
                             organisation=ORG)  # fmt: skip
        assert report.ok, report.problems
        yield build_world(People(Plan.objects.get(slug="net-zero-communities")))
        transaction.set_rollback(True)


def client_for(world: People, role: str) -> Client:
    client = Client(raise_request_exception=True)
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def send(client: Client, method: str, url: str, data: Any = None) -> int:
    """One request, rolled back; the whole body is read (downloads stream)."""
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        if response.streaming:  # the test client closes the response once it is read
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    assert response.status_code < 500, (method, url, response.status_code)
    return int(response.status_code)


def with_query(url: str, query: list[tuple[str, str]]) -> str:
    if not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode(query)}"


GETS = sorted(name for name, cases in MATRIX.items() if any(c.method == "get" for c in cases))


@pytest.mark.django_db
@pytest.mark.parametrize("name", GETS)
def test_no_page_fails_on_any_query(name: str, world: People) -> None:
    """Anonymously, as the council's administrator, and as someone allowed when neither is."""
    visits = []
    for case in MATRIX[name]:
        if case.method != "get":
            continue
        roles = {"anonymous", "admin"}
        if case.allowed and not case.allowed & roles:
            roles.add(sorted(case.allowed)[0])
        url = case.url.format(membership=membership_pk())
        visits += [(client_for(world, r), url) for r in sorted(roles)]

    @SWEEP
    @given(query=QUERY)
    @example(query=[])
    @example(query=WORST)
    @example(query=SUPERSCRIPT)
    def check(query: list[tuple[str, str]]) -> None:
        for client, url in visits:
            send(client, "get", with_query(url, query))

    check()


# Every form the pages post, with the fields the view reads besides the form's own.
REPORT_FIELDS = {  # the report text form makes its fields as it is built
    *SECTION_KEYS, "agenda_item", "meeting", "meeting_date", "report_of",
    *(f"contact_{n}_{f}" for n in range(2) for f in CONTACT_FIELDS),
}  # fmt: skip
PEOPLE = f"/organisations/{LCC}/people/"
FORMS: dict[str, tuple[str, type | None, set[str]]] = {
    "sign-in": ("/sign-in/", accounts.SignInForm, set()),
    "account_login": ("/sign-in/", accounts.SignInForm, set()),
    "mfa_authenticate": ("/sign-in/two-factor/", accounts.TwoFactorForm, set()),
    "openid_connect_login": ("/sign-in/sso/council/", None, {"process", "next"}),
    "account_reset_password": ("/password-reset/", accounts.ResetPasswordForm, set()),
    "account_reset_password_from_key": (
        "/password-reset/key/1-set-password/",
        accounts.ResetPasswordKeyForm,
        set(),
    ),
    "account_change_password": ("/account/password/", accounts.ChangePasswordForm, set()),
    "account_set_password": ("/account/password/set/", accounts.SetPasswordForm, set()),
    "account_reauthenticate": ("/account/confirm/", accounts.ConfirmPasswordForm, set()),
    "mfa_reauthenticate": (
        "/account/confirm/code/",
        accounts.TwoFactorReauthenticateForm,
        {"next"},
    ),
    "mfa_activate_totp": ("/account/two-factor/set-up/", accounts.ActivateTwoFactorForm, set()),
    "mfa_deactivate_totp": (
        "/account/two-factor/turn-off/",
        accounts.DeactivateTwoFactorForm,
        set(),
    ),
    "sign-out": ("/sign-out/", None, set()),
    "account-notifications": (
        "/account/notifications/",
        notifications.PreferencesForm,
        {"plan-1", "plan-10000"},
    ),
    "unsubscribe": ("/unsubscribe/not-a-token/", None, {"List-Unsubscribe"}),
    "subscription-confirm": ("/subscriptions/confirm/not-a-token/", None, set()),
    "plan-subscribe": (f"{PLAN}/subscribe/", notifications.SubscribeForm, set()),
    "people": (PEOPLE, people.MembershipForm, set()),
    "membership-remove": (PEOPLE + "{membership}/remove/", None, set()),
    "person-invite": (PEOPLE + "invite/", people.InviteForm, set()),
    "invitation-send": (PEOPLE + "invitations/10000/send/", None, set()),
    "invitation-withdraw": (PEOPLE + "invitations/10000/withdraw/", None, set()),
    # A link that does not work, so the form is not reached: see tests/web/test_invitations.py.
    "password-set": ("/set-password/MQ/set-password/", people.ChoosePasswordForm, set()),
    "action-assign": (f"{C13}/assign/", updates.AssignForm, set()),
    "bulk-assign": (f"{PLAN}/assign/?rag=red", updates.BulkAssignForm, {"confirm"}),
    "update": (f"{PLAN}/actions/C1/updates/march-2024/", updates.UpdateForm, {"save", "submit"}),
    "update-review": (f"{C13}/updates/march-2024/review/", updates.ReviewForm, set()),
    "periods": (f"{PLAN}/periods/", updates.PeriodForm, set()),
    "period-status": (f"{PLAN}/periods/march-2024/status/", None, {"step"}),
    "period-close": (f"{PLAN}/periods/march-2024/close/", None, set()),
    "period-publish": (f"{PLAN}/periods/march-2024/publish/", None, set()),
    "period-prepare": (f"{PLAN}/periods/march-2024/prepare/", None, {"format"}),
    "period-report-text": (
        f"{PLAN}/periods/march-2024/report-text/",
        report_text.ReportTextForm,
        REPORT_FIELDS,
    ),
    "plan-report-text": (f"{PLAN}/report-text/", report_text.ReportTextForm, REPORT_FIELDS),
    "plan-import": (f"{PLAN}/import/", imports.ImportForm, set()),
    "import-job": (f"{PLAN}/imports/10000/", None, set()),
    "kpi": (f"/organisations/{LCC}/kpis/kpi-a/", indicators.ObservationForm, set()),
    "kpi-new": (f"/organisations/{LCC}/add-kpi/", indicators.KpiForm, set()),
    "kpi-edit": (f"{KPI_A}/edit/", indicators.KpiForm, set()),
    "kpi-target-new": (f"{KPI_A}/targets/add/", indicators.TargetForm, set()),
    "kpi-target": (f"{KPI_A}/targets/{RARE}/", indicators.TargetForm, {"remove"}),
    "kpi-retire": (f"{KPI_A}/retire/", indicators.RetireForm, set()),
    "kpi-restore": (f"{KPI_A}/restore/", action_forms.VersionForm, set()),
    "table-import": (f"/organisations/{LCC}/import/", imports.TableImportForm, set()),
    "table-import-job": (
        f"/organisations/{LCC}/imports/10001/",
        imports.ColumnsForm,
        {"check-again", "import", "c0", "c1", "c2"},
    ),
    "action-new": (f"{PLAN}/add-action/", action_forms.ActionForm, set()),
    "strategy-new": (f"/organisations/{LCC}/add-strategy/", strategy_forms.StrategyForm, set()),
    "strategy-edit": (f"{ES}/edit/", strategy_forms.StrategyForm, set()),
    "strategy-record-new": (f"{ES}/objectives/add/", strategy_forms.ObjectiveForm, set()),
    "strategy-record": (f"{ES}/aims/10002/", strategy_forms.AimForm, set()),
    "strategy-record-delete": (f"{ES}/aims/10002/delete/", None, set()),
    "plan-new": (f"/organisations/{LCC}/add-plan/", plan_forms.NewPlanForm, set()),
    "organisation-settings": (
        f"/organisations/{LCC}/settings/",
        organisations.OrganisationSettingsForm,
        set(),
    ),
    "plan-settings": (f"{PLAN}/settings/", plan_forms.PlanForm, set()),
    "plan-themes": (f"{PLAN}/themes/", plan_forms.ThemeForm, {"do", "theme", "into", "name"}),
    "plan-scoring": (
        f"{PLAN}/scoring/",
        plan_forms.ScoringForm,
        {"preview", "save", "timescale_S", "cost_H"},
    ),
    "action-edit": (f"{C13}/edit/", action_forms.ActionForm, set()),
    "action-withdraw": (f"{C13}/withdraw/", action_forms.WithdrawForm, set()),
    "action-restore": (f"{C13}/restore/", action_forms.VersionForm, set()),
    "action-delete": (f"{C13}/delete/", None, set()),
    "plan-objectives": (f"{PLAN}/objectives/", plan_forms.ObjectiveForm, {"save", "remove"}),
    "plan-objective": (f"{PLAN}/objectives/{RARE}/", plan_forms.ObjectiveForm, {"remove"}),
    "finding-dismiss": (f"{PLAN}/findings/{RARE}/dismiss/", plan_forms.DismissForm, set()),
    "finding-restore": (f"{PLAN}/findings/{RARE}/restore/", None, set()),
    "roadmap": (f"{ROADMAP}/?off=complex", carbon.ScenarioForm, {"off"}),
    "carbon-settings": (f"{CARBON}/settings/", carbon.ProfileForm, set()),
    "carbon-target-new": (f"{CARBON}/targets/add/", carbon.TargetForm, set()),
    "carbon-target": (f"{CARBON}/targets/{RARE}/", carbon.TargetForm, {"delete"}),
    "emission-source-new": (f"{CARBON}/sources/add/", carbon.SourceForm, set()),
    "emission-source": (f"{CARBON}/sources/{RARE}/", carbon.SourceForm, set()),
    "emission-record-new": (f"{CARBON}/sources/{RARE}/add-year/", carbon.RecordForm, set()),
    "emission-record": (f"{CARBON}/sources/{RARE}/years/{RARE}/", carbon.RecordForm, set()),
    "roadmap-new": (f"{CARBON}/add-roadmap/", carbon.RoadmapForm, set()),
    "roadmap-edit": (f"{ROADMAP}/edit/", carbon.RoadmapForm, set()),
    "workstream-new": (f"{ROADMAP}/workstreams/add/", carbon.WorkstreamForm, set()),
    "workstream": (f"{ROADMAP}/workstreams/{RARE}/", carbon.WorkstreamForm, set()),
    "register-new": (
        f"/organisations/{LCC}/add-risk-register/",
        risk_forms.RegisterForm,
        {"preview", "save"},
    ),
    "register-settings": (f"{LR}/settings/", risk_forms.RegisterForm, {"preview", "save"}),
    "risk-new": (f"{LR}/add-risk/", risk_forms.RiskForm, set()),
    "risk-edit": (f"{LR}/L1/edit/", risk_forms.RiskForm, set()),
    "risk-close": (f"{LR}/L1/close/", risk_forms.RiskStatusForm, set()),
    "risk-reopen": (f"{LR}/L1/reopen/", risk_forms.RiskStatusForm, set()),
}
UPLOAD_NAMES = ["plan.csv", "plan.xlsx", "plan.txt", "²⁰²⁴.csv", "plan.exe", "", "x" * 300]


# Every module of the forms package, so a new one is swept without being named here.
MODULES = [
    importlib.import_module(m.name)
    for m in pkgutil.iter_modules(forms_package.__path__, forms_package.__name__ + ".")
]


def test_every_form_and_post_route_is_swept() -> None:
    posted = {n for n, cases in MATRIX.items() if any(c.method == "post" for c in cases)}
    assert posted <= set(FORMS), "add the new POST route to FORMS"
    declared = {
        c for module in MODULES for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, Form) and c.__module__ == module.__name__
        and not c.__name__.startswith("_")  # a base class no page posts
    }  # fmt: skip
    assert declared <= {f for _, f, _ in FORMS.values()}, "add the new form to FORMS"


def field_names(form: type | None, extra: set[str]) -> list[str]:
    if form is None:
        return sorted(extra)
    return sorted({*form.base_fields, *extra})


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_form_fails_on_any_value(name: str, world: People) -> None:
    url, form, extra = FORMS[name]
    url = url.format(membership=membership_pk())
    names = field_names(form, extra)
    admin = client_for(world, "admin")

    @SWEEP
    @given(
        data=st.fixed_dictionaries({n: st.lists(VALUES, max_size=2) for n in names}),
        upload=st.tuples(st.sampled_from(UPLOAD_NAMES), st.binary(max_size=64)),
    )
    @example(data={n: ["²⁰²⁴-09"] for n in names}, upload=("plan.csv", b"Action ID\n"))
    @example(data={n: ["9" * 30, "-1"] for n in names}, upload=("", b""))
    @example(data={n: ["9999-00"] for n in names}, upload=("", b""))
    def check(data: dict[str, list[str]], upload: tuple[str, bytes]) -> None:
        if form in (imports.ImportForm, imports.TableImportForm) and upload[0]:
            data = {**data, "file": SimpleUploadedFile(upload[0], upload[1])}  # type: ignore[dict-item]
        if form is organisations.OrganisationSettingsForm and upload[0]:
            for field, ending in (("logo", ".svg"), ("word_template", ".docx")):
                name = upload[0].rsplit(".", 1)[0] + ending if upload[0] != "" else ""
                data = {**data, field: SimpleUploadedFile(name, upload[1])}  # type: ignore[dict-item]
        send(admin, "post", url, data)

    check()


# Finding 6 as reported, each once, with what the person sees instead of the error.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/conversion-factors/?year=%C2%B2",
        "/conversion-factors.csv?year=%C2%B2",
        "/conversion-factors/?year=%D9%A3",
        "/conversion-factors/?year=0000",
        "/api/v1/conversion-factors?year=%C2%B2",
        f"{ROADMAP}/?scenario=%C2%B2",
        f"{ROADMAP}.json?scenario=%C2%B2",
        f"{ROADMAP}/?scenario={'9' * 30}",
    ],
)
def test_superscript_digits_in_the_query(url: str, world: People) -> None:
    for role in ("anonymous", "admin"):
        assert send(client_for(world, role), "get", url) in (200, 404, 422), url


@pytest.mark.django_db
def test_a_superscript_year_shows_the_latest_factors(world: People) -> None:
    page = client_for(world, "anonymous").get("/conversion-factors/?year=%C2%B2")
    assert "Conversion factors 2024" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["²⁰²⁴-09", "٢٠٢٤-09", "0000-09", "9999-00", "2024-13"])
def test_revised_end_date_is_refused_with_a_message(month: str, world: People) -> None:
    contributor = client_for(world, "other_contributor")
    response = contributor.post(f"{PLAN}/actions/C1/updates/march-2024/", {
        "narrative": "Pact signatories now 30.", "revised_end": month, "version": "0",
        "save": "1",
    })  # fmt: skip
    assert response.status_code == 200
    assert MONTH_FORMAT in response.content.decode()
    assert not ProgressUpdate.objects.filter(action__ref="C1", period__slug="march-2024").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("period", "year"), [("0000", "0000"), ("9999-00", "9999")])
def test_kpi_period_out_of_range_is_refused_with_a_message(
    period: str, year: str, world: People
) -> None:
    response = client_for(world, "admin").post(
        f"/organisations/{LCC}/kpis/kpi-a/", {"period": period, "value": "12"}
    )
    assert response.status_code == 200
    assert strict.NOT_A_YEAR.format(year=year) in response.content.decode()
    assert not Observation.objects.filter(indicator__slug="kpi-a").exists()


@pytest.mark.django_db
def test_saving_a_scenario_with_nothing_posted(world: People) -> None:
    """An empty POST left the form unbound, and adding the error to it crashed."""
    response = client_for(world, "admin").post(f"{ROADMAP}/", {})
    assert response.status_code == 200
    assert NOTHING_OFF in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("0001-01-01", strict.NOT_A_YEAR.format(year="0001")),
        ("9999-12-31", strict.NOT_A_YEAR.format(year="9999")),
        ("٢٠٢٤-٠٣-١٥", "Enter a valid date."),
    ],
)
def test_period_dates_are_strict_too(due: str, message: str, world: People) -> None:
    response = client_for(world, "admin").post(f"{PLAN}/periods/", {"label": "June", "due": due})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not world.plan.periods.filter(label="June").exists()


@pytest.mark.django_db
def test_signing_in_with_a_username_too_long_to_record(world: People) -> None:
    """The sign-in throttle records failed usernames in 255 characters: PostgreSQL refused a
    longer one with an error. It is now refused on the form, before anyone is asked."""
    response = client_for(world, "anonymous").post(
        "/sign-in/", {"username": "x" * 3000, "password": "guess"}
    )
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()
    assert not AccessAttempt.objects.exists()  # the throttle was never asked
