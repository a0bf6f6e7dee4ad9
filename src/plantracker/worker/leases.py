"""When a worker is gone: the rule a worker applies to the leases of the others.

On the worker's own machine the operating system says for certain whether the process is
still there, at once, however busy the database is. A worker on another machine is judged by
its lease: gone once it has not been renewed for the lease's length (docs/deployment.md).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Process:
    host: str  # machine(): where process ids mean the same process
    pid: int
    started: str  # when the process started ("" where unknown), telling reused ids apart


class Lease(Protocol):
    host: str
    pid: int
    process_started: str
    renewed_at: datetime


def process_started(pid: int) -> str | None:
    """A token for when process `pid` on this machine started; None if there is no such
    process (or only its corpse), "" if it runs but its start cannot be read."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # another user's process: it exists
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    state, start = fields[0], fields[19]  # fields 3 and 22 of proc_pid_stat(5)
    return None if state in ("Z", "X") else start


def this_process() -> Process:
    pid = os.getpid()
    return Process(host=machine(), pid=pid, started=process_started(pid) or "")


def machine() -> str:
    """The host name, and on Linux the process-id namespace: two containers may share a host
    name (host networking) while each numbers its processes from 1."""
    try:
        namespace = f" pid:{os.stat('/proc/self/ns/pid').st_ino}"
    except OSError:
        namespace = ""
    return f"{socket.gethostname()}{namespace}"


def worker_gone(
    lease: Lease | None,
    *,
    here: Process,
    now: datetime,
    lease_for: timedelta,
    started: Callable[[int], str | None] = process_started,
) -> bool:
    """Whether the worker holding `lease` has stopped (no lease at all: it has)."""
    if lease is None:
        return True
    if lease.host != here.host:
        return lease.renewed_at < now - lease_for
    running = started(lease.pid)
    if running is None:
        return True
    return bool(running and lease.process_started and running != lease.process_started)
