from django.contrib import admin
from django.urls import include, path

from plantracker.api.routes import api

# The Django admin is for administrators (superusers) only; everyone else uses our pages.
admin.site.has_permission = lambda request: bool(  # type: ignore[method-assign]
    request.user.is_active and request.user.is_superuser
)
admin.site.site_header = "Plan Tracker administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("plantracker.web.urls")),
]
