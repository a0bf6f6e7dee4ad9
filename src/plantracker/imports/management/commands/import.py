from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.core.progress import progress_bar
from plantracker.imports.report_text import report_lines
from plantracker.imports.services import plan_import


class Command(BaseCommand):
    help = (
        "Import a plan's actions from .xlsx, .csv, .tsv or a tab-separated .txt export. "
        "Shows what will change; with --dry-run writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The spreadsheet or text file to import.")
        parser.add_argument("--plan", required=True, help="Slug of the plan to import into.")
        parser.add_argument("--organisation", help="Organisation of a new plan.")
        parser.add_argument("--title", help="Title of a new plan (default: the file's title line).")
        parser.add_argument("--dry-run", action="store_true", help="Show changes; write nothing.")
        parser.add_argument("--sheet", help="Sheet of an .xlsx file to read.")
        parser.add_argument(
            "--encoding", help="Text encoding, e.g. utf-8 or cp1252 (default: detect)."
        )
        parser.add_argument(
            "--overwrite-newer",
            action="store_true",
            help="When the file is a Plan Tracker export, let it replace values changed in "
            "Plan Tracker after it was exported (by default they are kept and listed).",
        )
        parser.add_argument("--period", help="Period label for a column headed just 'Update'.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="Say what a column holds, e.g. --map 'Ref No=ref' or --map 'Notes=ignore'.",
        )

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        with progress_bar("Importing actions") as advance:
            report = plan_import(
                path=opts["file"],
                plan_slug=opts["plan"],
                organisation=opts["organisation"],
                title=opts["title"],
                sheet=opts["sheet"],
                encoding=opts["encoding"],
                mapping=opts["map"],
                period=opts["period"],
                dry_run=opts["dry_run"],
                overwrite_newer=opts["overwrite_newer"],
                progress=advance,
            )  # type: ignore[arg-type]
        for line in report_lines(report):
            self.stdout.write(line)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(f"{report.file} was not imported; nothing was written.")
