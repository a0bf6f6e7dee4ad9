"""Friendly failure when the database has not been set up yet."""

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import OperationalError

NOT_MIGRATED = (
    "The database at {where} is not set up (or is out of date). Run `plantracker migrate` first."
)


def needs_migrate() -> bool:
    """Whether the database lacks migrations this version of Plan Tracker has."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def require_migrated() -> None:
    where = connections[DEFAULT_DB_ALIAS].settings_dict.get("NAME")
    try:
        pending = needs_migrate()
    except OperationalError as exc:
        raise CommandError(f"Cannot open the database at {where}: {exc}") from None
    if pending:
        raise CommandError(NOT_MIGRATED.format(where=where))
