"""What every in-process benchmark does first: a throw-away data folder (unless one is
given), Django set up, the database migrated. Returns the folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def setup_django() -> Path:
    work = Path(os.environ.setdefault("PLANTRACKER_DATA_DIR", tempfile.mkdtemp(prefix="pt-bench-")))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return work
