"""Emails about the reporting cycle, sent by the real task worker (`db_worker --batch`) into
Django's locmem outbox: who gets which email for each event and each person's choice, the
daily digest, unsubscribing without signing in, the public's double opt-in, and a failed send
tried again and recorded while the person who acted is never held up."""

from __future__ import annotations

import re
from email import message_from_bytes
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from plantracker.notifications.models import Notification, Preference, Subscriber
from plantracker.plans.models import Plan
from plantracker.updates import services
from tests.conftest import People, run_worker
from tests.cycle import c13_update, march, publish

PLAN = "/plans/net-zero-communities"
UPDATE = f"{PLAN}/actions/C13/updates/march-2024/"
BASE = "http://plans.example.gov.uk"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PLANTRACKER_BASE_URL = BASE
    settings.PLANTRACKER_EMAIL_RETRY_SECONDS = 0
    settings.PLANTRACKER_EMAIL_ATTEMPTS = 3


@pytest.fixture
def world(people: People) -> People:
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    people.plan.refresh_from_db()
    return people


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sent() -> dict[str, list[mail.EmailMessage]]:
    """The emails the worker sent, by address."""
    out: dict[str, list[mail.EmailMessage]] = {}
    for m in mail.outbox:
        for to in m.to:
            out.setdefault(to, []).append(m)
    return out


def html_of(m: Any) -> str:
    (html, kind), *_ = m.alternatives
    assert kind == "text/html"
    return str(html)


def parts(m: Any) -> dict[str, str]:
    """The text and HTML parts as a mail program reads them from the message sent."""
    parsed = message_from_bytes(m.message().as_bytes())
    return {
        p.get_content_type(): p.get_payload(decode=True).decode()
        for p in parsed.walk()
        if not p.is_multipart()
    }


def submitted(world: People) -> Any:
    period = march(world)
    return period, c13_update(world, period)


def test_submitted_goes_to_the_approvers_returned_to_the_contributor(world: People) -> None:
    _, update = submitted(world)
    assert mail.outbox == []  # nothing is sent in the request
    run_worker()
    got = sent()
    assert set(got) == {"april@example.org", "adam@example.org"}  # approver, administrator
    m = got["april@example.org"][0]
    assert m.subject == "To review: C13 March 2024 update for Communities"
    review = f"{BASE}{UPDATE}review/"
    assert review in m.body and "Carol submitted the March 2024 update for C13" in m.body
    body = parts(m)
    assert review in body["text/plain"]
    assert f'href="{review}"' in body["text/html"] and "Dear April," in body["text/html"]
    unsubscribe = re.search(r"Stop these emails: (\S+)", m.body)[1]  # type: ignore[index]
    assert unsubscribe.startswith(f"{BASE}/unsubscribe/")
    assert m.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert m.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f'href="{unsubscribe}"' in html_of(m)
    row = Notification.objects.get(address="april@example.org")
    assert (row.status, row.attempts, row.event) == ("sent", 1, "submitted")
    assert row.sent_at is not None and row.link == review

    mail.outbox.clear()
    comment = "Give the end date & say who decided <now>"
    services.update_review(
        update=update, user=world.approver, approve=False, comment=comment, version=1
    )
    run_worker()
    got = sent()
    assert set(got) == {"carol@example.org"}  # the assignee and author, not the approver
    m = got["carol@example.org"][0]
    assert m.subject.startswith("Returned: C13 March 2024 update")
    assert f'"{comment}"' in m.body and f"{BASE}{UPDATE}" in m.body
    assert "Give the end date &amp; say who decided &lt;now&gt;" in html_of(m)


def test_published_goes_to_the_team_and_confirmed_subscribers(world: People) -> None:
    period, update = submitted(world)
    services.update_review(update=update, user=world.approver, approve=True, version=1)
    Subscriber.objects.create(
        plan=world.plan, email="resident@example.com", confirmed_at="2024-01-01T00:00Z"
    )
    Subscriber.objects.create(plan=world.plan, email="unconfirmed@example.com")
    run_worker()
    mail.outbox.clear()
    publish(world, period)
    run_worker()
    got = sent()
    # Everyone with a role on the plan but the approver who published, and the confirmed
    # subscriber; not the unconfirmed one, nor the editor at another council.
    assert set(got) == {
        "carol@example.org",
        "oscar@example.org",
        "edith@example.org",
        "adam@example.org",
        "resident@example.com",
    }
    m = got["resident@example.com"][0]
    assert m.subject == "Published: Communities, March 2024"
    assert f"{BASE}{PLAN}/periods/march-2024/" in m.body and "Dear" not in m.body
    assert "You subscribed to the published reports" in parts(m)["text/html"]


def test_each_choice_each_event_digest_and_none(world: People) -> None:
    Preference.objects.create(user=world.approver, plan=world.plan, choice="digest")
    Preference.objects.create(user=world.admin, plan=world.plan, choice="none")
    period, update = submitted(world)
    run_worker()
    assert mail.outbox == []  # April waits for her digest; Adam chose none
    held = Notification.objects.get()
    assert (held.recipient, held.status) == (world.approver, "held")
    # A second update submitted the same day joins the same digest.
    services.update_review(
        update=update, user=world.admin, approve=False, comment="Add dates", version=1
    )
    services.update_write(
        action=world.plan.actions.get(ref="C13"), period=period, user=world.contributor,
        data=services.UpdateInput(narrative="Dates added", rag="Red", rag_reason="Closed"),
        version=2, submit=True,
    )  # fmt: skip
    run_worker()
    assert set(sent()) == {"carol@example.org"}  # the return, at once: she chose nothing
    mail.outbox.clear()

    out = StringIO()
    call_command("notify-digest", "--dry-run", stdout=out)
    assert "Would email a digest to april@example.org." in out.getvalue()
    run_worker()
    assert mail.outbox == []
    call_command("notify-digest", stdout=StringIO())
    run_worker()
    (digest,) = mail.outbox
    assert digest.to == ["april@example.org"]
    assert digest.subject == "Plan Tracker daily digest: 2 things that happened"
    assert digest.body.count("To review: C13 March 2024 update") == 2
    assert html_of(digest).count(f'href="{BASE}{UPDATE}review/"') == 2
    assert set(
        Notification.objects.filter(recipient=world.approver).values_list("status", flat=True)
    ) == {"batched", "sent"}
    # The digest's link stops the emails of the plans in it, without signing in.
    stop = digest.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(BASE)
    assert (
        "get no more emails about <strong>Communities</strong>"
        in Client().get(stop).content.decode()
    )
    Client().post(stop)
    assert Preference.objects.get(user=world.approver).choice == "none"
    # Nothing waits now: a second run the same day sends nothing.
    call_command("notify-digest", stdout=StringIO())
    run_worker()
    assert len(mail.outbox) == 1


def test_unsubscribe_works_without_signing_in(world: People) -> None:
    submitted(world)
    run_worker()
    m = sent()["april@example.org"][0]
    url = re.search(r"Stop these emails: (\S+)", m.body)[1].removeprefix(BASE)  # type: ignore[index]
    anyone = Client(enforce_csrf_checks=True)
    page = anyone.get(url).content.decode()
    assert "april@example.org will get no more emails about" in page and "Stop the emails" in page
    assert not Preference.objects.exists()  # GET changes nothing (link scanners follow links)
    r = anyone.post(url)
    assert r.status_code == 200 and "You will get no more emails" in r.content.decode()
    assert Preference.objects.get(user=world.approver).choice == "none"
    # A tampered token is refused with a page, not an error.
    assert anyone.get(url[:-3] + "xx/").status_code == 404
    # The choice shows on her account page, and she gets nothing more about the plan.
    page = as_user(world.approver).get("/account/notifications/").content.decode()
    assert 'value="none" checked' in page
    mail.outbox.clear()
    services.update_review(
        update=world.plan.actions.get(ref="C13").updates.get(period__label="March 2024"),
        user=world.admin,
        approve=False,
        comment="x",
        version=1,
    )
    again = services.UpdateInput(narrative="Again", rag="Red", rag_reason="Closed")
    c13_again = services.update_write(
        action=world.plan.actions.get(ref="C13"),
        period=world.plan.periods.get(label="March 2024"),
        user=world.contributor,
        data=again,
        version=2,
        submit=True,
    )
    assert c13_again.status == "submitted"
    run_worker()
    assert "april@example.org" not in sent() and "adam@example.org" in sent()


def test_one_click_unsubscribe_post_from_a_mail_program(world: People) -> None:
    submitted(world)
    run_worker()
    m = sent()["adam@example.org"][0]
    url = m.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(BASE)
    r = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200
    assert Preference.objects.get(user=world.admin).choice == "none"


def test_preferences_page_lists_the_plans_and_saves_the_choices(world: People) -> None:
    april = as_user(world.approver)
    page = april.get("/account/notifications/").content.decode()
    field = f"plan-{world.plan.pk}"
    assert "Communities (Leicestershire County Council)" in page
    assert f'name="{field}" type="radio" value="each" checked' in page
    assert "Rutland" not in page
    r = april.post("/account/notifications/", {field: "surprise"})
    assert (
        r.status_code == 400
        and "Choose which emails you want about Communities" in r.content.decode()
    )
    r = april.post("/account/notifications/", {field: "digest"})
    assert r.status_code == 302
    assert Preference.objects.get(user=world.approver, plan=world.plan).choice == "digest"
    assert "/account/notifications/" in april.get("/account/").content.decode()


def test_an_action_title_ending_in_a_full_stop_gets_no_second_one(world: People) -> None:
    world.plan.actions.filter(ref="C13").update(title="Support community action.")
    _, update = submitted(world)
    services.update_review(
        update=update, user=world.approver, approve=False, comment="More detail", version=1
    )
    run_worker()
    bodies = [m.body for m in mail.outbox] + [html_of(m) for m in mail.outbox]
    assert {m.subject.split(":")[0] for m in mail.outbox} == {"To review", "Returned"}
    assert all("Support community action. " in b and ".." not in b for b in bodies), bodies


def test_public_subscription_needs_confirming(world: People) -> None:
    public = Client(enforce_csrf_checks=False)
    assert "/subscribe/" in public.get(f"{PLAN}/").content.decode()
    page = public.get(f"{PLAN}/subscribe/").content.decode()
    assert 'autocomplete="email"' in page
    r = public.post(f"{PLAN}/subscribe/", {"email": "not an address"})
    assert r.status_code == 400 and "Enter an email address in the right form" in r.content.decode()
    r = public.post(f"{PLAN}/subscribe/", {"email": "x" * 250 + "@example.com"})
    assert r.status_code == 400 and not Subscriber.objects.exists()

    r = public.post(f"{PLAN}/subscribe/", {"email": "Resident@Example.com"})
    assert r.status_code == 200 and "Check your email" in r.content.decode()
    assert "the published reports of Communities." in r.content.decode()  # not "Communities's"
    sub = Subscriber.objects.get()
    assert sub.email == "resident@example.com" and sub.confirmed_at is None
    assert mail.outbox == []
    run_worker()
    (m,) = mail.outbox
    assert m.subject == "Confirm: email me the published reports of Communities"
    confirm = re.search(rf"{BASE}(/subscriptions/confirm/\S+)", m.body)[1]  # type: ignore[index]
    assert f'href="{BASE}{confirm}"' in html_of(m)
    assert "You subscribed" not in m.body  # not yet: they have only asked
    assert "If it was not you, ignore this email" in m.body
    # Asking again says the same and sends nothing new so soon; a confirmed address likewise.
    again = public.post(f"{PLAN}/subscribe/", {"email": "resident@example.com"})
    assert (
        again.content.decode().replace("resident@example.com", "Resident@Example.com")
        == r.content.decode()
    )
    run_worker()
    assert len(mail.outbox) == 1

    page = public.get(confirm).content.decode()
    assert "Confirm your subscription" in page
    sub.refresh_from_db()
    assert sub.confirmed_at is None  # GET confirms nothing
    done = public.post(confirm).content.decode()
    assert "You are subscribed" in done and "to the published reports of Communities" in done
    sub.refresh_from_db()
    assert sub.confirmed_at is not None
    assert public.get(confirm[:-4] + "abc/").status_code == 404

    # Published: the subscriber hears, and stops it from the email without signing in.
    mail.outbox.clear()
    period, update = submitted(world)
    services.update_review(update=update, user=world.approver, approve=True, version=1)
    publish(world, period)
    run_worker()
    m = sent()["resident@example.com"][0]
    stop = re.search(r"Stop these emails: (\S+)", m.body)[1].removeprefix(BASE)  # type: ignore[index]
    assert "get no more emails about" in public.get(stop).content.decode()
    public.post(stop)
    assert not Subscriber.objects.exists()


def test_a_draft_plan_cannot_be_subscribed_to(people: People) -> None:
    assert Client().get(f"{PLAN}/subscribe/").status_code == 404


def test_subscribing_is_rate_limited(world: People) -> None:
    public = Client()
    codes = [
        public.post(f"{PLAN}/subscribe/", {"email": f"p{i}@example.com"}).status_code
        for i in range(12)
    ]
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]
    assert (
        "Too many requests"
        in public.post(f"{PLAN}/subscribe/", {"email": "q@example.com"}).content.decode()
    )
    assert Subscriber.objects.count() == 10


def test_a_failed_send_is_retried_and_recorded_and_never_blocks_the_person(
    world: People, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    march(world)
    carol = as_user(world.contributor)
    r = carol.post(
        UPDATE,
        {"narrative": "Done", "rag": "Red", "rag_reason": "Closed", "version": "0", "submit": "1"},
    )
    assert r.status_code == 302  # the contributor's submission went through
    assert (
        world.plan.actions.get(ref="C13").updates.get(period__label="March 2024").status
        == "submitted"
    )
    run_worker()
    rows = list(Notification.objects.order_by("address"))
    assert [(n.address, n.status, n.attempts) for n in rows] == [
        ("adam@example.org", "failed", 3),
        ("april@example.org", "failed", 3),
    ]
    assert rows[0].last_error == "Refused: The mail server refused the connection"
    assert rows[0].sent_at is None


def test_a_send_that_fails_once_is_sent_on_the_next_try(world: People, settings: Any) -> None:
    from tests.notifications.backends import FailsOnceBackend

    FailsOnceBackend.failed = False
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailsOnceBackend"
    Preference.objects.create(user=world.admin, plan=world.plan, choice="none")
    submitted(world)
    run_worker()
    n = Notification.objects.get()
    assert (n.status, n.attempts) == ("sent", 2)
    assert n.last_error == "Refused: Temporary failure in name resolution"
    assert [m.to for m in mail.outbox] == [["april@example.org"]]


def test_gov_uk_notify_backend_is_chosen_by_environment(monkeypatch: Any) -> None:
    import importlib

    import plantracker.settings as app_settings

    monkeypatch.setenv("PLANTRACKER_NOTIFY_API_KEY", "test-key")
    monkeypatch.setenv("PLANTRACKER_NOTIFY_TEMPLATE_ID", "43573f75-80e7-402f-b308-e5f1066fbd6f")
    try:
        reloaded = importlib.reload(app_settings)
        assert reloaded.EMAIL_BACKEND == "django_gov_notify.backends.NotifyEmailBackend"
        assert reloaded.GOVUK_NOTIFY_API_KEY == "test-key"
        assert (
            reloaded.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID == "43573f75-80e7-402f-b308-e5f1066fbd6f"
        )
    finally:
        monkeypatch.delenv("PLANTRACKER_NOTIFY_API_KEY")
        monkeypatch.delenv("PLANTRACKER_NOTIFY_TEMPLATE_ID")
        importlib.reload(app_settings)
