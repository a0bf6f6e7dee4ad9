"""A real worker killed outright (SIGKILL) part-way through an uploaded import: the database
is as it was, and the next worker to start finds the job its predecessor left running and
tries it again (or, once its tries are used up, marks it failed); the job's page says so.
Run on SQLite and again on PostgreSQL by `make test`."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from plantracker.worker.attempts import WORKER_STOPPED_FAILED, WORKER_STOPPED_RETRIED
from tests.conftest import COMMUNITIES, ORG, ROOT
from tests.recovery import fingerprint, plantracker, python, scratch, writing
from tests.test_recovery import big_plan

SLUG = "net-zero-communities"
ACTIONS = 800


def prepare(env: dict[str, str], upload: Path, *, check_only: bool) -> None:
    """A plan, an editor, and the upload queued for the worker as the import page does."""
    plantracker(env, "migrate", "-v0")
    plantracker(env, "import", str(COMMUNITIES), "--plan", SLUG, "--organisation", ORG)
    python(env, f"""
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from plantracker.core.models import Membership
from plantracker.imports.jobs import import_queue
from plantracker.plans.models import Plan
plan = Plan.objects.get(slug="{SLUG}")
edith = get_user_model().objects.create_user("edith", password="x" * 12)
Membership.objects.create(user=edith, organisation=plan.organisation, plan=plan, role="editor")
upload = SimpleUploadedFile("{upload.name}", open(r"{upload}", "rb").read())
import_queue(plan=plan, upload=upload, period="", check_only={check_only}, user=edith)
""")  # fmt: skip


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "plantracker.cli", "db_worker", "--no-reload",
               "--no-startup-delay", "--interval", "0.2"]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def kill_while_importing(env: dict[str, str], worker: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180
    while not writing(env):
        assert worker.poll() is None, "the worker stopped before it began writing"
        assert time.monotonic() < deadline, "the worker never began writing"
        time.sleep(0.05)
    time.sleep(0.5)  # well into the import's writes
    assert worker.poll() is None, "the worker finished before it could be killed"
    worker.send_signal(signal.SIGKILL)
    assert worker.wait(timeout=30) == -signal.SIGKILL


def next_worker(env: dict[str, str]) -> None:
    """A worker started afterwards, running what is queued (its log may show a task's
    failure, traceback included, as a worker's log does)."""
    command = [sys.executable, "-m", "plantracker.cli", "db_worker", "--batch",
               "--no-startup-delay"]  # fmt: skip
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def job_state(env: dict[str, str]) -> str:
    """The job and its task as the database has them, and what the job's page says."""
    return python(env, f"""
from django.contrib.auth import get_user_model
from django.test import Client
from django_tasks_db.models import DBTaskResult
from plantracker.imports.models import ImportJob
job = ImportJob.objects.get()
print(job.status, job.worker_stops, DBTaskResult.objects.get().status)
client = Client()
client.force_login(get_user_model().objects.get(username="edith"))
print(client.get(f"/plans/{SLUG}/imports/{{job.pk}}/").content.decode())
""")  # fmt: skip


def test_a_worker_killed_mid_import_leaves_the_job_to_the_next_worker(tmp_path: Path) -> None:
    with scratch(tmp_path) as env:
        prepare(env, big_plan(tmp_path / "big.tsv", ACTIONS), check_only=False)
        before = fingerprint(env)
        kill_while_importing(env, start_worker(env))
        assert fingerprint(env)["plans.Action"] == before["plans.Action"]
        assert job_state(env).startswith("queued 0 RUNNING")  # stranded, as reported

        next_worker(env)
        state = job_state(env)
        assert state.startswith("done 1 SUCCESSFUL"), state[:200]
        assert WORKER_STOPPED_RETRIED in state and "What was imported" in state
        after = fingerprint(env)
        assert after["plans.Action"][0] == before["plans.Action"][0] + ACTIONS


def test_a_job_out_of_tries_is_marked_failed_by_the_next_worker(tmp_path: Path) -> None:
    with scratch(tmp_path) as env:
        env["PLANTRACKER_TASK_ATTEMPTS"] = "1"
        prepare(env, big_plan(tmp_path / "big.tsv", ACTIONS), check_only=False)
        before = fingerprint(env)
        kill_while_importing(env, start_worker(env))
        next_worker(env)
        state = job_state(env)
        assert state.startswith("failed 1 FAILED"), state[:200]
        assert WORKER_STOPPED_FAILED in state and WORKER_STOPPED_RETRIED not in state
        assert fingerprint(env)["plans.Action"] == before["plans.Action"]
