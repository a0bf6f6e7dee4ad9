"""Every page and API read carries the Content-Security-Policy and the other security headers;
the committee report (a self-contained document) carries its own stricter one."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import People
from tests.web.test_permissions import membership_pk
from tests.web.test_permissions import world as world  # the fixture
from tests.web.test_query_counts import reads


def directives(policy: str) -> dict[str, set[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = set(values)
    return out


@pytest.mark.django_db
def test_every_read_has_the_policy(world: People) -> None:
    seen = 0
    for name, url, role in reads():
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(world, role))
        response = client.get(url.format(membership=membership_pk()))
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == {"'none'"}, url
        assert "'unsafe-eval'" not in str(policy), url
        if name == "period-report":
            assert policy["default-src"] == {"'none'"}, url  # no script at all
            assert "script-src" not in policy, url
            assert policy["img-src"] == {"data:"}, url
        else:
            assert policy["script-src"] == {"'self'"}, url
            assert policy["style-src"] == {"'self'"}, url
            assert policy["object-src"] == {"'none'"}, url
            assert policy["form-action"] == {"'self'"}, url
        seen += 1
    assert seen > 40  # every GET of the permission matrix


@pytest.mark.django_db
def test_no_page_has_inline_script(world: People) -> None:
    """Scripts only from files: an inline one would be refused by the policy anyway, so one in
    a template is a bug. JSON data blocks (charts, API docs settings) are data, not script."""
    import re

    tag = re.compile(rb"<script\b([^>]*)>(.*?)</script>", re.S)
    for _name, url, role in reads():
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(world, role))
        response = client.get(url.format(membership=membership_pk()))
        if not response["Content-Type"].startswith("text/html"):
            continue
        for attributes, body in tag.findall(response.content):
            if b'type="application/json"' in attributes:
                continue
            assert b"src=" in attributes and not body.strip(), (url, attributes, body[:80])
        assert re.search(rb"<[a-z][^>]*\son[a-z]+=", response.content) is None, url
