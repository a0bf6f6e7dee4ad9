from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.inventory import COLUMNS, InventoryOptions, inventory_import

from ._result import add_map_argument, finish, maps


class Command(BaseCommand):
    help = (
        "Import the greenhouse gas inventory: emission sources and their tCO2e by financial "
        "year, long (a Period column) or wide (a column per year). With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The table: .xlsx, .csv, .tsv or .txt.")
        parser.add_argument("--organisation", required=True, help="Whose emissions these are.")
        parser.add_argument("--baseline", default="", help="Set the baseline year, e.g. 2018-19.")
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        options = InventoryOptions(opts["organisation"], opts["baseline"])  # type: ignore[arg-type]
        run = {"dry_run": opts["dry_run"], "maps": maps(opts, COLUMNS)}
        finish(self, inventory_import(opts["file"], options, **run))  # type: ignore[arg-type]
