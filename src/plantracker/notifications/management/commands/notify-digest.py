from django.core.management.base import BaseCommand, CommandParser

from plantracker.core.database import require_migrated
from plantracker.notifications.models import Notification
from plantracker.notifications.services import digests
from plantracker.notifications.tasks import send_later


class Command(BaseCommand):
    help = (
        "Batch each person's waiting notifications into one daily digest email, sent by the "
        "task worker. Run once a day from cron; people with nothing waiting get nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would get a digest; send nothing."
        )

    def handle(self, *args: object, **opts: object) -> None:
        require_migrated()
        if opts["dry_run"]:
            held = Notification.objects.filter(
                status=Notification.Status.HELD, recipient__isnull=False
            )
            people = sorted(set(held.values_list("address", flat=True)))
            for address in people:
                self.stdout.write(f"Would email a digest to {address}.")
            self.stdout.write(f"Dry run: {len(people)} digest(s) would be sent; none were.")
            return
        ids = digests()
        send_later(ids)
        self.stdout.write(f"Queued {len(ids)} digest email(s) for the task worker.")
