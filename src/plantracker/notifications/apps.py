from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "plantracker.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects to the reporting cycle's signals)
