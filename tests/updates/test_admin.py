"""An operator's edit in /admin/ is a new version too, so a form drawn before it is refused
rather than silently overwriting it (issue 15, finding 2: every write bumps the version)."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from plantracker.updates import services
from plantracker.updates.admin import ProgressUpdateAdmin
from plantracker.updates.models import ProgressUpdate
from tests.conftest import People
from tests.cycle import c13_update, march


@pytest.mark.django_db
def test_an_admin_save_is_a_new_version(people: People) -> None:
    period = march(people)
    update = c13_update(people, period, submit=False)  # version 1
    request = RequestFactory().post("/admin/")
    request.user = people.admin
    update.narrative = "Corrected by the operator."
    ProgressUpdateAdmin(ProgressUpdate, site).save_model(request, update, None, change=True)
    update.refresh_from_db()
    assert update.version == 2
    assert update.history.order_by("-history_date").first().version == 2
    with pytest.raises(services.Conflict):
        services.update_write(
            action=update.action,
            period=period,
            user=people.contributor,
            data=services.UpdateInput(narrative="From the form drawn before."),
            version=1,
        )
