"""Headings of an action file that look like one of its fields but were not used ('Lead
officer (service)', 'End date 2025'): each gets a line saying how to map it, as the table
importers' do (tables.look_alikes)."""

from __future__ import annotations

from collections.abc import Mapping

from .columns import SYNONYMS, Layout, header_key
from .normalise import clean
from .tables import IGNORE, Table, look_alikes


def look_alike_hints(layout: Layout, file: str, overrides: Mapping[str, str]) -> list[str]:
    headers = {i: clean(layout.header_row.text(i)) for i in range(layout.width)}
    if layout.sub_header_row is not None:
        for i, cell in enumerate(layout.sub_header_row.cells):
            if not headers.get(i):
                headers[i] = clean(cell.text)
    skipped = {i for i, h in headers.items() if overrides.get(header_key(h)) == IGNORE}
    table = Table(
        file, {name: i for i, name in layout.columns.items()}, headers,
        layout.header_row.number, [], skipped=skipped,
        synonyms={header_key(k): v for k, v in SYNONYMS.items()},
    )  # fmt: skip
    return look_alikes(table)
