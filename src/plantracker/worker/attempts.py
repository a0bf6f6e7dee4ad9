"""Tasks run again after their worker stopped: how many tries, and what the pages say.

A worker that dies mid-task (killed, out of memory, the machine restarted) leaves the task
marked as running; the next worker to look puts it back in the queue (services.py). Each run
is one attempt; a task whose earlier attempts all ended with the worker stopping is tried
again up to PLANTRACKER_TASK_ATTEMPTS runs in all, then marked failed, so that a file that
brings the worker down each time does not do so for ever.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.tasks import TaskContext

WORKER_STOPPED_RETRIED = "The worker stopped while this was running; it was tried again."
WORKER_STOPPED_FAILED = (
    "The worker stopped while this was running; it was marked failed, please try again."
)


class WorkerStopped(Exception):
    """Raised by a task that will not be tried again, so its record in the queue says so."""


def worker_stops(context: TaskContext[Any, Any]) -> int:
    """How many earlier runs of this task ended with their worker stopping."""
    return max(context.attempt - 1, 0)


def out_of_attempts(context: TaskContext[Any, Any]) -> bool:
    return context.attempt > attempts_allowed()


def attempts_allowed() -> int:
    return max(int(getattr(settings, "PLANTRACKER_TASK_ATTEMPTS", 2)), 1)
