from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "plantracker.web"
    label = "web"
