from typing import Any

from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The outbox, for a superuser to see what was sent and what failed (read only)."""

    list_display = ["created_at", "event", "address", "status", "attempts", "sent_at"]
    list_filter = ["status", "event"]
    search_fields = ["address", "subject"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
