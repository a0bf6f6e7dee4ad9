from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "plantracker.core"
    label = "core"
    verbose_name = "Organisations"
