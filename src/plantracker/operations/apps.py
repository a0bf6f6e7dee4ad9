from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "plantracker.operations"
    label = "operations"
    verbose_name = "Operations"
