"""What every page's header needs: the organisations whose people the signed-in person manages
(the "People and roles" link) and the counts beside *My work*, looked up only when a page
shows them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from plantracker.core.permissions import administered_organisations
from plantracker.updates.selectors import WorkCounts, work_counts


def _counts(user: Any) -> WorkCounts:
    if not (user and user.is_authenticated):
        return WorkCounts(to_write=0, to_review=0)
    return work_counts(user)


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {
        "people_nav": SimpleLazyObject(lambda: administered_organisations(request.user)),
        "work_nav": SimpleLazyObject(lambda: _counts(request.user)),
    }
