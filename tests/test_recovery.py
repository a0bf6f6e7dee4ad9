"""Recovery: backup and restore round trip, an import killed halfway, and two processes
editing the same action at once. Run on SQLite and again on PostgreSQL by `make test`."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plantracker.operations.backups import PGDUMP_MAGIC, engine
from plantracker.operations.sample import sample_load
from plantracker.plans.models import Action, Plan
from tests.conftest import COMMUNITIES, ORG, ROOT
from tests.recovery import fingerprint, plantracker, python, scratch, table_hashes, writing


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_every_row(tmp_path: Path) -> None:
    sample_load()
    before = table_hashes()
    target = tmp_path / "nightly.backup"
    out = run("backup", "--output", str(target))
    assert f"Backed up to {target}" in out
    assert f"{Action.objects.count():,} actions" in out
    # Lose things: a plan with its actions and updates, and an organisation's name.
    Plan.objects.filter(slug="net-zero-communities").delete()
    Action.objects.update(title="overwritten")
    assert table_hashes() != before
    out = run("restore", str(target), "--yes")
    assert "Restored from" in out and "older version" not in out
    assert table_hashes() == before
    with pytest.raises(CommandError, match=r"already exists\. Give another --output"):
        run("backup", "--output", str(target))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(tmp_path: Path) -> None:
    sample_load()
    before = table_hashes()
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    with pytest.raises(CommandError, match=r"notes\.txt: not a Plan Tracker backup.*Nothing"):
        run("restore", str(text), "--yes")
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    foreign = tmp_path / "foreign.dump"
    foreign.write_bytes(PGDUMP_MAGIC + b"\x01\x0e\x00" * 100)
    if engine() == "sqlite":
        with pytest.raises(CommandError, match="a SQLite database, but not a Plan Tracker one"):
            run("restore", str(other), "--yes")
        with pytest.raises(CommandError, match="is a PostgreSQL backup, but this Plan Tracker"):
            run("restore", str(foreign), "--yes")
    else:
        with pytest.raises(CommandError, match="is a SQLite backup, but this Plan Tracker"):
            run("restore", str(other), "--yes")
        with pytest.raises(CommandError, match=r"pg_restore failed.*Nothing was changed"):
            run("restore", str(foreign), "--yes")
    with pytest.raises(CommandError, match="no such file"):
        run("restore", str(tmp_path / "missing.dump"), "--yes")
    assert table_hashes() == before


def big_plan(path: Path, actions: int) -> Path:
    periods = ["December 2023", "March 2024", "June 2024", "September 2024"]
    head = ["Action ID", "Action", "LCC Role", "Timescales", "RAG"]
    lines = ["\t".join(head + [f"{p} Update" for p in periods])]
    for i in range(1, actions + 1):
        words = f"Progress on action {i}: the scheme moved on this quarter. " * 6
        lines.append("\t".join([f"K{i}", f"Deliver scheme number {i}", "Lead", "s", "Green"]
                               + [f"{p}: {words}" for p in periods]))  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_halfway_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    with scratch(tmp_path) as env:
        plantracker(env, "migrate", "-v0")
        plantracker(env, "import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG)
        before = fingerprint(env)
        big = big_plan(tmp_path / "big.tsv", 3000)
        command = [sys.executable, "-m", "plantracker.cli", "import", str(big), "--plan", "big",
                   "--organisation", ORG]  # fmt: skip
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 120
        while not writing(env):
            assert process.poll() is None, "the import ended before it began writing"
            assert time.monotonic() < deadline, "the import never began writing"
            time.sleep(0.05)
        time.sleep(1.0)  # well into the writes
        assert process.poll() is None, "the import finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        assert fingerprint(env) == before
        # The database is not left locked or damaged: the same import now runs to the end.
        out = plantracker(env, "import", str(big), "--plan", "big", "--organisation", ORG)
        assert "3000 new" in out
        after = fingerprint(env)
        assert after["plans.Action"][0] == before["plans.Action"][0] + 3000


WRITE = """
import json, sys, time
from pathlib import Path
from django.contrib.auth import get_user_model
from plantracker.plans.models import Action
from plantracker.updates import services
from plantracker.updates.models import ReportingPeriod
start = Path(sys.argv[1])
who = sys.argv[2]
action = Action.objects.get(plan__slug="nz", ref="C1")
period = ReportingPeriod.objects.get(plan__slug="nz", slug="june-2024")
user = get_user_model().objects.get(username="edith")
while not start.exists():
    time.sleep(0.005)
try:
    saved = services.update_write(action=action, period=period, user=user, version=0,
                                  data=services.UpdateInput(narrative=f"Written by {who}."))
    print(json.dumps({"won": True, "version": saved.version}))
except services.Conflict as e:
    print(json.dumps({"won": False, "theirs": e.current.narrative, "version": e.current.version}))
"""


def test_two_people_saving_the_same_update_at_once(tmp_path: Path) -> None:
    """Two processes save C1's June update from the same starting version at the same moment:
    one is saved, the other is told of the conflict with the saved text and its version, and
    saves again knowing it; both texts end up in the update's history."""
    with scratch(tmp_path) as env:
        plantracker(env, "migrate", "-v0")
        plantracker(env, "import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG)
        python(env, """
from datetime import date
from django.contrib.auth import get_user_model
from plantracker.core.models import Membership, Organisation
from plantracker.plans.models import Plan
from plantracker.updates import services
plan = Plan.objects.get(slug="nz")
edith = get_user_model().objects.create_user("edith", password="x" * 12)
Membership.objects.create(user=edith, organisation=plan.organisation, plan=plan, role="editor")
services.period_create(plan=plan, user=edith, label="June 2024", due=date(2024, 6, 30))
""")  # fmt: skip
        script = tmp_path / "write.py"
        script.write_text(
            "import os, django\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'plantracker.settings')\ndjango.setup()\n" + WRITE
        )
        start = tmp_path / "go"
        writers = [
            subprocess.Popen([sys.executable, str(script), str(start), who], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for who in ("A", "B")
        ]  # fmt: skip
        time.sleep(3)  # both loaded Django and wait at the line
        start.touch()
        results = {}
        for who, w in zip("AB", writers, strict=True):
            out, err = w.communicate(timeout=60)
            assert w.returncode == 0, err
            results[who] = json.loads(out)
        winners = [who for who, r in results.items() if r["won"]]
        assert len(winners) == 1, results
        loser = "B" if winners == ["A"] else "A"
        assert results[loser]["theirs"] == f"Written by {winners[0]}."
        assert results[loser]["version"] == 1
        # The loser saves again from the version the conflict showed: nothing is lost.
        history = python(env, f"""
from django.contrib.auth import get_user_model
from plantracker.plans.models import Action
from plantracker.updates import services
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
action = Action.objects.get(plan__slug="nz", ref="C1")
period = ReportingPeriod.objects.get(plan__slug="nz", slug="june-2024")
edith = get_user_model().objects.get(username="edith")
services.update_write(action=action, period=period, user=edith, version=1,
                      data=services.UpdateInput(narrative="Written by {loser}."))
update = ProgressUpdate.objects.get(action=action, period=period)
print([h.narrative for h in update.history.order_by("history_id")])
""")  # fmt: skip
        assert "Written by A." in history and "Written by B." in history
