"""Activity data × conversion factor → tonnes CO2e. No Django here.

The government's factors are kilograms of CO2e (or of one gas) per unit of activity, so
tonnes = quantity × factor ÷ 1000.
"""

from __future__ import annotations

from decimal import Decimal

KG_PER_TONNE = Decimal(1000)


class UnitMismatch(ValueError):
    pass


def same_unit(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def tonnes(quantity: Decimal, factor_kg: Decimal, *, unit: str, factor_unit: str) -> Decimal:
    """tCO2e for `quantity` `unit`s of activity at `factor_kg` kg per `factor_unit`."""
    if not same_unit(unit, factor_unit):
        raise UnitMismatch(f"the activity is in {unit} but the factor is per {factor_unit}")
    return quantity * factor_kg / KG_PER_TONNE
