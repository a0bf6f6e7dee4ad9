from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ProgressUpdate, ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "plan", "status", "due"]
    list_filter = ["plan", "status"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "period", "stage", "rag"]
    list_filter = ["period__plan", "period", "rag"]
    search_fields = ["action__ref", "narrative"]
    readonly_fields = ["version"]

    def save_model(self, request: Any, obj: ProgressUpdate, form: Any, change: bool) -> None:
        # A form drawn before this edit must not overwrite it: every save is a new version.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
