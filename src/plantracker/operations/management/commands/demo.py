import os
import secrets
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from plantracker.operations.demo_cycle import demo_cycle
from plantracker.operations.sample import DEMO_PEOPLE, demo_carbon, demo_people, sample_load


class Command(BaseCommand):
    help = (
        "Set up the demo: create the database, load the sample Leicestershire plans, make a "
        "sign-in for each role, and serve on http://127.0.0.1:8000."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set up, but do not serve.")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: object, **opts: object) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        for report in sample_load():
            self.stdout.write(
                f"Loaded {report.plan}: {len(report.actions)} actions, "
                f"{len(report.findings)} import findings."
            )
        for line in demo_carbon():
            self.stdout.write(line)
        user_model = get_user_model()
        password = secrets.token_urlsafe(12)
        if not user_model.objects.filter(username="demo").exists():
            user_model.objects.create_superuser("demo", "", password)
            self.stdout.write(f"Administrator sign-in (also for /admin/): demo / {password}")
        created = demo_people(password)
        if created:
            roles = ", ".join(f"{u} ({r})" for u, _, r, _ in DEMO_PEOPLE if u in created)
            self.stdout.write(f"Sign-ins with the same password: {roles}. Shown once.")
            self.stdout.write("The contributor writes updates for C1, C2 and C13 of Communities.")
        for line in demo_cycle():
            self.stdout.write(line)
        if not opts["no_serve"]:
            self.stdout.write(f"Serving on http://127.0.0.1:{opts['port']} — press Ctrl+C to stop.")
            # Links in emails lead to this port, unless PLANTRACKER_BASE_URL says otherwise.
            if "PLANTRACKER_BASE_URL" not in os.environ:
                os.environ["PLANTRACKER_BASE_URL"] = f"http://127.0.0.1:{opts['port']}"
                settings.PLANTRACKER_BASE_URL = os.environ["PLANTRACKER_BASE_URL"]
            # The task worker too, so that "Prepare the PDF" on a period page works here, and
            # emails are sent: printed in this window (the console backend) unless SMTP or
            # GOV.UK Notify is set up.
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "plantracker.cli",
                    "db_worker",
                    "--interval",
                    "2",
                    "--no-reload",
                ],
            )
            try:
                call_command("runserver", f"127.0.0.1:{opts['port']}", use_reloader=False)
            finally:
                worker.terminate()
                worker.wait(timeout=30)
