"""Pages that wait for the worker (import checks, prepared reports) and update themselves:
htmx asks for the page again every few seconds while the job waits (templates/web/_poll.html)
and stops once the answer shows it finished. What changed is said in a live region, so a
screen reader hears it; without JavaScript a link checks again."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

POLL_SECONDS = 2


def polled(request: HttpRequest) -> bool:
    """Asked for by the page itself (htmx), not by someone opening it."""
    return request.headers.get("HX-Request") == "true"


def waiting_context(request: HttpRequest, *, waiting: bool, news: str) -> dict[str, Any]:
    """`news` is announced only when a page that was waiting sees the job finish."""
    return {
        "waiting": waiting,
        "poll_seconds": POLL_SECONDS,
        "news": news if polled(request) and not waiting else "",
    }
