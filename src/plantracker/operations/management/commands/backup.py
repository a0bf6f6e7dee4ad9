from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.operations import backups


class Command(BaseCommand):
    help = "Copy the whole database to a backup file while the site keeps running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="Where to write it (default: var/backups/plantracker-DATE-TIME.sqlite3 or .dump).",
        )

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        try:
            target = Path(str(opts["output"])) if opts["output"] else backups.default_path()
            if target.exists():
                raise CommandError(f"{target} already exists. Give another --output.")
            done = backups.backup(target)
        except backups.BackupError as exc:
            raise CommandError(f"{exc} No backup was written.") from None
        counts = backups.summary()
        size = done.stat().st_size / 1024 / 1024
        self.stdout.write(f"Backed up to {done} ({size:,.1f} MB).")
        self.stdout.write(_counts(counts))


def _counts(counts: dict[str, int]) -> str:
    shown = {
        "plans": "plan",
        "actions": "action",
        "progress updates": "progress update",
        "reporting periods": "reporting period",
        "indicators": "KPI",
        "risks": "risk",
    }
    parts = []
    for key, one in shown.items():
        n = counts.get(key)
        if n is not None:
            parts.append(f"{n:,} {one}" + ("" if n == 1 else "s"))
    return "It holds " + ", ".join(parts) + "."
