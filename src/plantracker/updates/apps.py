from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "plantracker.updates"
    label = "updates"
    verbose_name = "Reporting periods and updates"
