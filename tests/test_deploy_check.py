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


def test_files_go_to_object_storage_when_a_bucket_is_named(tmp_path) -> None:
    """With PLANTRACKER_S3_BUCKET set, Django's file storage is S3 (or S3-compatible): it signs
    links to the named endpoint and bucket. Signing needs no network."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plantracker.settings",
        "PLANTRACKER_DATA_DIR": str(tmp_path),
        "PLANTRACKER_S3_BUCKET": "council-plan-files",
        "PLANTRACKER_S3_ENDPOINT": "https://objects.example.org",
        "PLANTRACKER_S3_REGION": "eu-west-2",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
    }
    script = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__name__, s.url('reports/pack.pdf'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    name, url = done.stdout.split()
    assert name == "S3Storage"
    assert url.startswith("https://objects.example.org/council-plan-files/reports/pack.pdf?")
    assert "Signature=" in url or "X-Amz-Signature=" in url


def test_app_processes_keep_their_postgresql_connection(tmp_path) -> None:
    """Persistent, health-checked connections on PostgreSQL (a new one per request costs more
    than a quick page); 0 turns it off, e.g. behind PgBouncer in transaction mode."""
    show = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    for value, expected in ((None, "300 True"), ("0", "0 True")):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "plantracker.settings",
            "PLANTRACKER_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgresql://planner@db.example.org:5432/plantracker",
        }
        env.pop("PLANTRACKER_DB_CONN_MAX_AGE", None)
        if value is not None:
            env["PLANTRACKER_DB_CONN_MAX_AGE"] = value
        command = [sys.executable, "-c", f"import django; django.setup(); {show}"]
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        assert done.stdout.strip() == expected, done.stdout + done.stderr
