"""What happened in a reporting cycle, for apps above this one to act on (emails: the
notifications app). Sent by services.py inside the service's transaction; a receiver that
does work outside the database defers it with transaction.on_commit."""

from django.dispatch import Signal

# sender=ProgressUpdate; update=, user=
update_submitted = Signal()
# sender=ProgressUpdate; update=, user=, comment=
update_returned = Signal()
# sender=ReportingPeriod; period=, user=
period_published = Signal()
