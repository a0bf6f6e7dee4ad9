from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.indicators import COLUMNS, Options, indicators_import

from ._result import add_map_argument, finish, maps


class Command(BaseCommand):
    help = (
        "Import KPIs (definitions and targets) and their values, long (a Period column) or "
        "wide (one column per period). With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The table: .xlsx, .csv, .tsv or .txt.")
        parser.add_argument(
            "--organisation", required=True, help="Name of the organisation the KPIs belong to."
        )
        parser.add_argument("--plan", help="Slug of the plan the KPIs belong to (optional).")
        parser.add_argument(
            "--strategy", help="Slug of the strategy whose objective codes the file names."
        )
        parser.add_argument("--source", default="", help="Where the figures come from.")
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        options = Options(
            organisation=opts["organisation"],  # type: ignore[arg-type]
            plan=opts["plan"],  # type: ignore[arg-type]
            strategy=opts["strategy"],  # type: ignore[arg-type]
            source=opts["source"],  # type: ignore[arg-type]
        )
        run = {"dry_run": opts["dry_run"], "maps": maps(opts, COLUMNS)}
        finish(self, indicators_import(opts["file"], options, **run))  # type: ignore[arg-type]
