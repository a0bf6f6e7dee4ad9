from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "plantracker.indicators"
    label = "indicators"
    verbose_name = "KPIs, targets and observations"

    def ready(self) -> None:
        from . import signals  # noqa: F401
