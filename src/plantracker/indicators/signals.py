"""Derived KPIs follow the snapshots they are counted from."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from plantracker.updates.models import Snapshot

from .derived import refresh_for_plan


@receiver(post_save, sender=Snapshot, dispatch_uid="indicators-derived-from-snapshot")
def snapshot_saved(sender: Any, instance: Snapshot, **kwargs: Any) -> None:
    refresh_for_plan(instance.period.plan_id)
