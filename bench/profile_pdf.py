"""Profile the committee PDF of the synthetic plan (as bench/imports_reports.py builds it):
where WeasyPrint spends its time, by stage, with cProfile.

    .venv/bin/python bench/profile_pdf.py [--actions 300] [--top 40] [--out pdf.prof]

Give PLANTRACKER_DATA_DIR to keep the generated plan between runs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from setup_django import setup_django

STAGES = {
    "the Django template": "committee_html.py:13(render_html)",
    "parsing the HTML": "tinyhtml5/parser.py:22(parse)",
    "the CSS cascade": "css/__init__.py:1866(get_all_computed_styles)",
    "building boxes": "build.py:52(build_formatting_structure)",
    "laying out pages": "layout/__init__.py:104(layout_document)",
    "breaking text into lines": "layout/inline.py:56(get_next_linebox)",
    "drawing pages": "document.py:83(paint)",
    "tagging": "pdf/tags.py:12(add_tags)",
    "font subsetting": "pdf/fonts.py:308(build_fonts_dictionary)",
    "writing the file (pydyf)": "pydyf/__init__.py:524(write)",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", default="pdf.prof")
    args = parser.parse_args()
    setup_django()
    from generate import Size, generate

    from plantracker.plans.models import Plan
    from plantracker.reports.committee import committee_report
    from plantracker.reports.committee_html import render_pdf

    name = f"Synthetic Council {args.actions}-"
    plan = Plan.objects.filter(organisation__name__startswith=name).first()
    if plan is None:
        (plan,) = generate(Size(actions=args.actions, periods=16, seed=args.actions))
    period = plan.periods.order_by("position").last()  # type: ignore[attr-defined]
    report = committee_report(plan, period)  # type: ignore[arg-type]
    start = time.perf_counter()
    cProfile.runctx("render_pdf(report)", globals(), {"render_pdf": render_pdf, "report": report},
                    args.out)  # fmt: skip
    took = time.perf_counter() - start
    stats = pstats.Stats(args.out)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"{args.actions} actions: {took:.1f} s under the profiler")
    by_name = {f"{k[0]}:{k[1]}({k[2]})": v[3] for k, v in stats.stats.items()}  # type: ignore[attr-defined]
    for stage, where in STAGES.items():
        cum = sum(v for k, v in by_name.items() if k.endswith(where))
        print(f"{stage}: {cum:.1f} s ({cum / total:.0%})")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
