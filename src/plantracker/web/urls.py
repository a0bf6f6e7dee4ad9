from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/actions/", views.action_list, name="actions"),
    path("plans/<slug:slug>/actions/<str:ref>/", views.action_detail, name="action"),
    path("plans/<slug:slug>/export.<str:fmt>", views.plan_export, name="plan-export"),
]
