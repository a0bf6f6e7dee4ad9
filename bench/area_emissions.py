"""Benchmark: import every UK council's area emissions (2005–2020, ~195,000 figures) into a
fresh database, then render one area's page. Run with:

    .venv/bin/python bench/area_emissions.py            # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/area_emissions.py

Prints the timings; results are recorded by hand in bench/RESULTS.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from setup_django import setup_django  # noqa: E402


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client

    from plantracker.carbon.models import AreaEmission
    from plantracker.imports.area_emissions import area_emissions_import

    data = ROOT / "sample_data" / "mysociety_local_authority_emissions.csv"
    started = time.perf_counter()
    result = area_emissions_import(data)
    first = time.perf_counter() - started
    if not result.ok:
        sys.exit("\n".join(result.problems))
    started = time.perf_counter()
    area_emissions_import(data)
    again = time.perf_counter() - started
    Client().get("/areas/LEC/")  # the first request imports the chart libraries
    started = time.perf_counter()
    response = Client().get("/areas/LEC/")
    page = time.perf_counter() - started
    assert response.status_code == 200
    started = time.perf_counter()
    areas = Client().get("/areas/")
    listing = time.perf_counter() - started
    assert areas.status_code == 200
    print(f"database: {connection.vendor}")
    print(f"figures: {AreaEmission.objects.count():,} ({result.counts})")
    print(f"first import: {first:.1f} s; re-import (replace): {again:.1f} s")
    print(f"/areas/LEC/ with every area loaded: {page * 1000:.0f} ms")
    print(
        f"/areas/ listing {len(set(AreaEmission.objects.values_list('code')))} areas: "
        f"{listing * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
