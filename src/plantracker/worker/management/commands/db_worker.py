"""`plantracker db_worker`: django-tasks-db's worker, with a lease and patience (loop.py)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from plantracker.worker.loop import LeasedWorker


class Command(db_worker.Command):
    help = (
        "Run the task worker: prepared reports and imports from the web. A task left running "
        "by a worker that died is queued again; a locked database is waited for."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # django-tasks-db builds its Worker by that module-level name.
        db_worker.Worker = LeasedWorker  # type: ignore[misc]
        super().handle(*args, **options)
