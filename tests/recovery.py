"""Helpers for the recovery tests: a scratch database that separate `plantracker` processes
can share (a SQLite file, or a new PostgreSQL database in the test cluster), and ways to run
and look into those processes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.conftest import ROOT


@contextmanager
def scratch(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment for processes sharing a new, empty database."""
    env = {**os.environ, "PLANTRACKER_DATA_DIR": str(tmp_path)}
    # The processes run the application's own settings, as a deployment does (the suite's
    # add a test identity provider from tests/, which a script run by path cannot import).
    env["DJANGO_SETTINGS_MODULE"] = "plantracker.settings"
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield env
        return
    import psycopg

    name = f"scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True) as c:
            c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def plantracker(env: dict[str, str], *args: str, check: bool = True) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "plantracker.cli", *args],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def python(env: dict[str, str], code: str) -> str:
    """Run `code` in a fresh process with Django set up on the scratch database."""
    script = (
        "import os, django\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'plantracker.settings')\ndjango.setup()\n" + code
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def table_hashes() -> dict[str, list[object]]:
    """Every row of every Plan Tracker table (history included): count and hash per table."""
    import hashlib

    from django.apps import apps

    out: dict[str, list[object]] = {}
    for model in apps.get_models():
        if model.__module__.startswith("plantracker."):
            rows = list(model.objects.order_by("pk").values_list())
            out[model._meta.label] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()]
    return out


def fingerprint(env: dict[str, str]) -> dict[str, list[object]]:
    """table_hashes() of the scratch database, read by another process."""
    code = "import json\nfrom tests.recovery import table_hashes\nprint(json.dumps(table_hashes()))"
    return json.loads(python(env, code))


def writing(env: dict[str, str]) -> bool:
    """Whether another process is inside a write transaction on the scratch database."""
    if "DATABASE_URL" not in env:
        db = Path(env["PLANTRACKER_DATA_DIR"]) / "plantracker.sqlite3"
        c = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            c.execute("BEGIN IMMEDIATE")
            c.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            c.close()
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as c:
        held = c.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class t ON t.oid = l.relation "
            "WHERE t.relname = 'plans_action' AND l.mode = 'RowExclusiveLock' "
            "AND l.pid <> pg_backend_pid()"
        ).fetchone()
    return bool(held and held[0])
