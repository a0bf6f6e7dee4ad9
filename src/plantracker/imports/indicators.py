"""Importing KPIs: their definitions (unit, direction, baseline, targets, links) and their
observations, in a long layout (a Period and a Value column) or a wide one (one column per
period, as the Youth Justice Plan's performance table has them). One file may hold both."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from plantracker.core import strict
from plantracker.core.models import Organisation
from plantracker.indicators import periods
from plantracker.indicators.models import Indicator, Observation, Target
from plantracker.indicators.status import Direction, TargetError, parse_target, parse_value
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
        "title": ("indicator", "national indicator", "kpi", "indicator name", "kpi name"),
        "ref": ("ref", "kpi ref", "indicator ref", "id"),
        "description": ("description", "definition", "how it is measured"),
        "unit": ("unit", "units"),
        "direction": ("direction", "polarity", "better when"),
        "measures_change": ("values are changes", "change on previous period"),
        "baseline": ("baseline", "baseline value"),
        "baseline_period": ("baseline period", "baseline year"),
        "target": ("target",),
        "due": ("by", "target date", "target year", "due"),
        "objectives": ("objectives", "objectives supported", "objective"),
        "measure": ("measure", "strategic plan measure"),
        "register": ("derived from", "counts risks in"),
        "threshold": ("threshold", "score threshold"),
        "source": ("source",),
        "period": ("period", "year", "quarter", "month"),
        "value": ("value", "actual", "result"),
        "note": ("note", "notes", "comment"),
        "estimated": ("estimated", "actual or estimated", "data quality"),
    }
)
YES = {"yes", "y", "true", "1", "estimated", "estimate", "e"}
DIRECTIONS = {
    "higher": Direction.HIGHER, "higher is better": Direction.HIGHER, "up": Direction.HIGHER,
    "increase": Direction.HIGHER, "lower": Direction.LOWER, "lower is better": Direction.LOWER,
    "down": Direction.LOWER, "reduce": Direction.LOWER, "decrease": Direction.LOWER,
    "band": Direction.BAND, "within a band": Direction.BAND, "within": Direction.BAND,
}  # fmt: skip


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


def indicators_import(
    path: Path, options: Options, *, dry_run: bool = False, maps: Mapping[str, str] | None = None
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(path, COLUMNS, {"title"}, what="KPIs", into=result)
        wide = {i: periods.parse(h) for i, h in table.extra_headers().items() if _is_period(h)}
        for index, period in wide.items():
            table.take(index, f"values for {period.label}")
        org = Organisation.objects.filter(name=options.organisation).first()
        if org is None:
            org = Organisation.objects.create(
                name=options.organisation, slug=slugify(options.organisation)[:100]
            )
        parsed = _parse(table, wide, options)
        _write(org, parsed, options, table, result)
        if not wide and "value" not in table.columns:
            result.notes.append("no observations in this file (definitions only)")

    return run_import(path, dry_run, body, maps=maps)


def _is_period(header: str) -> bool:
    return bool(re.search(r"[0-9]{4}", header)) and periods.looks_like_period(header)


def _parse(table: Table, wide: dict[int, periods.Period], options: Options) -> list[Parsed]:
    problems: list[str] = []
    out: dict[str, Parsed] = {}
    for row in table.rows:
        v = row.values
        title = v.get("title", "")
        if not title:
            problems.append(f"{table.where(row.number, 'title')}: the KPI has no name.")
            continue
        p = out.setdefault(title, Parsed(title, row.number))
        _definition(table, row.number, v, p, problems)
        if v.get("period") or v.get("value"):
            _observation(
                problems, p, v.get("period", ""), v.get("value", ""),
                v.get("note", ""), v.get("estimated", ""), v.get("source") or options.source,
                lambda name, r=row.number: table.where(r, name),
            )  # fmt: skip
        for index, period in wide.items():
            text = row.extra.get(index, "")
            if text:
                _observation(
                    problems, p, period.label, text, "", "", options.source,
                    lambda _n, r=row.number, i=index: table.where_index(r, i),
                )  # fmt: skip
    if problems:
        raise TableError(problems)
    return list(out.values())


def _definition(table: Table, row: int, v: dict[str, str], p: Parsed, problems: list[str]) -> None:
    def bad(name: str, why: str) -> None:
        problems.append(f"{table.where(row, name)}: {why}")

    for name in ("unit", "description", "source"):
        if v.get(name):
            p.fields[name] = v[name]
    if v.get("direction"):
        d = DIRECTIONS.get(v["direction"].lower())
        if d is None:
            bad("direction", f"'{v['direction']}' is not a direction. Write 'higher is better', "
                "'lower is better' or 'within a band'.")  # fmt: skip
        p.fields["direction"] = d
    if v.get("measures_change"):
        p.fields["measures_change"] = v["measures_change"].lower() in YES
    if v.get("baseline"):
        try:
            value, _ = parse_value(v["baseline"])
            p.fields["baseline_value"] = value
        except TargetError as exc:
            bad("baseline", f"{exc}.")
    if v.get("baseline_period"):
        try:
            p.fields["baseline_period"] = periods.normalise(v["baseline_period"])
        except periods.PeriodError as exc:
            bad("baseline_period", f"{exc}.")
    if v.get("target") and v["target"].lower() not in {"tbd", "tbc", "target tbd"}:
        try:
            parse_target(v["target"], v.get("due", ""))
            p.targets.append((v["target"], v.get("due", "")))
        except (TargetError, periods.PeriodError) as exc:
            bad("target", f"{exc}.")
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
    problems: list[str],
    p: Parsed,
    period_text: str,
    value_text: str,
    note: str,
    estimated: str,
    source: str,
    where: object,
) -> None:
    at = where  # a callable naming the cell
    try:
        period = periods.parse(period_text)
    except periods.PeriodError as exc:
        problems.append(f"{at('period')}: {exc}.")  # type: ignore[operator]
        return
    try:
        value, notes = parse_value(value_text)
    except TargetError as exc:
        problems.append(f"{at('value')}: {exc}. Write the value as a number, e.g. 64.2%.")  # type: ignore[operator]
        return
    if value is None:
        return
    label = period.label
    if label in p.observations:
        problems.append(f"{at('period')}: {p.title} has a second value for {label}.")  # type: ignore[operator]
        return
    full_note = " ".join(filter(None, [note, f"footnote {notes}" if notes else ""]))
    p.observations[label] = (period, value, full_note, estimated.lower() in YES, source)


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
