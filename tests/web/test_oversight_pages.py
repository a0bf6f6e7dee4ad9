"""Issue 18, items 1–3: *My work* with its counts in the navigation, where a period's updates
stand, and the confirmation pages before closing and publishing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from plantracker.imports.models import ImportJob
from plantracker.plans.models import Action, Plan
from plantracker.updates import services
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from plantracker.updates.selectors import period_updates
from plantracker.updates.tally import NOT_STARTED, tally
from tests.conftest import People
from tests.cycle import c13_update, march

PLAN = "/plans/net-zero-communities"
MARCH = f"{PLAN}/periods/march-2024"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def nav(client: Client) -> str:
    """The navigation's *My work* link, as text."""
    page = client.get("/").content.decode()
    link = re.search(r'href="/my-work/">(.*?)</a>', page, re.S)
    assert link, "no My work link"
    return re.sub(r"<[^>]+>", "", link.group(1))


@pytest.fixture
def world(people: People) -> People:
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    return people


def live_actions(plan: Plan) -> list[Action]:
    return list(plan.actions.filter(withdrawn_on__isnull=True).order_by("position"))


def test_the_approver_is_told_what_waits_and_reaches_it_in_one_click(world: People) -> None:
    period = march(world)  # due 15 March 2024: long past
    carol, april = as_user(world.contributor), as_user(world.approver)
    mine = Action.objects.filter(assignees=world.contributor, withdrawn_on__isnull=True).count()
    assert mine >= 1
    assert nav(carol) == f"My work: {mine} to write"
    assert nav(april) == "My work"  # nothing submitted yet
    c13_update(world, period)
    assert nav(april) == "My work: 1 to review"
    assert nav(carol) == (f"My work: {mine - 1} to write" if mine > 1 else "My work")
    page = april.get("/my-work/").content.decode()
    review = f"{PLAN}/actions/C13/updates/march-2024/review/?from=my-work"
    assert f'href="{review}"' in page
    assert april.get(review).status_code == 200
    # Decided from My work, the approver goes back to what is left there.
    version = ProgressUpdate.objects.get(action__ref="C13", period=period).version
    r = april.post(review, {"decision": "return", "comment": "More", "version": version})
    assert r.status_code == 302 and r["Location"] == "/my-work/"
    assert nav(april) == "My work"
    c13 = ProgressUpdate.objects.get(action__ref="C13", period=period)
    services.update_write(
        action=c13.action, period=period, user=world.contributor,
        data=services.UpdateInput(narrative=c13.narrative, rag="Red", rag_reason="Closed"),
        version=c13.version, submit=True,
    )  # fmt: skip
    assert nav(april) == "My work: 1 to review"
    # The period is past its due date: the approver is asked to close it; once closed, to
    # publish it.
    assert f'href="{MARCH}/close/"' in page and f'href="{MARCH}/publish/"' not in page
    services.period_close(period=period, user=world.approver)
    page = april.get("/my-work/").content.decode()
    assert f'href="{MARCH}/publish/"' in page and f'href="{MARCH}/close/"' not in page


def test_my_work_shows_each_person_only_their_own(world: People) -> None:
    period = march(world)
    c13_update(world, period)
    job = ImportJob.objects.create(
        plan=world.plan, name="tracker.xlsx", requested_by=world.editor, file="x.xlsx"
    )
    editor = as_user(world.editor).get("/my-work/").content.decode()
    assert f'href="{PLAN}/imports/{job.pk}/"' in editor and "tracker.xlsx" in editor
    assert "Updates to review" not in editor  # an editor does not approve
    for who in (world.contributor, world.approver, world.outsider):
        page = as_user(who).get("/my-work/").content.decode()
        assert "tracker.xlsx" not in page
    outsider = as_user(world.outsider).get("/my-work/").content.decode()
    assert "C13" not in outsider and "Nothing is waiting for you" in outsider
    assert nav(as_user(world.outsider)) == "My work"


def test_the_old_address_of_my_work_still_leads_there(world: People) -> None:
    response = as_user(world.contributor).get("/my-updates/")
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    assert Client().get("/my-work/")["Location"].startswith("/sign-in/")


def test_a_withdrawn_action_is_nobodys_work(world: People) -> None:
    march(world)
    c13 = world.plan.actions.get(ref="C13")
    before = nav(as_user(world.contributor))
    Action.objects.filter(pk=c13.pk).update(withdrawn_on="2024-01-31")
    after = nav(as_user(world.contributor))
    assert (
        before != after
        and "C13" not in as_user(world.contributor).get("/my-work/").content.decode()
    )


def counts_by_status(period: ReportingPeriod) -> dict[str, int]:
    """Counted straight from the rows, apart from the code under test."""
    actions = live_actions(period.plan)
    status = dict(period.updates.values_list("action_id", "status"))
    counts: dict[str, int] = {}
    for a in actions:
        counts[status.get(a.pk, NOT_STARTED)] = counts.get(status.get(a.pk, NOT_STARTED), 0) + 1
    return counts


def test_the_period_page_counts_updates_by_status_and_theme(world: People) -> None:
    period = march(world)
    c13_update(world, period)  # submitted
    services.update_write(
        action=world.plan.actions.get(ref="C1"), period=period, user=world.editor,
        data=services.UpdateInput(narrative="Begun"), version=0,
    )  # fmt: skip
    expected = counts_by_status(period)
    assert expected == {
        "submitted": 1, "draft": 1, NOT_STARTED: len(live_actions(world.plan)) - 2
    }  # fmt: skip
    counted = tally(period_updates(period))
    assert {s: n for s, n in counted.overall.counts.items() if n} == expected
    for status in expected:  # the themes add up to the whole plan
        assert sum(row.counts[status] for row in counted.themes) == expected[status]
    themes = {t.name for t in world.plan.themes.all()}
    assert {row.label for row in counted.themes} <= themes | {"No theme"}

    page = as_user(world.editor).get(f"{MARCH}/").content.decode()
    n = expected[NOT_STARTED]
    assert f"{n} actions with no update yet" in page
    assert f'href="{PLAN}/actions/C13/"' in page
    no_update = page[page.index('id="no-update"') :]
    no_update = no_update[: no_update.index("</ul>")]
    assert "C13" not in re.sub(r"<[^>]+>", " ", no_update).split()
    assert "C1 " not in re.sub(r"<[^>]+>", " ", no_update)
    # The public sees none of it.
    assert Client().get(f"{MARCH}/").status_code == 404


def test_publishing_asks_first_and_says_what_will_not_be_updated(world: People) -> None:
    period = march(world)
    c13 = c13_update(world, period)
    april = as_user(world.approver)
    # A button posted to the old address goes to the confirmation page, without closing.
    r = april.post(f"{MARCH}/status/", {"step": "close"})
    assert r.status_code == 302 and r["Location"] == f"{MARCH}/close/"
    assert ReportingPeriod.objects.get(pk=period.pk).status == "open"

    close = april.get(f"{MARCH}/close/").content.decode()
    assert "1 update is waiting for approval" in close
    assert "Close March 2024 for updates?" in close
    assert april.post(f"{MARCH}/close/").status_code == 302
    assert ReportingPeriod.objects.get(pk=period.pk).status == "closed"

    page = april.get(f"{MARCH}/publish/").content.decode()
    assert "Approve or return it before publishing" in page
    assert re.search(r"<button[^>]*disabled[^>]*>Publish March 2024", page)
    r = april.post(f"{MARCH}/publish/", follow=True)
    assert "waiting for approval" in r.content.decode()
    assert ReportingPeriod.objects.get(pk=period.pk).status == "closed"

    services.update_review(update=c13, user=world.approver, approve=True, version=c13.version)
    page = april.get(f"{MARCH}/publish/").content.decode()
    missing = [a for a in live_actions(world.plan) if a.ref != "C13"]
    assert f"{len(missing)} actions with no update this period" in page
    # Each is shown with what the public will go on reading: its December 2023 update.
    december = dict(
        ProgressUpdate.objects.filter(
            period__label="December 2023", status="published"
        ).values_list("action__ref", "narrative")
    )
    labelled = page.count("Last reported December 2023")
    assert labelled == sum(1 for a in missing if december.get(a.ref) is not None)
    assert labelled > 0
    assert not re.search(r"<button[^>]*disabled[^>]*>Publish", page)
    r = april.post(f"{MARCH}/publish/", follow=True)
    assert "March 2024 is now published." in r.content.decode()
    assert ReportingPeriod.objects.get(pk=period.pk).status == "published"
    # Published: no confirmation page offers to do it again.
    r = april.get(f"{MARCH}/publish/", follow=True)
    assert "cannot be published now" in r.content.decode()


def test_drafts_and_returned_updates_are_named_before_publishing(world: People) -> None:
    period = march(world)
    c13 = c13_update(world, period)
    services.update_review(
        update=c13, user=world.approver, approve=False, comment="Say more", version=c13.version
    )
    services.update_write(
        action=world.plan.actions.get(ref="C1"), period=period, user=world.editor,
        data=services.UpdateInput(narrative="Begun"), version=0,
    )  # fmt: skip
    services.period_close(period=period, user=world.approver)
    page = as_user(world.approver).get(f"{MARCH}/publish/").content.decode()
    assert "1 draft never submitted" in page and "1 update returned and not sent back" in page
    drafts = page[page.index('id="drafts"') : page.index('id="returned"')]
    assert f"{PLAN}/actions/C1/updates/march-2024/" in drafts
    returned = page[page.index('id="returned"') :]
    assert f"{PLAN}/actions/C13/updates/march-2024/" in returned


@pytest.mark.parametrize("who", ["contributor", "editor", "outsider"])
def test_only_approvers_reach_the_confirmation_pages(world: People, who: str) -> None:
    march(world)
    client = as_user(getattr(world, who))
    for step in ("close", "publish"):
        assert client.get(f"{MARCH}/{step}/").status_code in (403, 404)
        assert client.post(f"{MARCH}/{step}/").status_code in (403, 404)
    assert ReportingPeriod.objects.get(plan=world.plan, slug="march-2024").status == "open"
