"""Benchmark: the committee report as Word only, for a plan of 300 actions with 16 periods of
history (the docx half of imports_reports.py, without the import and the PDF).

    .venv/bin/python bench/committee_docx.py [--report-actions 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from setup_django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report-actions", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from generate import Size, generate

    from plantracker.reports.committee import committee_report
    from plantracker.reports.committee_formats import RENDERERS
    from plantracker.updates.snapshots import snapshot_create

    print(f"database: {connection.vendor}")
    (plan,) = generate(Size(actions=args.report_actions, periods=16, seed=8))
    period = plan.periods.order_by("position").last()  # type: ignore[attr-defined]
    snapshot_create(period)
    times, data, size = [], [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = committee_report(plan, period)  # type: ignore[arg-type]
        built = time.perf_counter()
        out = RENDERERS["docx"](report)
        times.append(time.perf_counter() - start)
        data.append(built - start)
        size = len(out)
    total, made = statistics.median(times), statistics.median(data)
    print(f"committee report docx: {args.report_actions} actions in "
          f"{total:.1f} s (median of {args.repeat}: "
          f"{', '.join(f'{t:.2f}' for t in times)}; {size:,} bytes); of which the report's "
          f"data {made:.1f} s, Word {total - made:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
