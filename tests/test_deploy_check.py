"""Production settings pass Django's deployment checks: `plantracker check --deploy`, run as
an operator would."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_production_settings_pass_the_deploy_checks(tmp_path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plantracker.settings",
        "PLANTRACKER_SECRET_KEY": "x" * 20 + "a-long-random-production-key-0123456789",
        "PLANTRACKER_ALLOWED_HOSTS": "plans.example.org",
        "PLANTRACKER_DATA_DIR": str(tmp_path),
    }
    # Set by the test harness (the browser tests), never in production.
    for name in ("PLANTRACKER_DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    command = [sys.executable, "-m", "plantracker.cli", "check", "--deploy", "--fail-level",
               "WARNING"]  # fmt: skip
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
