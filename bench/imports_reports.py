"""Benchmark: the xlsx action import against openpyxl's own read-only pass over the same file,
and the committee report (PDF and Word) for a plan of 300 actions with 16 periods of history.

    .venv/bin/python bench/imports_reports.py [--import-actions 2000] [--report-actions 300]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from setup_django import setup_django


def seconds(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def openpyxl_pass(path: Path) -> int:
    """openpyxl's read-only pass: every cell's value of every sheet, nothing else."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
    wb.close()
    return n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--import-actions", type=int, default=2000)
    parser.add_argument("--report-actions", type=int, default=300)
    args = parser.parse_args()
    work = setup_django()
    from django.db import connection
    from generate import Size, generate

    from plantracker.imports.services import plan_import
    from plantracker.reports.committee import committee_report
    from plantracker.reports.committee_formats import RENDERERS
    from plantracker.reports.exporters import export_xlsx
    from plantracker.updates.snapshots import snapshot_create

    print(f"database: {connection.vendor}")

    (source,) = generate(Size(actions=args.import_actions, periods=16, seed=7))
    path = work / "plan.xlsx"
    path.write_bytes(export_xlsx(source))  # type: ignore[arg-type]
    rows = args.import_actions
    base, cells = seconds(lambda: openpyxl_pass(path))
    took, report = seconds(lambda: plan_import(path=path, plan_slug="copy", organisation="Copy"))
    assert report.ok, report.problems  # type: ignore[attr-defined]
    print(f"xlsx import: {rows:,} actions × 16 updates ({cells:,} cells) in {took:.1f} s = "
          f"{rows / took:,.0f} rows/s; openpyxl read-only pass {base:.2f} s; "
          f"ratio {took / base:.1f}×")  # fmt: skip

    (plan,) = generate(Size(actions=args.report_actions, periods=16, seed=8))
    period = plan.periods.order_by("position").last()  # type: ignore[attr-defined]
    snap, _ = seconds(lambda: snapshot_create(period))
    report_data = committee_report(plan, period)  # type: ignore[arg-type]
    for fmt in ("pdf", "docx"):
        took, out = seconds(lambda fmt=fmt: RENDERERS[fmt](committee_report(plan, period)))  # type: ignore[arg-type]
        print(f"committee report {fmt}: {args.report_actions} actions in {took:.1f} s "
              f"({len(out):,} bytes)")  # type: ignore[arg-type]  # fmt: skip
    print(f"(snapshot of the period: {snap:.1f} s; {len(report_data.actions)} actions)")


if __name__ == "__main__":
    main()
