"""What every page's header needs: the organisations whose people the signed-in person manages
(the "People and roles" link), looked up only when a page shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from plantracker.core.permissions import administered_organisations


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"people_nav": SimpleLazyObject(lambda: administered_organisations(request.user))}
