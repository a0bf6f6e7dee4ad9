"""Writes from several processes at once: people signing in while a long import holds the
database's write lock wait for it and are signed in, not shown an error. On SQLite this is the
busy timeout in settings.py (Python's own 5 s was too short for a large import). Run on SQLite
and again on PostgreSQL by `make test`."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.conftest import COMMUNITIES, ORG, ROOT
from tests.recovery import plantracker, python, scratch, writing
from tests.test_recovery import big_plan

HOST = "127.0.0.1"
PEOPLE = ["ann", "bob", "cat", "dan"]
PASSWORD = "correct-horse-battery-staple"


class Visitor:
    """One browser: its own cookies, a connection per request."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, SimpleCookie()

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple:
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=150)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        return response.status, response.headers.get("Location", "")

    def sign_in(self, username: str) -> tuple:
        form = {"username": username, "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"].value}  # fmt: skip
        return self.request("POST", "/sign-in/", form)


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = int(s.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "plantracker.wsgi", "--workers", "2",
         "--bind", f"{HOST}:{port}", "--timeout", "120"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, "gunicorn stopped before it served anything"
        assert time.monotonic() < deadline, "gunicorn did not start within a minute"
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server, port
        except OSError:
            time.sleep(0.2)


def test_sign_ins_during_a_long_import_all_succeed(tmp_path: Path) -> None:
    with scratch(tmp_path) as env:
        plantracker(env, "migrate", "-v0")
        plantracker(env, "import", str(COMMUNITIES), "--plan", "nz", "--organisation", ORG)
        python(env, f"""
from django.contrib.auth import get_user_model
for name in {PEOPLE!r}:
    get_user_model().objects.create_user(name, password="{PASSWORD}")
""")  # fmt: skip
        big = big_plan(tmp_path / "big.tsv", 3000)
        server, port = serve(env)
        try:
            visitors = {name: Visitor(port) for name in PEOPLE}
            for visitor in visitors.values():
                assert visitor.request("GET", "/sign-in/")[0] == 200
            command = [sys.executable, "-m", "plantracker.cli", "import", str(big), "--plan",
                       "big", "--organisation", ORG]  # fmt: skip
            importing = subprocess.Popen(
                command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            deadline = time.monotonic() + 120
            while not writing(env):
                assert importing.poll() is None, "the import ended before it began writing"
                assert time.monotonic() < deadline, "the import never began writing"
                time.sleep(0.05)
            results: dict[str, tuple] = {}
            threads = [
                threading.Thread(target=lambda n=n: results.update({n: visitors[n].sign_in(n)}))
                for n in PEOPLE
            ]  # fmt: skip
            for thread in threads:
                thread.start()
            time.sleep(0.5)
            assert writing(env), "the import finished before the sign-ins reached the server"
            for thread in threads:
                thread.join(timeout=180)
            assert results == {name: (302, "/my-work/") for name in PEOPLE}
            assert importing.wait(timeout=180) == 0, importing.stderr
            # Each is signed in: their page opens without a new sign-in.
            for visitor in visitors.values():
                assert visitor.request("GET", "/my-work/")[0] == 200
        finally:
            server.terminate()
            server.wait(timeout=30)
