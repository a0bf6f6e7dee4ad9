from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.factors import factors_import

from ._result import finish


class Command(BaseCommand):
    help = (
        "Import the UK government's greenhouse gas conversion factors from the flat-format "
        "workbook (sheet 'Factors by Category'). With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The flat-format .xlsx workbook.")
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        finish(self, factors_import(opts["file"], dry_run=opts["dry_run"]))  # type: ignore[arg-type]
