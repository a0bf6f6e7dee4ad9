"""A running worker outlives a long command-line import: when its wait for the database's
write lock runs out it waits and tries again instead of exiting, then carries on with the
queue. Run on SQLite and again on PostgreSQL by `make test`."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import COMMUNITIES, ORG, ROOT
from tests.recovery import plantracker, python, scratch
from tests.test_recovery import big_plan

WAIT_FOR = """
import time
deadline = time.monotonic() + 120
while not ({condition}):
    assert time.monotonic() < deadline, {condition!r}
    time.sleep(0.1)
"""


def test_a_worker_keeps_running_through_a_long_command_line_import(tmp_path: Path) -> None:
    with scratch(tmp_path) as env:
        plantracker(env, "migrate", "-v0")
        plantracker(env, "import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG)
        log = tmp_path / "worker.log"
        # The worker's own wait for the lock runs out after a second, well within the import.
        impatient = {**env, "PLANTRACKER_SQLITE_BUSY_SECONDS": "1"}
        command = [sys.executable, "-m", "plantracker.cli", "db_worker", "--no-reload",
                   "--no-startup-delay", "--interval", "0.1"]  # fmt: skip
        with log.open("w") as out:
            worker = subprocess.Popen(command, env=impatient, cwd=ROOT, stdout=out, stderr=out)
        try:
            python(env, "from plantracker.worker.models import WorkerLease\n"
                   + WAIT_FOR.format(condition="WorkerLease.objects.exists()"))  # fmt: skip
            out = plantracker(env, "import", str(big_plan(tmp_path / "big.tsv", 3000)),
                              "--plan", "big", "--organisation", ORG)  # fmt: skip
            assert "3000 new" in out
            assert worker.poll() is None, log.read_text()
            if "DATABASE_URL" not in env:  # PostgreSQL locks rows, not the database
                assert "The database is busy (database is locked)" in log.read_text()
            # Still working: an upload queued now is checked.
            python(env, f"""
from django.core.files.uploadedfile import SimpleUploadedFile
from plantracker.imports.jobs import import_queue
from plantracker.imports.models import ImportJob
from plantracker.plans.models import Plan
upload = SimpleUploadedFile("communities.txt", open(r"{COMMUNITIES}", "rb").read())
import_queue(plan=Plan.objects.get(slug="nz"), upload=upload, period="", check_only=True,
             user=None)
{WAIT_FOR.format(condition='ImportJob.objects.filter(status="done").exists()')}
""")  # fmt: skip
        finally:
            worker.send_signal(signal.SIGTERM)
            code = worker.wait(timeout=60)
        assert code == 0, log.read_text()
        assert "Traceback" not in log.read_text()
