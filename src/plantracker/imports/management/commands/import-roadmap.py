from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.roadmap import COLUMNS, RoadmapSettings, roadmap_import

from ._result import add_map_argument, finish, maps


def _tonnes(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CommandError(f"--baseline-tco2e '{text}' is not a number of tonnes.") from None


class Command(BaseCommand):
    help = (
        "Import a carbon reduction roadmap's workstreams (category, area, tCO2e saved, start "
        "year, phasing, status, actions). With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The table: .xlsx, .csv, .tsv or .txt.")
        parser.add_argument("--roadmap", required=True, help="Slug of the roadmap.")
        parser.add_argument("--organisation", help="Organisation (needed for a new roadmap).")
        parser.add_argument("--title", help="Title (for a new roadmap).")
        parser.add_argument("--baseline-period", help="Baseline financial year, e.g. 2018-19.")
        parser.add_argument("--baseline-tco2e", help="Baseline emissions in tCO2e, e.g. 13000.")
        parser.add_argument("--baseline-note", default="", help="Where the baseline comes from.")
        parser.add_argument("--first-year", type=int, help="First year shown on the charts.")
        parser.add_argument("--target-year", type=int, help="The year savings are counted to.")
        parser.add_argument("--plan", help="Slug of the plan whose action refs the file names.")
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        tonnes = opts["baseline_tco2e"]
        settings = RoadmapSettings(
            slug=opts["roadmap"],  # type: ignore[arg-type]
            organisation=opts["organisation"],  # type: ignore[arg-type]
            title=opts["title"],  # type: ignore[arg-type]
            baseline_period=opts["baseline_period"],  # type: ignore[arg-type]
            baseline_tco2e=_tonnes(tonnes) if tonnes else None,  # type: ignore[arg-type]
            baseline_note=opts["baseline_note"],  # type: ignore[arg-type]
            first_year=opts["first_year"],  # type: ignore[arg-type]
            target_year=opts["target_year"],  # type: ignore[arg-type]
            plan=opts["plan"],  # type: ignore[arg-type]
        )
        run = {"dry_run": opts["dry_run"], "maps": maps(opts, COLUMNS)}
        finish(self, roadmap_import(opts["file"], settings, **run))  # type: ignore[arg-type]
