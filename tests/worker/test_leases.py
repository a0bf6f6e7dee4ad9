"""The rule for when a worker is gone: its process, on its own machine; its lease, elsewhere."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from plantracker.worker.leases import Process, process_started, this_process, worker_gone

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
HERE = Process(host="worker-1", pid=100, started="5000")
LEASE_FOR = timedelta(minutes=5)


@dataclass
class Lease:
    host: str
    pid: int
    process_started: str
    renewed_at: datetime


RUNNING = {100: "5000", 200: "6000", 300: ""}  # pid → start token; others are not running


@pytest.mark.parametrize(
    ("lease", "gone"),
    [
        (None, True),  # a running task whose worker left no lease
        (Lease("worker-1", 200, "6000", NOW - timedelta(days=1)), False),  # alive, however old
        (Lease("worker-1", 201, "6100", NOW), True),  # no such process: gone
        (Lease("worker-1", 200, "5999", NOW), True),  # the id now belongs to a later process
        (Lease("worker-1", 300, "7000", NOW), False),  # running, start unreadable: alive
        (Lease("worker-1", 200, "", NOW), False),  # start unknown when leased: alive
        (Lease("worker-2", 999, "1", NOW - timedelta(minutes=4)), False),  # renewed lately
        (Lease("worker-2", 999, "1", NOW - timedelta(minutes=6)), True),  # lease ran out
        (Lease("worker-2", 200, "6000", NOW - timedelta(minutes=6)), True),  # pid means nothing
    ],
)
def test_worker_gone(lease: Lease | None, gone: bool) -> None:
    assert worker_gone(lease, here=HERE, now=NOW, lease_for=LEASE_FOR, started=RUNNING.get) is gone


def test_process_started_tells_a_live_process_from_a_dead_one() -> None:
    me = this_process()
    assert me.pid == os.getpid() and process_started(me.pid) == me.started
    assert me.host.startswith(socket.gethostname())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    assert process_started(child.pid) is not None
    child.kill()
    child.wait()
    assert process_started(child.pid) is None
