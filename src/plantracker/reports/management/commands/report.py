from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.core.output import write_output
from plantracker.plans.lookups import plan_or_error
from plantracker.reports.committee import committee_report
from plantracker.reports.committee_formats import RENDERERS, filename
from plantracker.updates.lookups import period_or_error


class Command(BaseCommand):
    help = (
        "Write the committee report for a period as PDF, Word, HTML or the council's Excel "
        "tracker with changes marked (see docs/reports.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Slug of the plan.")
        parser.add_argument("--period", required=True, help='The period, e.g. "March 2024".')
        parser.add_argument("--format", required=True, choices=sorted(RENDERERS))
        parser.add_argument(
            "--since",
            help="Show changes since this published period (default: the one before).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write (default: a name made from the plan and period).",
        )

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        plan = plan_or_error(str(opts["plan"]))
        period = period_or_error(plan, str(opts["period"]))
        since = None
        if opts["since"]:
            since = period_or_error(plan, str(opts["since"]))
            if since.status != "published" or since.position >= period.position:
                raise CommandError(
                    f"--since must name a published period before {period.label}; "
                    f"{since.label} is {since.get_status_display().lower()}."
                )
        if period.status != "published":
            self.stderr.write(
                f"{period.label} is not published: this is a preview of the updates as they "
                "stand now."
            )
        fmt = str(opts["format"])
        report = committee_report(plan, period, since)
        output = opts["output"] or Path(filename(report, fmt))
        assert isinstance(output, Path)
        done = write_output(RENDERERS[fmt](report), output, binary=True)
        if done:
            self.stdout.write(done)
