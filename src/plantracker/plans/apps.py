from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plantracker.plans"
    label = "plans"
    verbose_name = "Plans and actions"
