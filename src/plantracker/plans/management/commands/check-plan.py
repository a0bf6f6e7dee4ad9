from django.core.management.base import BaseCommand, CommandError, CommandParser

from plantracker.core.database import require_migrated
from plantracker.plans.models import Plan
from plantracker.plans.selectors import plan_findings
from plantracker.plans.services import plan_check


class Command(BaseCommand):
    help = "Check a plan's data quality and list every finding (nothing is changed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="Slug of the plan.")

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        plan = Plan.objects.filter(slug=opts["plan"]).first()
        if plan is None:
            slugs = ", ".join(Plan.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no plan '{opts['plan']}'. Plans: {slugs}.")
        plan_check(plan=plan)
        findings = plan_findings(plan=plan)
        self.stdout.write(f"{plan.title}: {len(findings)} finding(s)")
        for f in findings:
            original = f" (was {f.original!r})" if f.original else ""
            self.stdout.write(f"  {f.ref or '-':8} {f.field:12} [{f.kind}] {f.message}{original}")
