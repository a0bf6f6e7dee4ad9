from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "plantracker.reports"
    label = "reports"
