from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.plans.lookups import plan_or_error
from plantracker.updates.lookups import period_or_error
from plantracker.updates.reminders import reminders, send


class Command(BaseCommand):
    help = (
        "Email each contributor the list of their updates due or overdue for a period. "
        "Safe to run from cron: people whose updates are all in get nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Slug of the plan.")
        parser.add_argument("--period", required=True, help='The period, e.g. "March 2024".')
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would be emailed; send nothing."
        )

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        plan = plan_or_error(str(opts["plan"]))
        period = period_or_error(plan, str(opts["period"]))
        if period.status != "open":
            raise CommandError(
                f"{period.label} is {period.get_status_display().lower()}: reminders are only "
                "sent while a period is open."
            )
        items, missing = reminders(period)
        for name in missing:
            self.stderr.write(f"Not reminded: {name} has updates due but no email address.")
        if opts["dry_run"]:
            for r in items:
                self.stdout.write(f"Would email {r.user.email}: {r.subject}")
            self.stdout.write(f"Dry run: {len(items)} email(s) would be sent; none were.")
            return
        sent = send(items)
        self.stdout.write(f"Sent {sent} reminder email(s) for {period.label}.")
