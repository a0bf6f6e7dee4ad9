"""Backing up and restoring the whole database.

SQLite: the online backup API (a consistent copy while the site keeps running). PostgreSQL:
`pg_dump` in its custom format and `pg_restore` in one transaction. A backup is written to a
temporary file and renamed when complete, so a failed backup never leaves half a file under
the name asked for; a restore either replaces everything or changes nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
SUFFIX = {"sqlite": ".sqlite3", "postgresql": ".dump"}


class BackupError(Exception):
    """What went wrong and what to do, for the person running the command."""


def engine() -> str:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in SUFFIX:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def default_path(now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"plantracker-{stamp}{SUFFIX[engine()]}"


def summary() -> dict[str, int]:
    """Rows per kind of record (history tables left out), for the commands to report."""
    out = {}
    for model in apps.get_models():
        if model.__module__.startswith("plantracker.") and not model.__name__.startswith(
            "Historical"
        ):
            out[str(model._meta.verbose_name_plural)] = model.objects.count()
    return out


def _pg_env() -> dict[str, str]:
    """libpq's environment for the database Django uses: Django's own client mapping (password,
    SSL, service, passfile) plus host, port, user and database (a socket directory given as
    ?host= in DATABASE_URL arrives in OPTIONS)."""
    connection = connections[DEFAULT_DB_ALIAS]
    db = connection.settings_dict
    _, client_env = connection.client.settings_to_cmd_args_env(db, [])
    env = {**os.environ, **(client_env or {})}
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host")
    for name, value in (("PGHOST", host), ("PGPORT", db.get("PORT")), ("PGUSER", db.get("USER"))):
        if value:
            env[name] = str(value)
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed. Install the PostgreSQL client programs "
            "(apt-get install postgresql-client) and try again."
        )
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def backup(target: Path) -> Path:
    """Copy the whole database to `target` (a new file)."""
    kind = engine()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        if kind == "sqlite":
            connection = connections[DEFAULT_DB_ALIAS]
            connection.ensure_connection()
            copy = sqlite3.connect(partial)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
        else:
            _run([_program("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"])
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def kind_of(path: Path) -> str:
    """'sqlite' or 'postgresql', from the file's first bytes."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file. Give the path of a backup file.")
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path.name}: not a Plan Tracker backup (neither a SQLite database nor a pg_dump "
        "file). Give a file made by `plantracker backup`."
    )


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _check_sqlite(path: Path) -> None:
    source = _read_only(path)
    try:
        ok = source.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path.name}: the backup is damaged ({exc}).") from None
    finally:
        source.close()
    if ok != "ok":
        raise BackupError(f"{path.name}: the backup is damaged ({ok}). Use an earlier one.")
    if "django_migrations" not in tables or "plans_plan" not in tables:
        raise BackupError(f"{path.name}: a SQLite database, but not a Plan Tracker one.")


def restore(source: Path) -> None:
    """Replace the whole database with the backup's contents."""
    kind, here = kind_of(source), engine()
    if kind != here:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"{source.name} is a {names[kind]} backup, but this Plan Tracker uses "
            f"{names[here]}. Restore it into a {names[kind]} database (set DATABASE_URL)."
        )
    if kind == "sqlite":
        _check_sqlite(source)
        connection = connections[DEFAULT_DB_ALIAS]
        connection.ensure_connection()
        backup_db = _read_only(source)
        try:
            backup_db.backup(connection.connection)  # one step: all pages or none
        finally:
            backup_db.close()
    else:
        connections.close_all()
        _run(
            [
                _program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_pg_env()['PGDATABASE']}",
                str(source),
            ]
        )
