from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "plantracker.imports"
    label = "imports"
