"""The task worker's loop, made to outlive a busy database and to clear up after dead workers.

django-tasks-db's worker claims and runs tasks; this one also holds a lease while it runs,
renewed from a second thread that meanwhile puts back in the queue the tasks of workers that
have gone, and it waits and tries again when SQLite is locked (a long import elsewhere)
instead of exiting.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import connections
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.utils import is_locked_database_exception

from .leases import Process, this_process
from .services import lease_length, lease_release, lease_renew, lease_take, stranded_requeue

logger = logging.getLogger("django_tasks_db")

FIRST_WAIT = 1.0  # seconds, doubled each time the database is still locked
LONGEST_WAIT = 30.0


def when_unlocked[T](work: Callable[[], T]) -> T:
    """Do `work`, waiting and trying again while the database is locked."""
    wait = FIRST_WAIT
    while True:
        try:
            return work()
        except OperationalError as exc:
            if not is_locked_database_exception(exc):
                raise
            logger.warning("The database is busy (%s); trying again in %.0f s.", exc, wait)
            time.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT)


class Heartbeat(threading.Thread):
    """Renews the worker's lease and clears up after gone workers, every `every` seconds."""

    def __init__(self, *, worker_id: str, backend_name: str, here: Process, every: float):
        super().__init__(name=f"lease {worker_id}", daemon=True)
        self.worker_id = worker_id
        self.backend_name = backend_name
        self.here = here
        self.every = every
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(self.every):
                try:
                    lease_renew(worker_id=self.worker_id, here=self.here, now=timezone.now())
                    requeued = stranded_requeue(
                        backend_name=self.backend_name, here=self.here, now=timezone.now()
                    )
                    _log_requeued(requeued)
                except OperationalError as exc:  # busy or unreachable: next time
                    logger.info("Could not renew the worker's lease yet: %s", exc)
        finally:
            connections.close_all()  # this thread's own connections

    def stop(self) -> None:
        self.stopping.set()


class LeasedWorker(Worker):
    def run(self) -> None:
        here = this_process()
        when_unlocked(lambda: lease_take(worker_id=self.worker_id, here=here, now=timezone.now()))
        every = max(min(lease_length().total_seconds() / 4, 30.0), 0.2)
        heartbeat = Heartbeat(
            worker_id=self.worker_id, backend_name=self.backend_name, here=here, every=every
        )
        heartbeat.start()
        try:
            self._clear_up(here)
            wait = FIRST_WAIT
            while True:
                began = time.monotonic()
                try:
                    return super().run()
                except OperationalError as exc:
                    if not is_locked_database_exception(exc):
                        raise
                    if time.monotonic() - began > LONGEST_WAIT:
                        wait = FIRST_WAIT  # busy again after a good while: start afresh
                    logger.warning("The database is busy (%s); trying again in %.0f s.", exc, wait)
                    time.sleep(wait)
                    wait = min(wait * 2, LONGEST_WAIT)
                    self.startup_delay = False
                    # A task whose result could not be recorded is put back in the queue.
                    self._clear_up(here)
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)  # not renewing the lease as it is given up
            try:
                lease_release(worker_id=self.worker_id)
            except OperationalError:
                logger.warning("Could not give up the worker's lease; the next worker will.")

    def _clear_up(self, here: Process) -> None:
        """Put back the tasks of gone workers and any this worker left running between tasks."""
        requeued = when_unlocked(
            lambda: stranded_requeue(
                backend_name=self.backend_name,
                here=here,
                now=timezone.now(),
                mine=self.worker_id,
            )
        )
        _log_requeued(requeued)


def _log_requeued(requeued: list[str]) -> None:
    for task_id in requeued:
        logger.warning("Task id=%s was running when its worker stopped; queued again.", task_id)
