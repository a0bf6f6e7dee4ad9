"""The reporting cycle through the pages, as people use it with a browser (no JavaScript)."""

import pytest
from django.test import Client

from plantracker.plans.models import Plan
from plantracker.updates import services
from tests.conftest import PASSWORD, People
from tests.cycle import NEW_TEXT, REASON, seed_row

PLAN = "/plans/net-zero-communities"
UPDATE = f"{PLAN}/actions/C13/updates/march-2024/"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(people: People) -> People:
    Plan.objects.filter(pk=people.plan.pk).update(status=Plan.Status.PUBLISHED)
    return people


def test_contributor_to_publication_through_the_pages(world: People) -> None:
    editor, contributor, approver = (
        as_user(world.editor),
        as_user(world.contributor),
        as_user(world.approver),
    )
    r = editor.post(f"{PLAN}/periods/", {"label": "March 2024", "due": "2024-03-15"})
    assert r.status_code == 302 and r["Location"] == f"{PLAN}/periods/march-2024/"

    page = contributor.get("/my-work/").content.decode()
    assert "March 2024" in page and "C13" in page and "0 of 1 done" in page
    form = contributor.get(UPDATE).content.decode()
    assert seed_row("C13")["December 2023 Update"] in form  # starts from the last text

    r = contributor.post(
        UPDATE, {"narrative": NEW_TEXT, "rag": "Red", "version": "0", "submit": "1"}
    )
    page = r.content.decode()
    assert r.status_code == 200 and "Say why the RAG is now Red" in page
    assert NEW_TEXT in page  # nothing typed is lost
    r = contributor.post(
        UPDATE,
        {"narrative": NEW_TEXT, "rag": "Red", "rag_reason": REASON, "version": "0", "submit": "1"},
    )
    assert r.status_code == 302 and r["Location"] == "/my-work/"
    assert "1 of 1 done" in contributor.get("/my-work/").content.decode()

    review = f"{UPDATE}review/"
    page = approver.get(review).content.decode()
    assert '<del class="app-del"><span class="app-sr">[deleted: </span>will conclude' in page
    r = approver.post(review, {"decision": "return", "version": "1"})
    assert "Say what the contributor should change" in r.content.decode()
    r = approver.post(
        review, {"decision": "return", "comment": "Give the end date", "version": "1"}
    )
    assert r.status_code == 302
    page = contributor.get(UPDATE).content.decode()
    assert "Returned by the approver: “Give the end date”" in page
    r = contributor.post(
        UPDATE,
        {
            "narrative": NEW_TEXT,
            "rag": "Red",
            "rag_reason": REASON,
            "revised_end": "2024-03",
            "version": "2",
            "submit": "1",
        },
    )
    assert r.status_code == 302
    assert approver.post(review, {"decision": "approve", "version": "3"}).status_code == 302
    period_url = f"{PLAN}/periods/march-2024"
    assert approver.post(f"{period_url}/close/").status_code == 302
    r = approver.post(f"{period_url}/publish/", follow=True)
    assert "March 2024 is now published." in r.content.decode()

    # The public sees both published states and the change between them.
    public = Client()
    dec = public.get(f"{PLAN}/periods/december-2023/").content.decode()
    mar = public.get(f"{PLAN}/periods/march-2024/").content.decode()
    assert seed_row("C13")["December 2023 Update"] in dec and NEW_TEXT not in dec
    assert NEW_TEXT in mar and REASON in mar
    changes = public.get(f"{PLAN}/changes/").content.decode()
    assert "What changed from December 2023 to March 2024" in changes
    assert "1 action changed" in changes and "[inserted: </span>" in changes
    assert 'href="/plans/net-zero-communities/actions/C1/"' not in changes  # unchanged
    action = public.get(f"{PLAN}/actions/C13/").content.decode()
    assert "Change history" in action and "Action changed" in action
    assert "April" in action  # who published the new RAG
    assert "Give the end date" in action  # the approver's comment, kept in the history


def test_anonymous_never_sees_draft_text(world: People) -> None:
    period = services.period_create(plan=world.plan, user=world.editor, label="March 2024")
    services.update_write(
        action=world.plan.actions.get(ref="C1"),
        period=period,
        user=world.other_contributor,
        data=services.UpdateInput(narrative="SECRET DRAFT about the Pact"),
        version=0,
    )
    public = Client()
    for url in (
        f"{PLAN}/",
        f"{PLAN}/actions/",
        f"{PLAN}/actions/?q=SECRET",
        f"{PLAN}/actions/C1/",
        f"{PLAN}/periods/",
        f"{PLAN}/export.csv",
        f"{PLAN}/export.json",
        "/api/v1/plans/net-zero-communities/actions/C1",
        f"{PLAN}/periods/december-2023/report.html",
    ):
        r = public.get(url)
        assert r.status_code == 200, url
        assert b"SECRET DRAFT" not in r.getvalue(), url  # getvalue: streamed downloads too
    assert public.get(f"{PLAN}/periods/march-2024/").status_code == 404
    assert b"SECRET DRAFT" in as_user(world.editor).get(f"{PLAN}/actions/C1/").content


def test_two_tabs_conflict_keeps_both_texts(world: People) -> None:
    services.period_create(plan=world.plan, user=world.editor, label="March 2024")
    tab1, tab2 = as_user(world.contributor), as_user(world.editor)
    assert (
        tab1.post(UPDATE, {"narrative": "First words", "version": "0", "save": "1"}).status_code
        == 302
    )
    r = tab2.post(UPDATE, {"narrative": "Other words", "version": "0", "save": "1"})
    page = r.content.decode()
    assert r.status_code == 200
    assert "Someone else changed this update" in page
    assert "carol changed this update while you were editing it" in page
    assert "First words" in page and "Other words" in page  # theirs shown, mine kept
    assert 'name="version" value="1"' in page  # a second save is a deliberate overwrite


def test_sign_in_is_throttled(world: People) -> None:
    client = Client()
    r = client.post("/sign-in/", {"username": "carol", "password": PASSWORD})
    assert r.status_code == 302
    client = Client()
    for _ in range(5):
        r = client.post("/sign-in/", {"username": "carol", "password": "wrong"})
    r = client.post("/sign-in/", {"username": "carol", "password": PASSWORD})
    assert r.status_code == 429 and "Too many tries" in r.content.decode()


def test_page_query_counts_do_not_grow(world: People, django_assert_max_num_queries) -> None:
    """Budgets include the header's counts beside My work: up to 4 queries for a contributor
    with assigned actions (their actions, open periods, updates; waiting reviews), 2 otherwise."""
    services.period_create(plan=world.plan, user=world.editor, label="March 2024")
    editor, contributor = as_user(world.editor), as_user(world.contributor)
    for client, url, budget in (
        (editor, f"{PLAN}/periods/march-2024/", 14),
        (contributor, "/my-work/", 16),
        (contributor, UPDATE, 18),
        (
            editor,
            f"{PLAN}/changes/?from=december-2023&to=now",
            18,
        ),  # "now" builds risks, KPIs and carbon roadmaps too; 1 for the header's People link
        (editor, f"{PLAN}/actions/C13/", 18),  # 1 for the header's People and roles link
    ):
        with django_assert_max_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url
