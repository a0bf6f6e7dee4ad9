"""The organisation settings page: its administrators set the name on reports, the logo,
the committees and the Word template; files are kept in the default storage and an old
file is deleted when replaced or removed."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from PIL import Image

from plantracker.core import uploads
from plantracker.core.models import Organisation
from plantracker.web.forms.organisations import BOTH
from tests.conftest import People

SLUG = "leicestershire-county-council"
URL = f"/organisations/{SLUG}/settings/"


def png(colour: tuple[int, int, int] = (0, 94, 165)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(buf, "PNG")
    return buf.getvalue()


def docx() -> bytes:
    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


def admin(people: People) -> Client:
    client = Client()
    client.force_login(people.admin)
    return client


def org() -> Organisation:
    return Organisation.objects.get(slug=SLUG)


def post(client: Client, **data: object):
    base = {"report_name": "", "committees": ""}
    return client.post(URL, {**base, **data})


@pytest.mark.django_db
def test_only_administrators_see_the_link_and_the_page(people: People) -> None:
    page = admin(people).get(f"/organisations/{SLUG}/").content.decode()
    assert f'href="{URL}"' in page
    for who in (people.editor, people.approver, people.contributor):
        client = Client()
        client.force_login(who)
        assert f'href="{URL}"' not in client.get(f"/organisations/{SLUG}/").content.decode()
        assert client.get(URL).status_code in (403, 404)


@pytest.mark.django_db
def test_name_committees_and_logo_saved_and_shown(people: People) -> None:
    client = admin(people)
    page = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page and "There is no logo" in page
    response = post(
        client,
        report_name="  Leicestershire County Council (LCC)  ",
        committees="Scrutiny Commission\n\n  Cabinet  \n",
        logo=SimpleUploadedFile("our logo.png", png()),
    )
    assert response.status_code == 302
    o = org()
    assert o.report_name == "Leicestershire County Council (LCC)"
    assert o.committee_names() == ["Scrutiny Commission", "Cabinet"]
    assert o.logo.name.startswith("logos/") and o.logo.name.endswith(".png")
    assert default_storage.open(o.logo.name).read() == png()
    page = client.get(URL).content.decode()
    assert "Saved: the name on reports, the committees and the logo." in page
    assert '<img class="app-logo-preview" src="data:image/png;base64,' in page
    assert 'alt="The current logo"' in page
    assert "Remove the logo" in page


@pytest.mark.django_db
def test_replacing_and_removing_delete_the_old_file(
    people: People, django_capture_on_commit_callbacks
) -> None:
    client = admin(people)
    post(client, logo=SimpleUploadedFile("a.png", png()))
    first = org().logo.name
    with django_capture_on_commit_callbacks(execute=True):  # deleted once saved
        post(client, logo=SimpleUploadedFile("b.png", png((200, 0, 0))))
    second = org().logo.name
    assert first != second
    assert not default_storage.exists(first) and default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, remove_logo="on")
    assert not org().logo and not default_storage.exists(second)
    assert "There is no logo" in client.get(URL).content.decode()


@pytest.mark.django_db
def test_hostile_svg_refused_with_a_message(people: People) -> None:
    client = admin(people)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = post(client, logo=SimpleUploadedFile("logo.svg", svg))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_logo"' in page
    assert "Save the logo as PNG, or as SVG without scripts or links." in page
    assert "<script>alert(1)" not in page
    assert not org().logo


@pytest.mark.django_db
def test_too_big_logo_says_its_size(people: People) -> None:
    data = b"<svg" + b" " * (600 * 1024)
    response = post(admin(people), logo=SimpleUploadedFile("logo.svg", data))
    assert response.status_code == 400
    assert "The logo is 600 KB: it must be 512 KB or smaller." in response.content.decode()


@pytest.mark.django_db
def test_a_plain_svg_logo_is_kept_and_previewed(people: People) -> None:
    client = admin(people)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect/></svg>'
    assert post(client, logo=SimpleUploadedFile("logo.svg", svg)).status_code == 302
    assert org().logo.name.endswith(".svg")
    assert 'src="data:image/svg+xml;base64,' in client.get(URL).content.decode()


@pytest.mark.django_db
def test_word_template_uploaded_replaced_and_removed(
    people: People, django_capture_on_commit_callbacks
) -> None:
    client = admin(people)
    response = post(client, word_template=SimpleUploadedFile("Council house style.dotx", docx()))
    assert response.status_code == 302
    first = org().word_template.name
    assert first.startswith("word-templates/") and first.endswith(".dotx")
    page = client.get(URL).content.decode()
    assert "Word reports use the styles of" in page and "Remove the Word template" in page
    with django_capture_on_commit_callbacks(execute=True):
        post(client, word_template=SimpleUploadedFile("style.docx", docx()))
    assert not default_storage.exists(first)
    post(client, remove_template="on")
    assert not org().word_template
    response = post(client, word_template=SimpleUploadedFile("style.docx", b"PK not really"))
    assert response.status_code == 400
    assert uploads.TEMPLATE_BAD in response.content.decode()


@pytest.mark.django_db
def test_upload_and_remove_together_is_refused(people: People) -> None:
    client = admin(people)
    post(client, logo=SimpleUploadedFile("a.png", png()))
    response = post(client, logo=SimpleUploadedFile("b.png", png()), remove_logo="on")
    assert response.status_code == 400
    assert BOTH.format(what="logo") in response.content.decode()


@pytest.mark.django_db
def test_nothing_changed_says_so(people: People) -> None:
    client = admin(people)
    response = post(client, report_name="", committees="")
    assert response.status_code == 302
    assert "Nothing was changed." in client.get(URL).content.decode()


@pytest.mark.django_db
def test_too_many_or_too_long_committees(people: People) -> None:
    client = admin(people)
    response = post(client, committees="x" * 201)
    assert "Keep each committee name to 200 characters or fewer (one has 201)" in (
        response.content.decode()
    )
    response = post(client, committees="\n".join(f"C{i}" for i in range(51)))
    assert "List up to 50 committees." in response.content.decode()
