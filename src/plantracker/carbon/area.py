"""Area-wide emissions: reading the data set's wide column names ("Domestic Gas:kt CO2") into
sector, item and unit, and setting a council's own emissions beside its area's. No Django here.

The government's local authority figures are CO2 only, in kilotonnes, by calendar year. A
council's own inventory is in tonnes of CO2 equivalent by financial year. The comparison uses
the calendar year a financial year starts in (April to December of 2018 are 9 of 2018-19's 12
months), and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SECTORS = (
    "Industry", "Commercial", "Public Sector", "Domestic", "Transport", "Agriculture",
    "Waste Management",
)  # fmt: skip
TOTAL = "Total"
CONTEXT = "Context"  # population, area and the per-person and per-km² figures
OTHER = "Other"
# Items whose names do not start with their sector's.
ODD_ITEMS = {
    "Large Industrial Installations": "Industry",
    "Industrial Other Fuels": "Industry",
    "Road Transport (A roads)": "Transport",
    "Road Transport (Minor roads)": "Transport",
    "Road Transport (Motorways)": "Transport",
    "Diesel Railways": "Transport",
    "Total Emissions": TOTAL,
    "Grand Total": TOTAL,
}
CONTEXT_ITEMS = ("Population", "Per Person Emissions", "Area", "Emissions per km2")
TOTAL_ITEM = "Total Emissions"


class ColumnError(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    sector: str
    item: str
    unit: str


def split_column(header: str) -> Column:
    """'Domestic Gas:kt CO2' → Domestic / Gas / kt CO2; 'Industry Total:kt CO2' → Industry /
    Total; 'Total Emissions:kt CO2' → Total / Total Emissions; 'Population:000s' → Context."""
    name, colon, unit = header.rpartition(":")
    name, unit = name.strip(), unit.strip()
    if not colon or not name or not unit:
        raise ColumnError(
            f"'{header}' does not give its unit. Name the column like 'Domestic Gas:kt CO2'."
        )
    if name in ODD_ITEMS:
        sector = ODD_ITEMS[name]
        return Column(sector, name, unit)
    if name in CONTEXT_ITEMS:
        return Column(CONTEXT, name, unit)
    for sector in sorted(SECTORS, key=len, reverse=True):
        if name == sector:
            return Column(sector, name, unit)
        if name.startswith(sector + " "):
            return Column(sector, name[len(sector) + 1 :], unit)
    return Column(OTHER, name, unit)


def calendar_year_of(period_end_year: int) -> int:
    """The calendar year a financial year ending in `period_end_year` starts in."""
    return period_end_year - 1


@dataclass(frozen=True)
class Share:
    own_tco2e: Decimal
    own_label: str  # '2018-19'
    area_kt: Decimal
    area_year: int
    exact_year: bool  # False when the data set stops before the wanted year

    @property
    def percent(self) -> Decimal:
        return self.own_tco2e / (self.area_kt * 1000) * 100

    def sentence(self, area_name: str) -> str:
        year_note = "" if self.exact_year else " (the latest year in the data set)"
        return (
            f"{self.own_label}: {self.own_tco2e:,.0f} tCO2e is {self.percent:.2f}% of "
            f"{area_name}'s {self.area_kt * 1000:,.0f} t CO2 in {self.area_year}{year_note}. "
            "The area figure is CO2 only and by calendar year; the council's is CO2 "
            "equivalent by financial year, so the share is a guide, not an exact fraction."
        )


def share_of_area(
    own_tco2e: Decimal, own_label: str, own_end_year: int, area_totals: dict[int, Decimal]
) -> Share | None:
    """The council's emissions as a share of the area's total for the matching calendar year
    (or the latest year before it the data set has)."""
    wanted = calendar_year_of(own_end_year)
    years = [y for y in area_totals if y <= wanted and area_totals[y] > 0]
    if not years:
        return None
    year = max(years)
    return Share(own_tco2e, own_label, area_totals[year], year, year == wanted)
