from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "plantracker.risks"
    label = "risks"
    verbose_name = "Risk registers"
