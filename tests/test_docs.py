"""The docs keep up with the code: every command option, import field and finding kind."""

import argparse
import re

import pytest
from django.core.management import load_command_class

from plantracker.imports.columns import FIELDS
from plantracker.plans.models import Finding
from tests.conftest import ROOT

DOCS = ROOT / "docs"


@pytest.mark.parametrize(
    ("app", "name"),
    [
        ("plantracker.imports", "import"),
        ("plantracker.imports", "import-strategy"),
        ("plantracker.imports", "import-kpis"),
        ("plantracker.imports", "import-risks"),
        ("plantracker.imports", "import-emissions"),
        ("plantracker.imports", "import-factors"),
        ("plantracker.imports", "import-activity"),
        ("plantracker.imports", "import-roadmap"),
        ("plantracker.imports", "import-area-emissions"),
        ("plantracker.reports", "export"),
        ("plantracker.plans", "check-plan"),
        ("plantracker.core", "demo"),
        ("plantracker.core", "backup"),
        ("plantracker.core", "restore"),
        ("plantracker.reports", "report"),
        ("plantracker.updates", "remind"),
    ],
)
def test_every_option_is_documented(app: str, name: str) -> None:
    text = (DOCS / "commands.md").read_text()
    assert f"plantracker {name}" in text
    parser = load_command_class(app, name).create_parser("plantracker", name)
    own = [
        a
        for a in parser._actions
        if not isinstance(a, argparse._HelpAction)
        and a.dest
        not in {
            "verbosity",
            "settings",
            "pythonpath",
            "traceback",
            "no_color",
            "force_color",
            "skip_checks",
            "version",
        }
    ]
    for action in own:
        for flag in action.option_strings:
            documented = re.search(re.escape(flag) + r"(?![\w-])", text)
            assert documented, f"{flag} of plantracker {name} is not in docs/commands.md"


def test_every_import_field_is_documented() -> None:
    text = (DOCS / "importing.md").read_text()
    for field in FIELDS:
        if field != "computed_score":
            assert f"| {field}" in text or f", {field} |" in text, field


def test_every_finding_kind_is_documented() -> None:
    formats = (DOCS / "data-formats.md").read_text()
    quality = (DOCS / "data-quality.md").read_text()
    for kind, label in Finding.Kind.choices:
        assert f"`{kind}`" in formats, kind
        assert label in quality, label


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text()[:600]
    assert "make demo" in head and "make test" in head
