from django.contrib.auth import views as auth_views
from django.urls import path

from .views import cycles, people, public, reports, updates

PLAN = "plans/<slug:slug>"
ACTION = f"{PLAN}/actions/<str:ref>"
PERIOD = f"{PLAN}/periods/<slug:period>"

urlpatterns = [
    path("", public.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="web/sign_in.html"),
        name="sign-in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("my-updates/", cycles.my_updates, name="my-updates"),
    path("organisations/<slug:org>/people/", people.people, name="people"),
    path(
        "organisations/<slug:org>/people/<int:pk>/remove/",
        people.membership_remove,
        name="membership-remove",
    ),
    path(f"{PLAN}/", public.plan_detail, name="plan"),
    path(f"{PLAN}/actions/", public.action_list, name="actions"),
    path(f"{ACTION}/", public.action_detail, name="action"),
    path(f"{ACTION}/assign/", updates.action_assign, name="action-assign"),
    path(f"{ACTION}/updates/<slug:period>/", updates.update_edit, name="update"),
    path(f"{ACTION}/updates/<slug:period>/review/", updates.update_review, name="update-review"),
    path(f"{PLAN}/export.<str:fmt>", public.plan_export, name="plan-export"),
    path(f"{PLAN}/periods/", cycles.period_list, name="periods"),
    path(f"{PERIOD}/", cycles.period_detail, name="period"),
    path(f"{PERIOD}/status/", cycles.period_status, name="period-status"),
    path(f"{PERIOD}/report.<str:fmt>", reports.period_report, name="period-report"),
    path(f"{PLAN}/changes/", cycles.change_report, name="changes"),
]
