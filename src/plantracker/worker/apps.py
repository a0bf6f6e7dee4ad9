from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "plantracker.worker"
    label = "worker"
    verbose_name = "Task worker"
