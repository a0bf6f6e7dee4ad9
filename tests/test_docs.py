"""The docs keep up with the code: every command option, import field and finding kind."""

import argparse
import re

import pytest
from django.core.management import get_commands, load_command_class

from plantracker.imports.columns import FIELDS
from plantracker.plans.models import Finding
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def our_commands() -> list[tuple[str, str]]:
    """Every command of Plan Tracker's own apps (found, so a new one cannot be missed)."""
    return sorted(
        (app, name) for name, app in get_commands().items() if app.startswith("plantracker.")
    )


def test_the_commands_are_found() -> None:
    names = {name for _, name in our_commands()}
    assert {"import", "export", "demo", "backup", "restore", "remind"} <= names


@pytest.mark.parametrize(("app", "name"), our_commands())
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
