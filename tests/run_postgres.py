"""Run a command (the test suite) against a throw-away PostgreSQL cluster.

Starts its own cluster with initdb/pg_ctl in a temporary directory, listening only on a
private Unix socket, sets DATABASE_URL for the command, and removes the cluster afterwards.
As root, the server runs as the 'postgres' user (PostgreSQL refuses to run as root).

Usage: python tests/run_postgres.py COMMAND [ARGS...]
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile


def pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        sys.exit(f"PostgreSQL server programs ({name}) not found: apt-get install postgresql")
    return found


def main() -> int:
    command = sys.argv[1:]
    if not command:
        sys.exit(__doc__)
    root = tempfile.mkdtemp(prefix="plantracker-pg-")
    data, sock = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sock)
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    quiet = {"stdout": subprocess.DEVNULL}
    subprocess.run(
        [
            *as_user,
            pg_bin("initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        **quiet,
    )
    options = f"-k {sock} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    subprocess.run(
        [
            *as_user,
            pg_bin("pg_ctl"),
            "-D",
            data,
            "-o",
            options,
            "-w",
            "-l",
            os.path.join(root, "server.log"),
            "start",
        ],
        check=True,
        **quiet,
    )
    try:
        env = {**os.environ, "DATABASE_URL": f"postgresql://postgres@/postgres?host={sock}"}
        print(f"PostgreSQL test cluster on socket {sock}", flush=True)
        return subprocess.run(command, env=env).returncode
    finally:
        subprocess.run([*as_user, pg_bin("pg_ctl"), "-D", data, "-m", "immediate", "stop"], **quiet)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
