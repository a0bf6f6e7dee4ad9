from allauth.account import views as account
from allauth.mfa.base import views as mfa
from allauth.mfa.totp import views as totp
from allauth.socialaccount import views as social
from allauth.socialaccount.providers.openid_connect import views as oidc
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import path, re_path, reverse_lazy

from .forms.people import ChoosePasswordForm
from .views import (
    accounts,
    actions,
    bulk,
    carbon,
    carbon_pages,
    cycles,
    findings,
    framework,
    imports,
    kpi_pages,
    notifications,
    organisation_settings,
    overview,
    people,
    plan_settings,
    public,
    report_text,
    reports,
    risks,
    strategy_pages,
    table_imports,
    updates,
)

PLAN = "plans/<slug:slug>"
ACTION = f"{PLAN}/actions/<str:ref>"
PERIOD = f"{PLAN}/periods/<slug:period>"
ORG = "organisations/<slug:org>"
STRATEGY = f"{ORG}/strategies/<slug:slug>"
KPI = f"{ORG}/kpis/<slug:kpi>"
REGISTER = f"{ORG}/risks/<slug:register>"

urlpatterns = [
    path("", public.home, name="home"),
    # Signing in, passwords, single sign-on and two-factor: django-allauth's views, only those
    # used, under our own addresses (the names are allauth's, which it reverses itself).
    path("sign-in/", accounts.sign_in, name="sign-in"),
    path("sign-in/", accounts.sign_in, name="account_login"),
    path("sign-in/two-factor/", mfa.authenticate, name="mfa_authenticate"),
    path("sign-in/inactive/", account.account_inactive, name="account_inactive"),
    path("sign-in/sso/<str:provider_id>/", oidc.login, name="openid_connect_login"),
    path("sign-in/sso/<str:provider_id>/callback/", oidc.callback, name="openid_connect_callback"),
    path("sign-in/sso-cancelled/", social.login_cancelled, name="socialaccount_login_cancelled"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("password-reset/", account.password_reset, name="account_reset_password"),
    path("password-reset/sent/", account.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^password-reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "password-reset/done/",
        account.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("account/", accounts.account, name="account"),
    path("account/notifications/", notifications.preferences, name="account-notifications"),
    path("unsubscribe/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
    path(
        "subscriptions/confirm/<str:token>/",
        notifications.subscription_confirm,
        name="subscription-confirm",
    ),
    path(
        "account/password/", login_required(account.password_change), name="account_change_password"
    ),
    path(
        "account/password/set/", login_required(account.password_set), name="account_set_password"
    ),
    path("account/confirm/", login_required(account.reauthenticate), name="account_reauthenticate"),
    path("account/confirm/code/", login_required(mfa.reauthenticate), name="mfa_reauthenticate"),
    path("account/two-factor/", login_required(mfa.index), name="mfa_index"),
    path(
        "account/two-factor/set-up/", login_required(totp.activate_totp), name="mfa_activate_totp"
    ),
    path(
        "account/two-factor/turn-off/",
        login_required(totp.deactivate_totp),
        name="mfa_deactivate_totp",
    ),
    # The invitation's link: Django's own password-reset token and views (docs/user-guide.md).
    path(
        "set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_set.html",
            form_class=ChoosePasswordForm,
            success_url=reverse_lazy("password-set-done"),
        ),
        name="password-set",
    ),
    path(
        "set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_set_done.html"
        ),
        name="password-set-done",
    ),
    path("my-work/", cycles.my_work, name="my-work"),
    path("my-updates/", cycles.my_updates, name="my-updates"),
    path("organisations/<slug:org>/people/", people.people, name="people"),
    path(f"{ORG}/people/invite/", people.person_invite, name="person-invite"),
    path(
        f"{ORG}/people/invitations/<int:pk>/send/",
        people.invitation_send,
        name="invitation-send",
    ),
    path(
        f"{ORG}/people/invitations/<int:pk>/withdraw/",
        people.invitation_withdraw,
        name="invitation-withdraw",
    ),
    path(
        "organisations/<slug:org>/people/<int:pk>/remove/",
        people.membership_remove,
        name="membership-remove",
    ),
    path("organisations/<slug:org>/", framework.organisation, name="organisation"),
    path(
        f"{ORG}/settings/",
        organisation_settings.organisation_settings,
        name="organisation-settings",
    ),
    path(f"{ORG}/overview/", overview.organisation_overview, name="organisation-overview"),
    path(
        f"{ORG}/overview.<str:fmt>",
        overview.organisation_overview_export,
        name="organisation-overview-export",
    ),
    path("overview/", overview.site_overview, name="overview"),
    path("overview.<str:fmt>", overview.site_overview_export, name="overview-export"),
    path(f"{ORG}/import/", table_imports.table_import, name="table-import"),
    path(f"{ORG}/imports/<int:pk>/", table_imports.table_import_job, name="table-import-job"),
    path("organisations/<slug:org>/kpis.<str:fmt>", framework.kpi_export, name="kpi-export"),
    path("organisations/<slug:org>/kpis/<slug:kpi>/", framework.kpi_detail, name="kpi"),
    path(f"{ORG}/add-kpi/", kpi_pages.kpi_new, name="kpi-new"),
    path(f"{KPI}/edit/", kpi_pages.kpi_edit, name="kpi-edit"),
    path(f"{KPI}/targets/add/", kpi_pages.kpi_target, name="kpi-target-new"),
    path(f"{KPI}/targets/<int:pk>/", kpi_pages.kpi_target, name="kpi-target"),
    path(f"{KPI}/retire/", kpi_pages.kpi_retire, name="kpi-retire"),
    path(f"{KPI}/restore/", kpi_pages.kpi_restore, name="kpi-restore"),
    path(f"{ORG}/add-risk-register/", risks.register_new, name="register-new"),
    path(f"{ORG}/risks/<slug:register>/", framework.register_detail, name="register"),
    path(f"{REGISTER}/settings/", risks.register_settings, name="register-settings"),
    path(f"{REGISTER}/add-risk/", risks.risk_new, name="risk-new"),
    path(f"{REGISTER}/<path:ref>/edit/", risks.risk_edit, name="risk-edit"),
    path(f"{REGISTER}/<path:ref>/close/", risks.risk_close, name="risk-close"),
    path(f"{REGISTER}/<path:ref>/reopen/", risks.risk_reopen, name="risk-reopen"),
    path(f"{REGISTER}/<path:ref>/", risks.risk_detail, name="risk"),
    path(
        f"{ORG}/risks/<slug:register>.<str:fmt>", framework.register_export, name="register-export"
    ),
    path(f"{ORG}/add-strategy/", strategy_pages.strategy_new, name="strategy-new"),
    path(f"{ORG}/strategies/<slug:slug>/", framework.strategy_detail, name="strategy"),
    path(f"{ORG}/strategies/<slug:slug>/edit/", strategy_pages.strategy_edit, name="strategy-edit"),
    path(f"{STRATEGY}/<str:kind>/add/", strategy_pages.record_edit, name="strategy-record-new"),
    path(f"{STRATEGY}/<str:kind>/<int:pk>/", strategy_pages.record_edit, name="strategy-record"),
    path(
        f"{STRATEGY}/<str:kind>/<int:pk>/delete/",
        strategy_pages.record_delete,
        name="strategy-record-delete",
    ),
    path(
        f"{ORG}/strategies/<slug:slug>/coverage.<str:fmt>",
        framework.strategy_export,
        name="strategy-export",
    ),
    path(f"{ORG}/carbon/", carbon.carbon, name="carbon"),
    path(f"{ORG}/carbon/settings/", carbon_pages.carbon_settings, name="carbon-settings"),
    path(f"{ORG}/carbon/targets/add/", carbon_pages.carbon_target, name="carbon-target-new"),
    path(f"{ORG}/carbon/targets/<int:pk>/", carbon_pages.carbon_target, name="carbon-target"),
    path(f"{ORG}/carbon/sources/add/", carbon_pages.emission_source, name="emission-source-new"),
    path(f"{ORG}/carbon/sources/<int:pk>/", carbon_pages.emission_source, name="emission-source"),
    path(
        f"{ORG}/carbon/sources/<int:source>/add-year/",
        carbon_pages.emission_record,
        name="emission-record-new",
    ),
    path(
        f"{ORG}/carbon/sources/<int:source>/years/<int:pk>/",
        carbon_pages.emission_record,
        name="emission-record",
    ),
    path(f"{ORG}/carbon/add-roadmap/", carbon_pages.roadmap_edit, name="roadmap-new"),
    path(f"{ORG}/roadmaps/<slug:slug>/edit/", carbon_pages.roadmap_edit, name="roadmap-edit"),
    path(
        f"{ORG}/roadmaps/<slug:slug>/workstreams/add/",
        carbon_pages.workstream,
        name="workstream-new",
    ),
    path(
        f"{ORG}/roadmaps/<slug:slug>/workstreams/<int:pk>/",
        carbon_pages.workstream,
        name="workstream",
    ),
    path(f"{ORG}/carbon/emissions.<str:fmt>", carbon.inventory_export, name="inventory-export"),
    path(f"{ORG}/roadmaps/<slug:slug>/", carbon.roadmap, name="roadmap"),
    path(f"{ORG}/roadmaps/<slug:slug>.<str:fmt>", carbon.roadmap_export, name="roadmap-export"),
    path("areas/", carbon.areas, name="areas"),
    path("areas/<str:code>/", carbon.area, name="area"),
    path("areas/<str:code>.<str:fmt>", carbon.area_export, name="area-export"),
    path("conversion-factors/", carbon.factors, name="factors"),
    path("conversion-factors.<str:fmt>", carbon.factors_export, name="factors-export"),
    path(f"{PLAN}/coverage/", framework.plan_coverage, name="coverage"),
    path(f"{PLAN}/coverage.<str:fmt>", framework.plan_coverage_export, name="coverage-export"),
    path(f"{PLAN}/", public.plan_detail, name="plan"),
    path(f"{PLAN}/actions/", public.action_list, name="actions"),
    path(f"{PLAN}/subscribe/", notifications.subscribe, name="plan-subscribe"),
    path(f"{PLAN}/assign/", bulk.bulk_assign, name="bulk-assign"),
    path(f"{ORG}/add-plan/", plan_settings.plan_new, name="plan-new"),
    path(f"{PLAN}/settings/", plan_settings.plan_settings, name="plan-settings"),
    path(f"{PLAN}/themes/", plan_settings.plan_themes, name="plan-themes"),
    path(f"{PLAN}/scoring/", plan_settings.plan_scoring, name="plan-scoring"),
    path(f"{PLAN}/objectives/", plan_settings.plan_objectives, name="plan-objectives"),
    path(f"{PLAN}/objectives/<int:pk>/", plan_settings.plan_objectives, name="plan-objective"),
    path(f"{PLAN}/findings/<int:pk>/dismiss/", findings.finding_dismiss, name="finding-dismiss"),
    path(f"{PLAN}/findings/<int:pk>/restore/", findings.finding_restore, name="finding-restore"),
    path(f"{PLAN}/add-action/", actions.action_new, name="action-new"),
    path(f"{ACTION}/", public.action_detail, name="action"),
    path(f"{ACTION}/edit/", actions.action_edit, name="action-edit"),
    path(f"{ACTION}/withdraw/", actions.action_withdraw, name="action-withdraw"),
    path(f"{ACTION}/restore/", actions.action_restore, name="action-restore"),
    path(f"{ACTION}/delete/", actions.action_delete, name="action-delete"),
    path(f"{ACTION}/assign/", updates.action_assign, name="action-assign"),
    path(f"{ACTION}/updates/<slug:period>/", updates.update_edit, name="update"),
    path(f"{ACTION}/updates/<slug:period>/review/", updates.update_review, name="update-review"),
    path(f"{PLAN}/export.<str:fmt>", public.plan_export, name="plan-export"),
    path(f"{PLAN}/periods/", cycles.period_list, name="periods"),
    path(f"{PERIOD}/", cycles.period_detail, name="period"),
    path(f"{PERIOD}/status/", cycles.period_status, name="period-status"),
    path(f"{PERIOD}/close/", cycles.period_confirm, {"step": "close"}, name="period-close"),
    path(f"{PERIOD}/publish/", cycles.period_confirm, {"step": "publish"}, name="period-publish"),
    path(f"{PERIOD}/report.<str:fmt>", reports.period_report, name="period-report"),
    path(f"{PERIOD}/report-text/", report_text.period_report_text, name="period-report-text"),
    path(f"{PLAN}/report-text/", report_text.plan_report_text, name="plan-report-text"),
    path(f"{PERIOD}/prepare/", reports.period_prepare, name="period-prepare"),
    path(f"{PLAN}/import/", imports.plan_import, name="plan-import"),
    path(f"{PLAN}/imports/<int:pk>/", imports.import_job, name="import-job"),
    path(f"{PERIOD}/prepared/<int:pk>/", reports.prepared_report, name="prepared-report"),
    path(
        f"{PERIOD}/prepared/<int:pk>/progress/",
        reports.prepared_progress,
        name="prepared-progress",
    ),
    path(f"{PLAN}/changes/", cycles.change_report, name="changes"),
]
