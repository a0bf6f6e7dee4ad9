"""The organisation's own tables that can be imported on the web — KPIs, a risk register, the
emissions inventory — each with its importer, its fields and the options its page asks for.
The worker runs them (tasks.py) with the columns the organisation's editors chose before."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from plantracker.core.models import Organisation

from . import indicators, inventory, risks
from .models import ColumnChoice, Kind
from .tables import IGNORE, ImportResult, Remembered

Runner = Callable[[Path, Organisation, Mapping[str, Any], Remembered, bool], ImportResult]


@dataclass(frozen=True)
class TableKind:
    kind: Kind
    synonyms: Mapping[str, str]  # heading key → field, as the importer declares them
    run: Runner

    @property
    def fields(self) -> list[str]:
        return sorted(set(self.synonyms.values()))


def _kpis(
    path: Path, org: Organisation, options: Mapping[str, Any], maps: Remembered, dry_run: bool
) -> ImportResult:
    settings = indicators.Options(
        org.name, plan=options.get("plan") or None, source=options.get("source", "")
    )
    return indicators.indicators_import(path, settings, dry_run=dry_run, maps=maps)


def _risks(
    path: Path, org: Organisation, options: Mapping[str, Any], maps: Remembered, dry_run: bool
) -> ImportResult:
    title = options.get("register", "")
    settings = risks.RegisterSettings(
        slugify(title)[:100], title=title, organisation=org.name, plan=options.get("plan") or None
    )
    return risks.risks_import(path, settings, dry_run=dry_run, maps=maps)


def _emissions(
    path: Path, org: Organisation, options: Mapping[str, Any], maps: Remembered, dry_run: bool
) -> ImportResult:
    settings = inventory.InventoryOptions(org.name, baseline=options.get("baseline", ""))
    return inventory.inventory_import(path, settings, dry_run=dry_run, maps=maps)


TABLE_KINDS: dict[str, TableKind] = {
    Kind.KPIS: TableKind(Kind.KPIS, indicators.COLUMNS, _kpis),
    Kind.RISKS: TableKind(Kind.RISKS, risks.COLUMNS, _risks),
    Kind.EMISSIONS: TableKind(Kind.EMISSIONS, inventory.COLUMNS, _emissions),
}


def column_maps(organisation: Organisation, kind: str, chosen: Mapping[str, str]) -> Remembered:
    """What the organisation's editors chose before for this kind of file, then the choices
    made for this file."""
    remembered = dict(
        ColumnChoice.objects.filter(organisation=organisation, kind=kind).values_list(
            "heading", "field"
        )
    )
    return Remembered({**remembered, **chosen})


def remember(
    *, organisation: Organisation, kind: str, chosen: Mapping[str, str], user: Any
) -> None:
    """Keep each choice for the next file of the same layout; choosing "automatic" again
    forgets the choice."""
    table = TABLE_KINDS[kind]
    for heading, field in chosen.items():
        if not heading:
            continue
        if field in (*table.fields, IGNORE):
            ColumnChoice.objects.update_or_create(
                organisation=organisation, kind=kind, heading=heading,
                defaults={"field": field, "chosen_by": user},
            )  # fmt: skip
        else:
            ColumnChoice.objects.filter(
                organisation=organisation, kind=kind, heading=heading
            ).delete()
