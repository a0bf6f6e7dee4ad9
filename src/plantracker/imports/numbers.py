"""Figures read from cells, checked to be numbers the database can hold."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def figure(text: str, *, digits: int) -> Decimal:
    """The cell's figure (thousands commas dropped). Raises InvalidOperation — which every
    importer already reports as "not a number" on the row — for text, "NaN", "Infinity", and
    figures with more than `digits` digits before the point (more than the column holds)."""
    value = Decimal(text.replace(",", "").strip())
    if not value.is_finite() or value.adjusted() >= digits:
        raise InvalidOperation(text)
    return value
