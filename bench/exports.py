"""Benchmark: the plan's Excel export (the download on the plan's public page) at 10,000 and
50,000 actions, each with --periods published periods of updates; csv and json at the same
sizes for comparison.

    .venv/bin/python bench/exports.py [--sizes 10000,50000] [--periods 4]

Times are one export each, from the database to the finished file, in-process: the time on
the clock, and the CPU time the process had (which other work on a shared machine does not
inflate).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from setup_django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--periods", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from generate import Size, generate

    from plantracker.reports.exporters import EXPORTERS

    print(f"database: {connection.vendor}")
    print("| actions | periods | format | seconds | CPU seconds | bytes |")
    print("|---|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        (plan,) = generate(Size(actions=n, periods=args.periods, seed=n))
        made = time.perf_counter() - started
        for fmt in ("xlsx", "csv", "json"):
            start, cpu = time.perf_counter(), time.process_time()
            out = EXPORTERS[fmt](plan)  # type: ignore[arg-type]
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(f"| {n:,} | {args.periods} | {fmt} | {took:.1f} | {cpu:.1f} | {len(out):,} |")
        print(f"<!-- {n} actions generated in {made:.0f} s -->")


if __name__ == "__main__":
    main()
