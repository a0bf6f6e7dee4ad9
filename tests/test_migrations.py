"""Every model change has its migration: a model edited without one would be missing from
every council's database after an upgrade."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_without_its_migration() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"A migration is missing (exit {exit.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
