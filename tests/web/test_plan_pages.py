"""A plan's own pages: an organisation's admin starts a plan (a draft nobody outside sees), its
editors change its settings and publish it, add, rename, reorder and merge its themes, and
change its scoring with a preview of which scores would change."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count
from django.test import Client

from plantracker.plans.models import Action, Plan, ScoringScheme
from tests.conftest import People

PLAN = "/plans/net-zero-communities"
LCC = "/organisations/leicestershire-county-council"
WEIGHTS = {
    "timescale_S": "3", "timescale_M": "2", "timescale_L": "1", "cost_L": "3", "cost_M": "2",
    "cost_H": "1", "carbon_L": "1", "carbon_M": "2", "carbon_H": "3",
}  # fmt: skip


def signed_in(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.django_db
def test_an_admin_starts_a_plan_as_a_draft_and_publishes_it(people: People) -> None:
    admin = signed_in(people.admin)
    assert f'href="{LCC}/add-plan/"' in admin.get(f"{LCC}/").content.decode()
    refused = admin.post(f"{LCC}/add-plan/", {"title": ""})
    assert refused.status_code == 400
    response = admin.post(f"{LCC}/add-plan/", {"title": "Waste Strategy 2025–2035",
                                               "period": "2025–2035"})  # fmt: skip
    plan = Plan.objects.get(title="Waste Strategy 2025–2035")
    assert response["Location"] == f"/plans/{plan.slug}/"
    assert plan.status == Plan.Status.DRAFT and plan.slug == "waste-strategy-20252035"
    assert Client().get(f"/plans/{plan.slug}/").status_code == 404  # a draft: not public

    settings = admin.get(f"/plans/{plan.slug}/settings/").context["form"].initial
    admin.post(f"/plans/{plan.slug}/settings/", {**settings, "status": "published",
                                                 "description": "How we cut waste."})  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED and plan.description == "How we cut waste."
    assert "How we cut waste." in Client().get(f"/plans/{plan.slug}/").content.decode()


@pytest.mark.django_db
def test_themes_are_added_renamed_reordered_and_merged(people: People) -> None:
    editor = signed_in(people.editor)
    url = f"{PLAN}/themes/"
    editor.post(url, {"do": "add", "name": "  Schools   and youth "})
    schools = people.plan.themes.get(name="Schools and youth")
    again = editor.post(url, {"do": "add", "name": "schools and youth"})
    assert again.status_code == 400 and "already has a theme called" in again.content.decode()

    editor.post(url, {"do": "rename", "theme": schools.pk, "name": "Young people"})
    schools.refresh_from_db()
    assert schools.name == "Young people"
    before = list(people.plan.themes.order_by("position").values_list("name", flat=True))
    editor.post(url, {"do": "up", "theme": schools.pk})
    after = list(people.plan.themes.order_by("position").values_list("name", flat=True))
    assert after.index("Young people") == before.index("Young people") - 1

    donor = people.plan.themes.exclude(pk=schools.pk).filter(actions__isnull=False).first()
    refs = set(donor.actions.values_list("ref", flat=True))
    response = editor.post(url, {"do": "merge", "theme": donor.pk, "into": schools.pk})
    assert response.status_code == 302
    assert not people.plan.themes.filter(pk=donor.pk).exists()
    moved = Action.objects.filter(plan=people.plan, ref__in=refs)
    assert {a.theme_id for a in moved} == {schools.pk}
    record = moved.first().history.latest("history_date")
    assert record.history_change_reason == "Theme merged into Young people"
    assert record.history_user == people.editor


@pytest.mark.django_db
def test_scoring_is_previewed_then_saved_and_a_shared_scheme_is_copied(people: People) -> None:
    editor = signed_in(people.editor)
    url = f"{PLAN}/scoring/"
    other = people.other_plan
    other.scoring_scheme = people.plan.scoring_scheme
    other.save()
    scored = Action.objects.filter(plan=people.plan, timescale="S", score__isnull=False).first()
    assert scored is not None
    old = scored.score

    preview = editor.post(url, {**WEIGHTS, "timescale_S": "10", "preview": "1"})
    assert preview.status_code == 200 and "would score differently" in preview.content.decode()
    assert any(c.ref == scored.ref for c in preview.context["preview"])
    assert "Rutland Climate Plan" in preview.content.decode()  # it says the scheme is shared
    scored.refresh_from_db()
    assert scored.score == old  # a preview writes nothing

    bad = editor.post(url, {**WEIGHTS, "cost_H": "-1", "save": "1"})
    assert bad.status_code == 400

    editor.post(url, {**WEIGHTS, "timescale_S": "10", "save": "1"})
    scored.refresh_from_db()
    assert scored.score == old / 3 * 10
    people.plan.refresh_from_db()
    other.refresh_from_db()
    assert people.plan.scoring_scheme_id != other.scoring_scheme_id  # Rutland keeps its own
    assert other.scoring_scheme.timescale_weights["S"] == 3
    assert ScoringScheme.objects.get(pk=people.plan.scoring_scheme_id).weights().timescale[
        "S"
    ] == Decimal(10)


def test_the_plans_own_objective_codes_are_kept_on_a_page(people: People) -> None:
    editor = Client()
    editor.force_login(people.editor)
    url = "/plans/net-zero-communities/objectives/"
    editor.post(url, {"code": "Z9", "text": "Warmer homes", "defined": "on"})
    z9 = people.plan.objectives.get(code="Z9")
    assert z9.text == "Warmer homes" and z9.defined
    twin = editor.post(url, {"code": "z9"})
    assert twin.status_code == 400 and "already has an objective z9" in twin.content.decode()
    editor.post(f"{url}{z9.pk}/", {"code": "Z8", "text": "Warmer homes"})
    z9.refresh_from_db()
    assert z9.code == "Z8" and not z9.defined
    used = people.plan.objectives.annotate(n=Count("actions")).filter(n__gt=0).first()
    refused = editor.post(f"{url}{used.pk}/", {"remove": "1", "code": used.code})
    assert refused.status_code == 400 and "change them first" in refused.content.decode()
    editor.post(f"{url}{z9.pk}/", {"remove": "1", "code": "Z8"})
    assert not people.plan.objectives.filter(code="Z8").exists()
    assert Client().get(url).status_code in (302, 403, 404)
