"""The issue's reporting-cycle scenario, shared by the service, report, page and browser
tests: the seed tracker imported as December 2023, then March 2024 with C13 turned Red."""

from datetime import date

from plantracker.updates import services
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from tests.conftest import COMMUNITIES, People

NEW_TEXT = (
    "The SHIRE environment grants scheme concluded at the end of 2023/24, following a "
    "decision by the Council. No further rounds will be run."
)
REASON = "The scheme has closed, so this action can no longer be delivered as written."


def seed_row(ref: str) -> dict[str, str]:
    """The action's row in the council's sheet, read from the sample file itself."""
    lines = COMMUNITIES.read_text(encoding="utf-8").splitlines()
    header = next(line.split("\t") for line in lines if line.startswith("Action ID\t"))
    row = next(line.split("\t") for line in lines if line.split("\t")[0] == ref)
    return dict(zip(header, row, strict=False))


def march(people: People) -> ReportingPeriod:
    return services.period_create(
        plan=people.plan, user=people.editor, label="March 2024", due=date(2024, 3, 15)
    )


def c13_update(people: People, period: ReportingPeriod, *, submit: bool = True) -> ProgressUpdate:
    action = people.plan.actions.get(ref="C13")
    return services.update_write(
        action=action,
        period=period,
        user=people.contributor,
        data=services.UpdateInput(narrative=NEW_TEXT, rag="Red", rag_reason=REASON),
        version=0,
        submit=submit,
    )


def publish(people: People, period: ReportingPeriod) -> None:
    services.period_close(period=period, user=people.approver)
    services.period_publish(period=period, user=people.approver)


def march_published(people: People) -> ReportingPeriod:
    period = march(people)
    update = c13_update(people, period)
    services.update_review(
        update=update, user=people.approver, approve=True, version=update.version
    )
    publish(people, period)
    period.refresh_from_db()
    return period
