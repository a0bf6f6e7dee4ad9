"""Changes made through the carbon pages."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Roadmap, Scenario
from .trajectory import Category


class UnknownSwitch(ValueError):
    pass


def switch_names(roadmap: Roadmap) -> set[str]:
    """What a what-if may switch off: the categories and the roadmap's workstreams."""
    return {c.value for c in Category} | set(roadmap.workstreams.values_list("name", flat=True))


def clean_off(roadmap: Roadmap, off: Iterable[str]) -> list[str]:
    known = switch_names(roadmap)
    unknown = sorted(set(off) - known)
    if unknown:
        raise UnknownSwitch(
            f"{', '.join(unknown)}: not a category or workstream of {roadmap.title}."
        )
    return sorted(set(off))


def scenario_save(roadmap: Roadmap, name: str, off: Iterable[str]) -> tuple[Scenario, bool]:
    """Save (or replace) a named what-if."""
    scenario, created = Scenario.objects.update_or_create(
        roadmap=roadmap, name=name.strip(), defaults={"off": clean_off(roadmap, off)}
    )
    return scenario, created
