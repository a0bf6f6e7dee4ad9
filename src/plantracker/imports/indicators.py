"""Importing KPIs: their definitions (unit, direction, baseline, targets, links) and their
observations, in a long layout (a Period and a Value column) or a wide one (one column per
period, as the Youth Justice Plan's performance table has them). One file may hold both."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from plantracker.core import strict
from plantracker.core.models import Organisation
from plantracker.indicators import periods
from plantracker.indicators.models import Indicator, Observation, Target
from plantracker.indicators.status import DIRECTION_TEXT, Direction
from plantracker.indicators.wording import (
    ValueWordError,
    direction_word,
    heading_role,
    higher_is_better,
    read_target,
    read_value,
    target_is_measurable,
    title_direction,
)
from plantracker.plans.models import Plan
from plantracker.risks.models import RiskRegister
from plantracker.strategy.models import Measure, Strategy, StrategyObjective

from .risks import SCORE_MAX
from .tables import (
    ImportResult,
    Table,
    TableError,
    read_table,
    run_import,
    save_changed,
    synonyms_of,
)

COLUMNS = synonyms_of(
    {
        "title": ("indicator", "national indicator", "kpi", "indicator name", "kpi name",
                  "performance indicator"),
        "ref": ("ref", "kpi ref", "indicator ref", "id", "pi ref"),
        "description": ("description", "definition", "how it is measured"),
        "unit": ("unit", "units", "unit of measure"),
        "direction": ("direction", "polarity", "better when", "aim", "good is",
                      "good performance is", "desired direction", "better is"),
        "higher_is_better": ("higher is better", "is higher better", "high is good",
                             "bigger is better"),
        "measures_change": ("values are changes", "change on previous period"),
        "baseline": ("baseline", "baseline value"),
        "baseline_period": ("baseline period", "baseline year"),
        "target": ("target",),
        "due": ("by", "target date", "target year", "due"),
        "objectives": ("objectives", "objectives supported", "objective"),
        "measure": ("measure", "strategic plan measure"),
        "register": ("derived from", "counts risks in"),
        "threshold": ("threshold", "score threshold"),
        "source": ("source", "data source"),
        "period": ("period", "year", "quarter", "month"),
        "value": ("value", "actual", "result"),
        "note": ("note", "notes", "comment"),
        "estimated": ("estimated", "actual or estimated", "data quality"),
    }
)  # fmt: skip
# Findings and problems, as the result words them (tests import these).
KPI_VALUES_SKIPPED = (
    "cells with no figure (n/a, -, TBC, no data, blank…) were skipped, not recorded as 0: {cells}."
)
KPI_TITLE_DIRECTION = (
    "{where}: '({words})' in the title was read as the direction ({direction}) and taken out "
    "of the title, which is now '{title}'."
)
KPI_TITLE_DIRECTION_DIFFERS = (
    "{where}: '({words})' in the title was taken out of the title, now '{title}', but it "
    "disagrees with the direction column, which was used ({column}). Check which is right."
)
KPI_TARGET_IN_WORDS = (
    "{where}: the target '{text}' has no figure Plan Tracker can compare values with. It is "
    "kept as written and the KPI's status is 'target not measurable'."
)
KPI_UNIT_FROM_VALUES = "{where}: no unit given for '{title}'; '{unit}' was taken from its values."
KPI_UNITS_DIFFER = (
    "{where}: no unit given for '{title}' and its values carry different ones ({units}); "
    "no unit was recorded. Add a Unit column."
)
KPI_DIRECTION_UNKNOWN = (
    "'{text}' is not a direction. Write 'higher is better' (Up, Increase, Maximise…), "
    "'lower is better' (Down, Reduce, Minimise…) or 'within a band'."
)
KPI_HIGHER_UNKNOWN = "'{text}' is not Yes or No (nor a direction such as Up or Down)."
YES = {"yes", "y", "true", "1", "estimated", "estimate", "e"}
NO_TARGET = {"", "-", "–", "—"}


@dataclass
class Options:
    organisation: str
    plan: str | None = None
    strategy: str | None = None
    source: str = ""


@dataclass
class Parsed:
    title: str
    row: int
    fields: dict[str, object] = field(default_factory=dict)
    targets: list[tuple[str, str]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    observations: dict[str, tuple[periods.Period, Decimal, str, bool, str]] = field(
        default_factory=dict
    )
    units: dict[str, list[str]] = field(default_factory=dict)  # unit in the values → cells


@dataclass
class Columns:
    """The period columns of a wide table: index → (role, period)."""

    values: dict[int, periods.Period] = field(default_factory=dict)
    targets: dict[int, periods.Period] = field(default_factory=dict)


@dataclass
class Findings:
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "row 5, column E (2022/23) 'n/a'"
    problems: list[str] = field(default_factory=list)


def indicators_import(
    path: Path, options: Options, *, dry_run: bool = False, maps: Mapping[str, str] | None = None
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(path, COLUMNS, {"title"}, what="KPIs", into=result)
        wide = _period_columns(table)
        org = Organisation.objects.filter(name=options.organisation).first()
        if org is None:
            org = Organisation.objects.create(
                name=options.organisation, slug=slugify(options.organisation)[:100]
            )
        found = Findings()
        parsed = _parse(table, wide, options, found)
        _write(org, parsed, options, table, result)
        result.notes += found.notes
        if found.skipped:
            result.count("values:skipped", len(found.skipped))
            result.notes.append(KPI_VALUES_SKIPPED.format(cells="; ".join(found.skipped)))
        if not wide.values and "value" not in table.columns:
            result.notes.append("no observations in this file (definitions only)")

    return run_import(path, dry_run, body, maps=maps)


def _period_columns(table: Table) -> Columns:
    """Headings naming a period: 'Target 2023/24' holds targets, '2022/23 Actual' or a bare
    '2022/23' values (see indicators.wording.heading_role)."""
    out = Columns()
    for index, header in table.extra_headers().items():
        found = heading_role(header)
        if found is None:
            continue
        role, period = found
        (out.targets if role == "target" else out.values)[index] = period
        table.take(index, f"{role} for {period.label}")
    return out


def _parse(table: Table, wide: Columns, options: Options, found: Findings) -> list[Parsed]:
    problems = found.problems
    out: dict[str, Parsed] = {}
    for row in table.rows:
        v = row.values
        title, title_dir, words = title_direction(v.get("title", ""))
        if not title:
            problems.append(f"{table.where(row.number, 'title')}: the KPI has no name.")
            continue
        p = out.setdefault(title, Parsed(title, row.number))
        _definition(table, row.number, v, p, found)
        if title_dir is not None:
            _title_direction(table, row.number, p, title_dir, words, found)
        for index, period in wide.targets.items():
            text = row.extra.get(index, "")
            if text not in NO_TARGET:
                _target(table.where_index(row.number, index), p, text, period.label, found)
        if v.get("period") or v.get("value"):
            _observation(
                found, p, v.get("period", ""), v.get("value", ""),
                v.get("note", ""), v.get("estimated", ""), v.get("source") or options.source,
                lambda name, r=row.number: table.where(r, name),
            )  # fmt: skip
        for index, period in wide.values.items():
            _observation(
                found, p, period.label, row.extra.get(index, ""), "", "", options.source,
                lambda _n, r=row.number, i=index: table.where_index(r, i),
            )  # fmt: skip
    for p in out.values():
        _unit_from_values(table, p, found)
    if problems:
        raise TableError(problems)
    return list(out.values())


def _title_direction(
    table: Table, row: int, p: Parsed, direction: Direction, words: str, found: Findings
) -> None:
    """'(Maximise)' after a title: the direction, unless a direction column gave one."""
    where = table.where(row, "title")
    column = p.fields.setdefault("direction", direction)
    if column is None:  # the direction column's word was not understood: already a problem
        return
    if column == direction:
        text = DIRECTION_TEXT[direction]
        note = KPI_TITLE_DIRECTION.format(where=where, words=words, title=p.title, direction=text)
    else:
        text = DIRECTION_TEXT[Direction(str(column))]
        note = KPI_TITLE_DIRECTION_DIFFERS.format(
            where=where, words=words, title=p.title, column=text
        )
    found.notes.append(note)


def _target(where: str, p: Parsed, text: str, due: str, found: Findings) -> None:
    """A target as written is always kept; one no rule reads is reported."""
    target = read_target(text, due)
    if not target_is_measurable(target):
        found.notes.append(KPI_TARGET_IN_WORDS.format(where=where, text=text))
    p.targets.append((text, due))


def _unit_from_values(table: Table, p: Parsed, found: Findings) -> None:
    units = {u for u in p.units if u}
    if p.fields.get("unit") or not units:
        return
    where = table.where(p.row, "unit")
    if len(units) == 1:
        unit = units.pop()
        p.fields["unit"] = unit
        found.notes.append(KPI_UNIT_FROM_VALUES.format(
            where=where, title=p.title, unit=unit))  # fmt: skip
    else:
        found.notes.append(KPI_UNITS_DIFFER.format(
            where=where, title=p.title, units=", ".join(sorted(units))))  # fmt: skip


def _definition(table: Table, row: int, v: dict[str, str], p: Parsed, found: Findings) -> None:
    problems = found.problems

    def bad(name: str, why: str) -> None:
        problems.append(f"{table.where(row, name)}: {why}")

    for name in ("unit", "description", "source"):
        if v.get(name):
            p.fields[name] = v[name]
    if v.get("direction"):
        d = direction_word(v["direction"])
        if d is None:
            bad("direction", KPI_DIRECTION_UNKNOWN.format(text=v["direction"]))
        p.fields["direction"] = d
    if v.get("higher_is_better"):
        d = higher_is_better(v["higher_is_better"])
        if d is None:
            bad("higher_is_better", KPI_HIGHER_UNKNOWN.format(
                text=v["higher_is_better"]))  # fmt: skip
        p.fields.setdefault("direction", d)
    if v.get("measures_change"):
        p.fields["measures_change"] = v["measures_change"].lower() in YES
    if v.get("baseline"):
        try:
            reading = read_value(v["baseline"])
            if reading is not None:
                p.fields["baseline_value"] = reading.value
        except ValueWordError as exc:
            bad("baseline", f"{exc}.")
    if v.get("baseline_period"):
        try:
            p.fields["baseline_period"] = periods.normalise(v["baseline_period"])
        except periods.PeriodError as exc:
            bad("baseline_period", f"{exc}.")
    if v.get("target", "") not in NO_TARGET:
        due = v.get("due", "")
        try:
            due = periods.normalise(due) if due.strip() else ""
        except periods.PeriodError as exc:
            bad("due", f"{exc}.")
        _target(table.where(row, "target"), p, v["target"], due, found)
    p.objectives += [c for c in re.split(r"[,;\s]+", v.get("objectives", "")) if c]
    if v.get("measure"):
        p.measures.append(v["measure"])
    if v.get("register"):
        p.fields["register"] = v["register"]
        threshold = strict.number_or_none(v.get("threshold", ""), high=SCORE_MAX)
        if threshold is None:
            bad("threshold", "a KPI counting risks needs the score threshold, e.g. 15.")
        else:
            p.fields["threshold"] = threshold


def _observation(
    found: Findings,
    p: Parsed,
    period_text: str,
    value_text: str,
    note: str,
    estimated: str,
    source: str,
    where: Callable[[str], str],
) -> None:
    problems = found.problems
    try:
        period = periods.parse(period_text)
    except periods.PeriodError as exc:
        problems.append(f"{where('period')}: {exc}.")
        return
    try:
        reading = read_value(value_text)
    except ValueWordError as exc:
        problems.append(f"{where('value')}: {exc}. Write the value as a number, e.g. 64.2%.")
        return
    if reading is None:
        shown = f"'{value_text}'" if value_text.strip() else "blank"
        found.skipped.append(f"{where('value')} {shown}")
        return
    label = period.label
    if label in p.observations:
        problems.append(f"{where('period')}: {p.title} has a second value for {label}.")
        return
    p.units.setdefault(reading.unit, []).append(value_text)
    notes = reading.note
    full_note = " ".join(filter(None, [note, f"footnote {notes}" if notes else ""]))
    p.observations[label] = (period, reading.value, full_note, estimated.lower() in YES, source)


def _write(
    org: Organisation, parsed: list[Parsed], options: Options, table: Table, result: ImportResult
) -> None:
    plan = _by_slug(Plan, options.plan, "--plan") if options.plan else None
    strategy = _by_slug(Strategy, options.strategy, "--strategy") if options.strategy else None
    problems = []
    for pos, p in enumerate(parsed):
        slug = slugify(p.title)[:120] or f"kpi-{pos + 1}"
        indicator = Indicator.objects.filter(organisation=org, slug=slug).first()
        if indicator is None and "direction" not in p.fields and not p.fields.get("register"):
            problems.append(
                f"{table.where(p.row, 'direction')}: '{p.title}' is a new KPI and the file does "
                "not say whether higher or lower is better. Add a Direction column or import "
                "its definition first."
            )
            continue
        created = indicator is None
        indicator = indicator or Indicator(organisation=org, slug=slug, title=p.title)
        register_slug = p.fields.pop("register", None)
        if register_slug:
            register = RiskRegister.objects.filter(organisation=org, slug=register_slug).first()
            if register is None:
                problems.append(f"{table.where(p.row, 'register')}: there is no risk register "
                                f"'{register_slug}'. Import the register first.")  # fmt: skip
                continue
            p.fields.update(register=register, derived=Indicator.Derived.HIGH_RISKS)
            p.fields.setdefault("direction", Direction.LOWER)
            p.fields.setdefault("unit", "risks")
        before = _state(indicator) if not created else None
        for k, v in p.fields.items():
            setattr(indicator, k, v)
        if plan:
            indicator.plan = plan
        if strategy:
            indicator.strategy = strategy
        if created:
            indicator.position = Indicator.objects.filter(organisation=org).count()
        indicator.save()
        if p.targets and [(t.text, t.due) for t in indicator.targets.all()] != p.targets:
            indicator.targets.all().delete()
            Target.objects.bulk_create(
                Target(indicator=indicator, text=t, due=d) for t, d in p.targets
            )
        problems += _links(indicator, p, strategy, table)
        changed = before is not None and before != _state(indicator)
        result.count("KPIs:" + ("created" if created else "updated" if changed else "unchanged"))
        _observations(indicator, p, result)
    if problems:
        raise TableError(problems)


def _state(i: Indicator) -> tuple[object, ...]:
    targets = tuple((t.text, t.due) for t in i.targets.all()) if i.pk else ()
    return (
        i.title, i.unit, i.direction, i.measures_change, i.baseline_value, i.baseline_period,
        i.description, i.register_id, i.threshold, targets,
        tuple(i.objectives.values_list("pk", flat=True)) if i.pk else (),
        tuple(i.measures.values_list("pk", flat=True)) if i.pk else (),
    )  # fmt: skip


def _by_slug(model: type, slug: str, option: str) -> object:
    found = model.objects.filter(slug=slug).first()  # type: ignore[attr-defined]
    if found is None:
        raise TableError([f"{option} {slug}: there is no such {model.__name__.lower()}."])
    return found


def _links(indicator: Indicator, p: Parsed, strategy: Strategy | None, table: Table) -> list[str]:
    problems = []
    if p.objectives:
        if strategy is None:
            return [f"{table.where(p.row, 'objectives')}: say which strategy the objective "
                    "codes belong to with --strategy SLUG."]  # fmt: skip
        found = {
            o.code: o
            for o in StrategyObjective.objects.filter(aim__strategy=strategy, code__in=p.objectives)
        }
        unknown = [c for c in p.objectives if c not in found]
        if unknown:
            problems.append(f"{table.where(p.row, 'objectives')}: {', '.join(unknown)} "
                            f"{'is' if len(unknown) == 1 else 'are'} not objectives of "
                            f"{strategy.title}.")  # fmt: skip
        indicator.objectives.set(found.values())
    if p.measures:
        measures = []
        for text in p.measures:
            m = Measure.objects.filter(
                outcome__strategy__organisation=indicator.organisation, text__iexact=text
            ).first()
            if m is None:
                problems.append(
                    f"{table.where(p.row, 'measure')}: no strategic plan measure reads "
                    f"'{text[:60]}'. Copy the measure's words exactly."
                )
            else:
                measures.append(m)
        indicator.measures.set(measures)
    return problems


def _observations(indicator: Indicator, p: Parsed, result: ImportResult) -> None:
    have = {o.period: o for o in indicator.observations.all()}
    for label, (period, value, note, estimated, source) in p.observations.items():
        obs = have.get(label) or Observation(indicator=indicator, period=label)
        wanted = {
            "period_start": period.start, "period_end": period.end, "value": value,
            "note": note, "estimated": estimated, "source": source,
        }  # fmt: skip
        result.count(f"observations:{save_changed(obs, wanted)}")
