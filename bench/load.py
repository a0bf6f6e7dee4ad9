"""Load test: gunicorn with 4 workers on PostgreSQL, 50 concurrent clients for 60 seconds,
mixing page and API reads, progress-update saves by signed-in contributors, and an action
import running meanwhile. Each client pauses about a second between requests, as a person
does (--think; 0 for a saturation run). Loopback only; bounded in time. Reports p50/p95/p99
per kind of request and every error. Goal: 0 errors, p95 ≤ 250 ms.

    .venv/bin/python tests/run_postgres.py .venv/bin/python bench/load.py
        [--clients 50] [--writers 10] [--seconds 60] [--workers 4] [--actions 300]

(`make bench` runs it.) Without DATABASE_URL it runs on a SQLite file, for a smoke run only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
PASSWORD = "load-test-password-123"
HOST = "127.0.0.1"


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


class Browser:
    """One client: its own cookies, a new connection per request (gunicorn's sync workers
    close each connection after answering)."""

    def __init__(self, port: int, tally: Tally) -> None:
        self.port, self.tally, self.cookies = port, tally, SimpleCookie()

    def request(
        self, kind: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        start = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            conn.close()
        except OSError as exc:
            self.tally.add(kind, time.perf_counter() - start, f"{path}: {exc}")
            return 0, ""
        took = time.perf_counter() - start
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        error = None if response.status < 400 else f"{path}: HTTP {response.status}"
        self.tally.add(kind, took, error)
        return response.status, text

    def csrf(self) -> str:
        return self.cookies["csrftoken"].value if "csrftoken" in self.cookies else ""


THINK = 1.0  # seconds a person spends between requests, on average (0: no pause at all)


def pause(rnd: random.Random) -> None:
    if THINK:
        time.sleep(rnd.uniform(0.5 * THINK, 1.5 * THINK))


def reader(port: int, tally: Tally, urls: list[tuple[str, str]], stop: float, seed: int) -> None:
    rnd = random.Random(seed)
    browser = Browser(port, tally)
    while time.monotonic() < stop:
        kind, path = rnd.choice(urls)
        browser.request(kind, "GET", path)
        pause(rnd)


VERSION = re.compile(r'name="version" value="(\d+)"')


def writer(port: int, tally: Tally, username: str, update_url: str, stop: float) -> None:
    rnd = random.Random(username)
    browser = Browser(port, tally)
    browser.request("sign in", "GET", "/sign-in/")
    status, _ = browser.request(
        "sign in", "POST", "/sign-in/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": browser.csrf()},
    )  # fmt: skip
    if status != 302:
        tally.add("sign in", 0, f"{username} could not sign in (HTTP {status})")
        return
    n = 0
    while time.monotonic() < stop:
        pause(rnd)
        status, page = browser.request("update form", "GET", update_url)
        found = VERSION.search(page)
        if not found:
            tally.add("update save", 0, f"{update_url}: no version on the form")
            return
        n += 1
        form = {
            "csrfmiddlewaretoken": browser.csrf(),
            "version": found[1],
            "narrative": f"Saved by {username}, draft {n}: the scheme moved on this quarter.",
            "rag": "Green",
            "save": "1",
        }
        pause(rnd)  # typing
        status, _ = browser.request("update save", "POST", update_url, form)
        if status != 302:
            tally.add("update save", 0, f"{update_url}: save answered HTTP {status}")


def prepare(actions: int, writers: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Data, people and the URLs to read: (kind, path) reads and (username, update path)."""
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from generate import Size, generate

    from plantracker.core.models import Membership
    from plantracker.updates import services

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment does
    (plan,) = generate(Size(actions=actions, periods=16))
    users = get_user_model().objects
    editor = users.create_user("load-editor", password=PASSWORD)
    Membership.objects.create(user=editor, organisation=plan.organisation, plan=plan,
                              role=Membership.Role.EDITOR)  # fmt: skip
    period = services.period_create(plan=plan, user=editor, label="June 2024",
                                    due=date(2024, 6, 30))  # fmt: skip
    refs = list(plan.actions.order_by("position").values_list("ref", flat=True))
    writing = []
    for i in range(writers):
        who = users.create_user(f"load-writer-{i}", password=PASSWORD)
        Membership.objects.create(user=who, organisation=plan.organisation, plan=plan,
                                  role=Membership.Role.CONTRIBUTOR)  # fmt: skip
        action = plan.actions.get(ref=refs[i])
        action.assignees.add(who)
        writing.append((who.username, f"/plans/{plan.slug}/actions/{action.ref}/updates/"
                                      f"{period.slug}/"))  # fmt: skip
    org = plan.organisation.slug
    p = f"/plans/{plan.slug}"
    reads = [("plan page", f"{p}/"), ("action list", f"{p}/actions/"),
             ("action list filtered", f"{p}/actions/?rag=Red&theme=Transport"),
             ("organisation page", f"/organisations/{org}/"),
             ("KPI page", f"/organisations/{org}/kpis/kpi-1/"),
             ("API action list", f"/api/v1/plans/{plan.slug}/actions"),
             ("API plan", f"/api/v1/plans/{plan.slug}")]  # fmt: skip
    reads += [("action page", f"{p}/actions/{r}/") for r in refs[:: max(1, len(refs) // 50)]]
    return reads, writing


def import_file(path: Path, actions: int) -> Path:
    lines = ["Action ID\tAction\tLCC Role\tTimescales\tRAG\tMarch 2024 Update"]
    for i in range(1, actions + 1):
        lines.append(f"I{i}\tImported scheme {i}\tLead\ts\tGreen\tWork began on scheme {i}.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn stopped before it served anything")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start within a minute")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(tally: Tally, seconds: float, args: argparse.Namespace, imported: str) -> str:
    db = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite (smoke run only)"
    every = [t for times in tally.times.values() for t in times]
    pacing = (
        f"each pausing {THINK * 0.5:g}–{THINK * 1.5:g} s between requests as a person does"
        if THINK
        else "with no pause between requests (a saturation run)"
    )
    lines = [
        f"{args.clients} clients ({args.clients - args.writers} reading, {args.writers} saving "
        f"updates), {pacing}, for {seconds:.0f} s against gunicorn with {args.workers} workers "
        f"on {db}, {args.actions} actions × 16 periods; an import of {args.import_actions} "
        "actions ran meanwhile.",
        "",
        "| requests | count | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    for kind, times in sorted(tally.times.items()):
        lines.append(
            f"| {kind} | {len(times):,} | {statistics.median(times) * 1000:.0f} | "
            f"{percentile(times, 95) * 1000:.0f} | {percentile(times, 99) * 1000:.0f} |"
        )
    lines += [
        f"| **all** | {len(every):,} | {statistics.median(every) * 1000:.0f} | "
        f"{percentile(every, 95) * 1000:.0f} | {percentile(every, 99) * 1000:.0f} |",
        "",
        f"Throughput: {len(every) / seconds:,.0f} requests/s. Import: {imported}.",
        f"p95 overall: {percentile(every, 95) * 1000:.0f} ms. Errors: {len(tally.errors)}.",
    ]
    lines += [f"- {e}" for e in tally.errors[:20]]
    return "\n".join(lines)


def main() -> None:
    global THINK
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in (("clients", 50), ("writers", 10), ("seconds", 60), ("workers", 4),
                          ("actions", 300), ("import-actions", 500)):  # fmt: skip
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--think", type=float, default=THINK,
                        help="mean seconds between one client's requests (0: none)")  # fmt: skip
    args = parser.parse_args()
    THINK = args.think
    work = Path(tempfile.mkdtemp(prefix="pt-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plantracker.settings",
        "PLANTRACKER_DATA_DIR": str(work),
        "PLANTRACKER_SECRET_KEY": "load-test-" + "k" * 50,
        "PLANTRACKER_HTTPS": "0",  # plain HTTP on loopback
        "PLANTRACKER_ALLOWED_HOSTS": HOST,
        "PLANTRACKER_DEBUG": "0",
    }
    os.environ.update(env)
    reads, writing = prepare(args.actions, args.writers)
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "plantracker.wsgi", "--workers", str(args.workers),
         "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        wait_for(port, server)
        warm = Browser(port, Tally())  # each worker opens its database connection, loads code
        for _kind, path in reads * args.workers:
            warm.request("warm-up", "GET", path)
        tally = Tally()
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=writer, args=(port, tally, who, url, stop))
                   for who, url in writing]  # fmt: skip
        threads += [
            threading.Thread(target=reader, args=(port, tally, reads, stop, seed))
            for seed in range(args.clients - args.writers)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(min(10, args.seconds / 4))
        source = import_file(work / "import.tsv", args.import_actions)
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "plantracker.cli", "import", str(source), "--plan",
             "load-import", "--organisation", "Load Test Council"],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        imported = f"{args.import_actions} actions in {time.monotonic() - began:.1f} s"
        if done.returncode != 0:
            tally.add("import", 0, done.stderr.strip()[-300:])
            imported += " — FAILED"
        for t in threads:
            t.join()
        print(report(tally, time.monotonic() - started, args, imported))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
