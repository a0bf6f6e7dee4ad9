"""Benchmark: server time and SQL queries for the plan page, the action list (no filters, and
with filters), the action page and the API action list at 10, 100, 1,000 and 10,000 actions
with 16 published periods of history; and the API list against its floor — the same rows (the
first page: all of them up to 1,000 actions) read by one raw SQL query and serialised to JSON.

    .venv/bin/python bench/pages.py [--sizes 10,100,1000,10000] [--repeat 5]
    .venv/bin/python tests/run_postgres.py .venv/bin/python bench/pages.py   # on PostgreSQL

Times are the median of --repeat requests made in-process through Django's test client (no
network), after one warm-up request.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from setup_django import setup_django

FLOOR_SQL = """
SELECT a.ref, a.title, t.name, a.role, a.scope, a.lead, a.timescale, a.start, a."end", a.cost,
       a.carbon, a.score, a.recorded_score, a.stage, a.rag, a.owner, a.estimated_tco2e,
       (SELECT {agg}(p.name) FROM plans_partner p
          JOIN plans_action_partners ap ON ap.partner_id = p.id WHERE ap.action_id = a.id),
       (SELECT {agg}(o.code) FROM plans_objective o
          JOIN plans_action_objectives ao ON ao.objective_id = o.id WHERE ao.action_id = a.id)
FROM plans_action a LEFT JOIN plans_theme t ON t.id = a.theme_id
WHERE a.plan_id = %s ORDER BY a.position LIMIT %s
"""
KEYS = ["ref", "title", "theme", "role", "scope", "lead", "timescale", "start", "end", "cost",
        "carbon", "score", "recorded_score", "stage", "rag", "owner", "estimated_tco2e",
        "partners", "objectives"]  # fmt: skip


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, int]:
    """Median milliseconds of `repeat` calls, and the queries of one call."""
    from django.db import connection

    fn()  # warm-up
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def floor(plan_id: int) -> bytes:
    from django.db import connection

    from plantracker.api.paging import MAX_LIMIT

    agg = "group_concat" if connection.vendor == "sqlite" else "string_agg"
    sql = FLOOR_SQL.replace("{agg}(p.name)", f"{agg}(p.name, '|')").replace(
        "{agg}(o.code)", f"{agg}(o.code, '|')"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan_id, MAX_LIMIT])  # one page, as the API serves
        rows = cursor.fetchall()
    out = []
    for r in rows:
        d = dict(zip(KEYS, r, strict=True))
        d["partners"] = sorted((d["partners"] or "").split("|")) if d["partners"] else []
        d["objectives"] = sorted((d["objectives"] or "").split("|")) if d["objectives"] else []
        out.append(d)
    return json.dumps(out, default=str).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from generate import Size, generate

    client = Client()
    print(f"database: {connection.vendor}")
    print("| actions | page | queries | ms |")
    print("|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        (plan,) = generate(Size(actions=n, periods=16, seed=n))
        made = time.perf_counter() - started
        base = f"/plans/{plan.slug}"  # type: ignore[attr-defined]
        theme = plan.themes.first().name  # type: ignore[attr-defined]
        pages = {
            "plan page": f"{base}/",
            "action list": f"{base}/actions/",
            "action list, filtered": f"{base}/actions/?stage=Delivery&rag=Red&theme={theme}",
            "action page": f"{base}/actions/A1/",
            "API action list": f"/api/v1{base}/actions",
        }
        measured: dict[str, float] = {}
        for name, url in pages.items():

            def get(url: str = url) -> object:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            ms, queries = timed(get, args.repeat)
            measured[name] = ms
            print(f"| {n:,} | {name} | {queries} | {ms:.1f} |")
        pk = plan.pk  # type: ignore[attr-defined]
        floor_ms, _ = timed(lambda pk=pk: floor(pk), args.repeat)
        api_ms = measured["API action list"]
        print(f"| {n:,} | API floor (one SQL query + json) | 1 | {floor_ms:.1f} |")
        print(f"| {n:,} | API ÷ floor | | {api_ms / floor_ms:.1f}× |")
        print(f"<!-- {n} actions generated in {made:.0f} s -->")


if __name__ == "__main__":
    main()
