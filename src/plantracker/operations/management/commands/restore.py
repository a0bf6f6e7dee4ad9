from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import needs_migrate
from plantracker.operations import backups

from .backup import _counts


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by `plantracker backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )

    def handle(self, *args: object, **opts: object) -> None:
        source = Path(str(opts["file"]))
        try:
            backups.kind_of(source)  # refuse a wrong file before asking anything
            if not opts["yes"]:
                answer = input(
                    f"This replaces everything in the database with {source.name}. "
                    "Type 'restore' to go on: "
                )
                if answer.strip() != "restore":
                    raise CommandError("Nothing was changed.")
            backups.restore(source)
        except backups.BackupError as exc:
            raise CommandError(f"{exc} Nothing was changed.") from None
        self.stdout.write(f"Restored from {source}.")
        if needs_migrate():
            self.stdout.write(
                "The backup is from an older version of Plan Tracker: run `plantracker migrate`."
            )
        else:
            self.stdout.write(_counts(backups.summary()))
