"""The application's addresses and, for the single sign-on tests, the identity provider's."""

from django.urls import include, path

from plantracker.urls import urlpatterns as app

urlpatterns = [
    *app,
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]
