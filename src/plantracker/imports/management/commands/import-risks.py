from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.imports.risks import COLUMNS, RegisterSettings, parse_bands, risks_import
from plantracker.imports.tables import TableError

from ._result import add_map_argument, finish, maps


class Command(BaseCommand):
    help = (
        "Import a risk register and set its scoring matrix. Settings left out keep the "
        "register's own (a new register: 1-5, impact x likelihood). With --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The register: .xlsx, .csv, .tsv or .txt.")
        parser.add_argument("--register", required=True, help="Slug of the register.")
        parser.add_argument("--title", help="Title of the register (default: its slug).")
        parser.add_argument("--organisation", help="Organisation of a new register.")
        parser.add_argument("--plan", help="Slug of the plan the register belongs to (optional).")
        parser.add_argument("--scale", type=int, help="Highest point of the scale, e.g. 5 or 3.")
        parser.add_argument(
            "--method", choices=["product", "sum"], help="Score = impact x likelihood or +."
        )
        parser.add_argument(
            "--one-is-highest",
            action="store_true",
            default=None,
            help="1 is the highest risk on this register's scale.",
        )
        parser.add_argument(
            "--bands", help="Named bands of scores, e.g. 'Low=1-4,Medium=5-12,High=15-25'."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show counts; write nothing.")
        add_map_argument(parser)

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        scale = opts["scale"]
        if scale is not None and not 2 <= scale <= 10:  # type: ignore[operator]
            raise CommandError(f"--scale {scale}: give the top of the scale, from 2 to 10.")
        try:
            bands = parse_bands(opts["bands"]) if opts["bands"] else []  # type: ignore[arg-type]
        except TableError as exc:
            raise CommandError(" ".join(exc.problems)) from None
        settings = RegisterSettings(
            slug=opts["register"],  # type: ignore[arg-type]
            title=opts["title"],  # type: ignore[arg-type]
            organisation=opts["organisation"],  # type: ignore[arg-type]
            plan=opts["plan"],  # type: ignore[arg-type]
            scale=scale,  # type: ignore[arg-type]
            method=opts["method"],  # type: ignore[arg-type]
            one_is_highest=opts["one_is_highest"],  # type: ignore[arg-type]
            bands=bands,
        )
        run = {"dry_run": opts["dry_run"], "maps": maps(opts, COLUMNS)}
        finish(self, risks_import(opts["file"], settings, **run))  # type: ignore[arg-type]
