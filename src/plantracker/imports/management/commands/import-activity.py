from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.activity import COLUMNS, ActivityOptions, activity_import

from ._result import add_map_argument, finish, maps


class Command(BaseCommand):
    help = (
        "Import activity data (kWh, litres, miles…) and work out tCO2e with the conversion "
        "factors, keeping the factor's ID and year. With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The table: .xlsx, .csv, .tsv or .txt.")
        parser.add_argument("--organisation", required=True, help="Whose emissions these are.")
        parser.add_argument(
            "--factor-year", type=int, help="Which year's factors to use (default: the latest)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        options = ActivityOptions(opts["organisation"], opts["factor_year"])  # type: ignore[arg-type]
        run = {"dry_run": opts["dry_run"], "maps": maps(opts, COLUMNS)}
        finish(self, activity_import(opts["file"], options, **run))  # type: ignore[arg-type]
