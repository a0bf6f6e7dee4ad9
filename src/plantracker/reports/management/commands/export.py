from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.core.output import write_output
from plantracker.plans.lookups import plan_or_error
from plantracker.reports.exporters import EXPORTERS, FORMATS


class Command(BaseCommand):
    help = "Export a plan as Excel, CSV or JSON (see docs/data-formats.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Slug of the plan.")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        plan = plan_or_error(str(opts["plan"]))
        fmt = str(opts["format"])
        output = opts["output"]
        assert output is None or isinstance(output, Path)
        done = write_output(EXPORTERS[fmt](plan), output, binary=fmt == "xlsx")
        if done:
            self.stdout.write(done)
