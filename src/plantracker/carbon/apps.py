from django.apps import AppConfig


class CarbonConfig(AppConfig):
    name = "plantracker.carbon"
    label = "carbon"
    verbose_name = "Carbon"
