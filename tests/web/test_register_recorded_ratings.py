"""The register page and its heat maps for a register with recorded ratings and scores but no
impact and likelihood (tests/data/layouts/risks-*), seen with Django's test client."""

import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from plantracker.imports.risks import RegisterSettings, risks_import
from plantracker.risks.models import RiskRegister
from tests.conftest import DATA

BOROUGH = DATA / "layouts" / "risks-borough-current-rating.csv"
DIRECTORATE = DATA / "layouts" / "risks-directorate-residual-scores.xlsx"


def page(path_slug: str, path: Path, client: Client, fmt: str = "") -> str:
    result = risks_import(path, RegisterSettings(path_slug, organisation="Borough Council"))
    assert result.ok, result.problems
    register = RiskRegister.objects.get(slug=path_slug)
    args = [register.organisation.slug, register.slug]
    url = reverse("register-export", args=[*args, fmt]) if fmt else reverse("register", args=args)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_heat_map_says_why_rated_risks_are_not_on_it(client: Client) -> None:
    html = page("borough", BOROUGH, client)
    # CC03 is inactive and CC04 closed: left off for that reason, not for want of scores
    assert (
        "Residual map: 4 risks have a recorded rating but no impact and likelihood, so they "
        "are not on the map: CC01, CC02, CC05, CC06." in html
    )
    assert "2 risks are closed or inactive and not on the maps: CC03, CC04." in html
    assert "Recorded rating: Amber" in html
    assert "Written as “Under review”" in html
    assert "Inactive" in html and "Closed" in html
    # line breaks in a cell are shown as line breaks
    assert "Community climate panel<br>Parish council briefings<br>Schools programme" in html


@pytest.mark.django_db
def test_heat_map_sentence_for_recorded_scores(client: Client) -> None:
    html = page("place", DIRECTORATE, client)
    assert (
        "Residual map: 3 risks have a recorded score or rating but no impact and likelihood, so "
        "they are not on the map: 1, 2, 4." in html
    )
    assert "Recorded as 16" in html
    assert "More intense rainfall<br>Blocked gullies on rural roads" in html


@pytest.mark.django_db
def test_exports_carry_recorded_ratings_and_status(client: Client) -> None:
    data = json.loads(page("borough", BOROUGH, client, "json"))
    by_ref = {r["ref"]: r for r in data["risks"]}
    assert by_ref["CC06"]["residual_recorded_rating"] == "Amber"
    assert (by_ref["CC03"]["status"], by_ref["CC03"]["status_as_written"]) == (
        "inactive", "Inactive",
    )  # fmt: skip
    assert by_ref["CC01"]["controls"] == (
        "Cooling plan for each building\nHeatwave alerts cascaded to managers"
    )
    assert by_ref["CC01"]["current"] is None  # a rating, not a score: no number invented
    csv_text = page("borough", BOROUGH, client, "csv")
    assert "Recorded residual rating" in csv_text and "Status as written" in csv_text
    assert "Under review" in csv_text


@pytest.mark.django_db
def test_the_risk_page_shows_its_rating_status_and_line_breaks(client: Client) -> None:
    html = page("borough", BOROUGH, client)
    url = reverse("risk", args=["borough-council", "borough", "CC01"])
    assert f'href="{url}"' in html  # the register links each risk to its page
    risk = client.get(url).content.decode()
    assert "Recorded rating: High" in risk
    assert "Cooling plan for each building<br>Heatwave alerts cascaded to managers" in risk
    assert "Open" in risk
    cc05 = client.get(reverse("risk", args=["borough-council", "borough", "CC05"]))
    assert "Open (written as “Under review”)" in cc05.content.decode()
    assert (
        client.get(reverse("risk", args=["borough-council", "borough", "CC99"])).status_code == 404
    )
