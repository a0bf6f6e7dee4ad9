import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.plans.models import Plan
from plantracker.reports.exporters import EXPORTERS, FORMATS


class Command(BaseCommand):
    help = "Export a plan as Excel, CSV or JSON (see docs/data-formats.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Slug of the plan.")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        plan = Plan.objects.filter(slug=opts["plan"]).first()
        if plan is None:
            slugs = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no plan '{opts['plan']}'. Plans: {slugs}.")
        fmt = str(opts["format"])
        data = EXPORTERS[fmt](plan)
        output = opts["output"]
        if output is None:
            if fmt == "xlsx" and sys.stdout.isatty():
                raise CommandError("An Excel file cannot be shown here: give --output FILE.")
            self.stdout.flush()
            sys.stdout.buffer.write(data)
            return
        assert isinstance(output, Path)
        tmp = output.with_name(output.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(output)
        self.stdout.write(f"Wrote {output} ({len(data):,} bytes).")
