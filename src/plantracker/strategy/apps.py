from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "plantracker.strategy"
    label = "strategy"
    verbose_name = "Strategies, outcomes and measures"
