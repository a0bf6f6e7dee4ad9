"""The organisation overview (issue 18, item 5): its figures, computed from the demo's plans,
against counts made here straight from the database; the same figures in the CSV and JSON;
the public sees no draft or in-progress figure; the plan's team does."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from plantracker.indicators.models import Indicator
from plantracker.operations.sample import sample_load
from plantracker.plans.models import Action, Plan
from plantracker.risks.models import Risk
from plantracker.updates import services
from plantracker.updates.models import ProgressUpdate
from tests.conftest import People

pytestmark = pytest.mark.django_db

LCC = "leicestershire-county-council"
PAGE = f"/organisations/{LCC}/overview/"
COMMUNITIES = "net-zero-communities"
RAGS = ["Red", "Amber", "Green"]
STAGES = ["Discovery", "Design", "Delivery", "Completed"]


def _write(people: People, period, ref: str, rag: str, stage: str, submit: bool = True):  # type: ignore[no-untyped-def]
    action = people.plan.actions.get(ref=ref)
    return services.update_write(
        action=action, period=period, user=people.editor, version=0, submit=submit,
        data=services.UpdateInput(narrative=f"{ref} moved on.", rag=rag, stage=stage,
                                  rag_reason="Changed"),
    )  # fmt: skip


@pytest.fixture
def demo(people: People) -> dict[str, Counter[str]]:
    """The demo (`make demo`'s plans, KPIs, risks and roadmap), then for Communities a second
    report published with changed ratings, and a third period open and overdue with one draft
    and one submitted update (whose ratings must not reach the public's counts). Returns the
    counts as they stood before the second report, counted here."""
    sample_load()
    before = {
        "rag": Counter(_plan_actions(COMMUNITIES).values_list("rag", flat=True)),
        "stage": Counter(_plan_actions(COMMUNITIES).values_list("stage", flat=True)),
    }
    march = services.period_create(plan=people.plan, user=people.editor, label="March 2024")
    for ref, rag, stage in (("C1", "Red", "Delivery"), ("C2", "Green", "Completed"),
                            ("C3", "Amber", "Design")):  # fmt: skip
        update = _write(people, march, ref, rag, stage)
        services.update_review(update=update, user=people.approver, approve=True,
                               version=update.version)  # fmt: skip
    services.period_close(period=march, user=people.approver)
    services.period_publish(period=march, user=people.approver)
    june = services.period_create(plan=people.plan, user=people.editor, label="June 2024",
                                  due=timezone.localdate() - timedelta(days=3))  # fmt: skip
    _write(people, june, "C4", "Red", "Completed", submit=False)
    _write(people, june, "C5", "Red", "Completed")
    return before


def _plan_actions(slug: str):  # type: ignore[no-untyped-def]
    return Action.objects.filter(plan__slug=slug, withdrawn_on__isnull=True)


def _past_end(slug: str) -> int:
    """Counted here: the end month (revised if revised) before this month, not completed."""
    first = timezone.localdate().replace(day=1)
    return sum(
        1
        for a in _plan_actions(slug)
        if (a.revised_end or a.end) is not None
        and (a.revised_end or a.end) < first
        and a.stage != "Completed"
    )


def figures(html: str) -> dict[str, int]:
    """Every number the page marks (data-figure="…") with its value."""
    found = re.findall(r'data-figure="([^"]+)">(\d+)', html)
    return {k: int(v) for k, v in found}


def expected(slug: str) -> dict[str, int]:
    out = {}
    rows = list(_plan_actions(slug).values_list("rag", "stage"))
    rag = Counter(r for r, _ in rows)
    stage = Counter(s for _, s in rows)
    for r in RAGS:
        out[f"rag-{slug}-{r}"] = rag[r]
    out[f"rag-{slug}-unknown"] = sum(n for k, n in rag.items() if k not in RAGS)
    for s in STAGES:
        out[f"stage-{slug}-{s}"] = stage[s]
    out[f"stage-{slug}-unknown"] = sum(n for k, n in stage.items() if k not in STAGES)
    out[f"past-end-{slug}"] = _past_end(slug)
    return out


def test_the_public_figures_match_the_database(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    html = Client().get(PAGE).content.decode()
    shown = figures(html)
    published = Plan.objects.filter(organisation__slug=LCC, status="published")
    assert published.count() == 2
    for plan in published:
        for key, value in expected(plan.slug).items():
            assert shown[key] == value, key
    # The published ratings, not the draft's or the submitted update's (both say Red).
    assert shown[f"rag-{COMMUNITIES}-Red"] == 1
    assert shown[f"stage-{COMMUNITIES}-Completed"] == 1
    # The change since December 2023, counted from what stood before March was published.
    now = Counter(_plan_actions(COMMUNITIES).values_list("rag", flat=True))
    red = now["Red"] - demo["rag"]["Red"]
    assert f'(+{red}<span class="govuk-visually-hidden"> since December 2023' in html
    assert "March 2024, change since December 2023" in html
    # KPIs off track and overdue risk reviews, counted here.
    from plantracker.indicators.selectors import kpi_view

    off = [i for i in Indicator.objects.filter(organisation__slug=LCC, retired_on__isnull=True)
           if kpi_view(i).status.value in ("off track", "not met")]  # fmt: skip
    assert shown["kpis-off-track"] == len(off) > 0
    late = Risk.objects.filter(register__organisation__slug=LCC, status="open",
                               review_date__lt=timezone.localdate())  # fmt: skip
    assert shown["overdue-reviews"] == late.count() > 0
    # No in-progress figure for the public.
    assert "Updates in progress" not in html
    assert "June 2024" not in html
    assert not any(k.startswith(("progress-", "missing-")) for k in shown)


def test_every_number_links_to_the_list_behind_it(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    html = client.get(PAGE).content.decode()
    links = re.findall(r'href="([^"]+)" data-figure="([^"]+)">(\d+)', html)
    assert len(links) >= 20
    for href, key, value in links:
        if not key.startswith(("rag-", "stage-", "past-end-")):
            continue
        listed = client.get(href.replace("&amp;", "&")).content.decode()
        count = re.search(r'id="result-count">(\d+) action', listed)
        assert count and int(count.group(1)) == int(value), (href, value)


def test_the_downloads_hold_the_same_figures(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    data = json.loads(client.get(f"/organisations/{LCC}/overview.json").content)
    rows = list(csv.reader(io.StringIO(client.get(f"/organisations/{LCC}/overview.csv")
                                       .content.decode("utf-8-sig"))))  # fmt: skip
    for plan in data["plans"]:
        want = expected(plan["plan"])
        for r in RAGS:
            assert plan["rag"][r]["count"] == want[f"rag-{plan['plan']}-{r}"]
            row = _row(rows, "RAG", plan["title"], r)
            assert row[:5] == ["RAG", plan["organisation"], plan["title"], r,
                               str(plan["rag"][r]["count"])]  # fmt: skip
        for s in STAGES:
            assert plan["stage"][s]["count"] == want[f"stage-{plan['plan']}-{s}"]
        assert len(plan["past_end"]) == want[f"past-end-{plan['plan']}"]
        assert "open_periods" not in plan  # the public's download
    communities = next(p for p in data["plans"] if p["plan"] == COMMUNITIES)
    assert communities["change_since"] == "December 2023"
    assert communities["rag"]["Red"]["change"] == 1
    # The CSV's change is a plain number a spreadsheet reads as one (no "+", which a
    # spreadsheet could take for the start of a formula).
    assert _row(rows, "RAG", communities["title"], "Red")[5] == "1"
    assert not any(r[0] == "Open period" for r in rows)
    assert len(data["overdue_risk_reviews"]) == int(
        figures(client.get(PAGE).content.decode())["overdue-reviews"]
    )


def _row(rows: list[list[str]], section: str, plan: str, item: str) -> list[str]:
    return next(r for r in rows if r[0] == section and r[2] == plan and r[3] == item)


@pytest.mark.django_db
def test_a_target_counting_net_emissions_says_so(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    """The roadmap column is before offsets; a target judged net of offsets says its figure
    is net, so the two figures for its year do not seem to disagree."""
    from plantracker.carbon.models import CarbonTarget

    target = CarbonTarget.objects.order_by("-year").first()  # the one judged by the roadmap
    assert target is not None
    CarbonTarget.objects.filter(pk=target.pk).update(net=True)
    page = Client().get(PAGE).content.decode()
    assert "Roadmap (before offsets)</th>" in page
    assert f"tCO2e net of offsets in {target.year} against" in page
    CarbonTarget.objects.filter(pk=target.pk).update(net=False)
    page = Client().get(PAGE).content.decode()
    assert f"tCO2e in {target.year} against" in page and "net of offsets in" not in page


def test_the_team_sees_what_is_in_progress(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(people.approver)
    html = client.get(PAGE).content.decode()
    shown = figures(html)
    assert "Updates in progress" in html
    total = _plan_actions(COMMUNITIES).count()
    june = people.plan.periods.get(label="June 2024")
    statuses = Counter(ProgressUpdate.objects.filter(period=june).values_list("status", flat=True))
    key = f"progress-{COMMUNITIES}-{june.slug}"
    assert shown[f"{key}-draft"] == statuses["draft"] == 1
    assert shown[f"{key}-submitted"] == statuses["submitted"] == 1
    assert shown[f"{key}-not-started"] == total - 2
    assert shown[f"missing-{COMMUNITIES}-{june.slug}"] == total - 1  # the submitted one is done
    assert "Overdue: no update submitted" in html
    # Still the published ratings in the counts.
    assert shown[f"rag-{COMMUNITIES}-Red"] == 1
    data = json.loads(client.get(f"/organisations/{LCC}/overview.json").content)
    plan = next(p for p in data["plans"] if p["plan"] == COMMUNITIES)
    assert plan["open_periods"][0]["updates"]["submitted"] == 1
    assert plan["open_periods"][0]["without_update"] == total - 1
    # A plan they are not on stays public-only.
    other = next(p for p in data["plans"] if p["plan"] != COMMUNITIES)
    assert "open_periods" not in other


def test_a_draft_plan_is_its_teams_only(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    Plan.objects.filter(pk=people.plan.pk).update(status="draft")
    public = Client().get(PAGE).content.decode()
    assert people.plan.title not in public
    assert COMMUNITIES not in Client().get(f"/organisations/{LCC}/overview.json").content.decode()
    team = Client()
    team.force_login(people.contributor)
    assert people.plan.title in team.get(PAGE).content.decode()
    outsider = Client()
    outsider.force_login(people.outsider)
    assert people.plan.title not in outsider.get("/overview/").content.decode()


def test_site_wide_overview_lists_every_council(demo, people: People) -> None:  # type: ignore[no-untyped-def]
    Plan.objects.filter(pk=people.other_plan.pk).update(status="published")
    html = Client().get("/").content.decode()
    assert 'href="/overview/"' in html
    assert f'href="{PAGE}"' in html
    page = Client().get("/overview/").content.decode()
    assert "Rutland Climate Plan" in page and people.plan.title in page
    assert f'href="{PAGE}"' in Client().get(f"/organisations/{LCC}/").content.decode()


def test_no_such_format(people: People) -> None:
    assert Client().get(f"/organisations/{LCC}/overview.exe").status_code == 404
    assert Client().get("/organisations/nowhere/overview/").status_code == 404


def test_past_end_filter_on_the_action_list(people: People) -> None:
    Plan.objects.filter(pk=people.plan.pk).update(status="published")
    a = people.plan.actions.get(ref="C1")
    a.end, a.stage = date(2020, 1, 1), "Delivery"
    a.save()
    listed = Client().get(f"/plans/{COMMUNITIES}/actions/?past_end=yes").content.decode()
    found = re.search(r'id="result-count">(\d+) action', listed)
    assert found and int(found.group(1)) == _past_end(COMMUNITIES) > 0
    assert 'id="f-past-end"' in listed and "checked" in listed
