from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.framework import AIM_COLUMNS, OUTCOME_COLUMNS, aims_import, outcomes_import

from ._result import add_map_argument, finish, maps


class Command(BaseCommand):
    help = (
        "Import a strategy's aims and objectives, or a strategic plan's outcomes, supporting "
        "outcomes and measures. With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The table: .xlsx, .csv, .tsv or .txt.")
        parser.add_argument("--strategy", required=True, help="Slug of the strategy.")
        parser.add_argument("--title", help="Title of the strategy (default: its slug).")
        parser.add_argument("--organisation", help="Organisation of a new strategy.")
        parser.add_argument(
            "--kind",
            choices=["aims", "outcomes"],
            default="aims",
            help="aims: aims and objectives (default); outcomes: outcomes and measures.",
        )
        parser.add_argument(
            "--plan",
            action="append",
            default=[],
            metavar="SLUG",
            help="A plan that delivers the strategy (repeatable; aims only).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        path: Path = opts["file"]  # type: ignore[assignment]
        common = {
            "strategy": opts["strategy"],
            "title": opts["title"],
            "organisation": opts["organisation"],
            "dry_run": opts["dry_run"],
        }
        if opts["kind"] == "outcomes":
            if opts["plan"]:
                self.stderr.write("--plan links plans to aims and objectives; ignored here.")
            result = outcomes_import(path, maps=maps(opts, OUTCOME_COLUMNS), **common)  # type: ignore[arg-type]
        else:
            result = aims_import(path, plans=opts["plan"], maps=maps(opts, AIM_COLUMNS), **common)  # type: ignore[arg-type]
        finish(self, result)
