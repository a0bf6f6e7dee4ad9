"""Pages of an API list: `?limit=` (at most MAX_LIMIT, the default) and `?offset=`, and a Link
header (RFC 8288) naming the next page when there is one. The body stays the plain list it has
always been, so a plan of up to MAX_LIMIT actions comes back exactly as before."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

MAX_LIMIT = 1000
LIMIT_INVALID = f"limit must be a whole number from 1 to {MAX_LIMIT:,}."
OFFSET_INVALID = "offset must be a whole number, 0 or more."
MESSAGES = {"limit": LIMIT_INVALID, "offset": OFFSET_INVALID}
NEXT = "next"

# For the OpenAPI document: the header that carries the next page.
LINK_HEADER = {
    "responses": {
        200: {
            "headers": {
                "Link": {
                    "description": f'<URL of the next page>; rel="{NEXT}" — only when more '
                    "actions follow this page.",
                    "schema": {"type": "string"},
                }
            }
        }
    }
}


class PageQuery(Schema):
    limit: int = Field(
        MAX_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"How many actions to return, at most {MAX_LIMIT:,} (the default). When "
        'more follow, the response\'s Link header names the next page (rel="next").',
    )
    offset: int = Field(0, ge=0, description="How many actions to skip first (default 0).")


def refusal(errors: list[dict[str, Any]]) -> str | None:
    """The message for a bad limit or offset, or None when the errors are about anything else."""
    for error in errors:
        name = error.get("loc", [None])[-1]
        if name in MESSAGES:
            return MESSAGES[name]
    return None


def next_link(request: HttpRequest, page: PageQuery) -> str:
    """The Link header's value for the page after `page`, with the request's filters kept."""
    query = request.GET.copy()
    query["limit"] = str(page.limit)
    query["offset"] = str(page.offset + page.limit)
    url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return f'<{url}>; rel="{NEXT}"'
