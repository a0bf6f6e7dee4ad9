"""The theme reference-prefix rule, as a pure function and through check-plan."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from plantracker.plans import checks
from plantracker.plans.models import Finding, Plan
from tests.conftest import Importer


def facts(ref: str, theme: str | None) -> checks.ActionFacts:
    return checks.ActionFacts(ref, None, None, None, None, (), theme)


@pytest.mark.parametrize(
    ("ref", "prefix"),
    [("EN1", "EN"), ("tr-3", "TR"), ("ESAP-01", "ESAP"), ("C11", "C"), ("12", None),
     ("1.2", None), ("Solar", None)],
)  # fmt: skip
def test_ref_prefix(ref: str, prefix: str | None) -> None:
    assert checks.ref_prefix(ref) == prefix


def test_a_reference_unlike_its_themes_others_is_named() -> None:
    issues = checks.check_theme_prefixes(
        [facts("EN1", "Energy"), facts("EN2", "Energy"), facts("TR3", "Energy"),
         facts("TR1", "Transport"), facts("TR2", "Transport")]
    )  # fmt: skip
    assert issues == [
        checks.Issue(
            "TR3",
            "theme",
            "theme_ref_prefix",
            "TR3 is in theme 'Energy', whose other actions' references start EN (EN1, EN2); "
            "check that TR3 belongs in this theme",
        )
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [("EN1", "Energy"), ("EN2", "Energy"), ("EN3", "Energy")],  # all agree
        [("EN1", "Energy"), ("TR1", "Energy")],  # no majority: nothing to say which is out
        [("EN1", "Energy"), ("7", "Energy"), ("8", "Energy")],  # bare numbers have no prefix
        [("EN1", None), ("TR1", None), ("TR2", None)],  # no theme
        [("C1", "Engagement"), ("C2", "Transport"), ("C3", "Transport")],  # one prefix plan-wide
    ],
)
def test_nothing_said_when_references_agree_or_cannot_tell(
    rows: list[tuple[str, str | None]],
) -> None:
    assert checks.check_theme_prefixes([facts(r, t) for r, t in rows]) == []


def test_check_plan_lists_the_misplaced_action(do_import: Importer, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Action\nEnergy,\nEN1,Solar on the depot\nEN2,Heat pumps\nTR3,Electric pool cars\n"
        "Transport,\nTR1,Cycle parking\n",
        encoding="utf-8",
    )
    assert do_import(path, "p").ok
    out = io.StringIO()
    call_command("check-plan", "--plan", "p", stdout=out)
    assert "TR3      theme        [theme_ref_prefix] TR3 is in theme 'Energy'" in out.getvalue()
    finding = Plan.objects.get(slug="p").findings.get(kind=Finding.Kind.THEME_REF_PREFIX)
    assert (finding.ref, finding.origin) == ("TR3", Finding.Origin.CHECK)
