"""Importing a strategy's framework: aims and objectives (the Environment Strategy's Table 1, as
laid out in the document), or outcomes, supporting outcomes and measures (the Strategic Plan's
measures tables, one row per measure)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from django.utils.text import slugify

from plantracker.core.models import Organisation
from plantracker.strategy.models import Aim, Measure, Outcome, Strategy, StrategyObjective

from .tables import (
    ImportResult,
    Table,
    TableError,
    read_table,
    remove_stale,
    run_import,
    synonyms_of,
)

AIM_COLUMNS = synonyms_of(
    {
        "aim": ("aim", "aims"),
        "internal": ("internal objectives", "internal objective", "internal"),
        "external": ("external objectives", "external objective", "external"),
        "objective": ("objective", "objectives"),
        "type": ("type", "internal or external", "internal/external"),
        "theme": ("theme",),
    }
)
OUTCOME_COLUMNS = synonyms_of(
    {
        "outcome": ("strategic outcome", "outcome", "theme"),
        "supporting": ("supporting outcome",),
        "measure": (
            "measure",
            "measures",
            "some of the measures that we will use to monitor progress",
        ),
    }
)

# "A. Reduce…", "A1. The Council's…"; a cell may hold two ("M2. Make… M3. Work…").
AIM_CODE = re.compile(r"^(?P<code>[A-Z])\.\s+(?P<text>.+)$", re.S)
OBJECTIVE_CODE = re.compile(r"(?:^|(?<=\s))(?P<code>[A-Z]\d{1,2})\.\s+")
CONTINUED = re.compile(r"\s*\(continued\)\s*$", re.I)


def split_objectives(cell: str) -> list[tuple[str, str]]:
    """'M2. Make others aware… M3. Work with others…' → [('M2', 'Make…'), ('M3', 'Work…')]."""
    marks = list(OBJECTIVE_CODE.finditer(cell))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(cell)
        out.append((m["code"], cell[m.end() : end].strip()))
    return out


def _strategy(
    slug: str, title: str | None, organisation: str | None, kind: str, source: str
) -> Strategy:
    existing = Strategy.objects.filter(slug=slug).first()
    if existing:
        if existing.kind != kind:
            raise TableError(
                [f"Strategy '{slug}' holds {existing.get_kind_display().lower()}; "
                 "import this file into another strategy."]
            )  # fmt: skip
        if title and existing.title != title:
            existing.title = title
            existing.save(update_fields=["title"])
        return existing
    if not organisation:
        raise TableError(
            [f"Strategy '{slug}' does not exist yet. Say which organisation it belongs to "
             "with --organisation NAME."]
        )  # fmt: skip
    org, _ = Organisation.objects.get_or_create(
        name=organisation, defaults={"slug": slugify(organisation)[:100] or "organisation"}
    )
    return Strategy.objects.create(
        organisation=org, slug=slug, title=title or slug, kind=kind, source=source
    )


def aims_import(
    path: Path,
    *,
    strategy: str,
    title: str | None = None,
    organisation: str | None = None,
    plans: Sequence[str] = (),
    dry_run: bool = False,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import a strategy's aims and objectives; `plans` (slugs) deliver the strategy: their
    actions' objective codes are checked against it and carry its wording."""

    def body(result: ImportResult) -> None:
        table = read_table(path, AIM_COLUMNS, {"aim"}, what="a strategy's aims", into=result)
        if not {"internal", "external", "objective"} & set(table.columns):
            raise TableError(
                [f"{path.name}, row {table.header_row}: no objectives column. Head one "
                 "'Internal Objectives', 'External Objectives' or 'Objective'."]
            )  # fmt: skip
        parsed = _parse_aims(table)
        target = _strategy(strategy, title, organisation, Strategy.Kind.AIMS, path.name)
        _write_aims(target, parsed, result)
        _link_plans(target, plans, result)

    return run_import(path, dry_run, body, maps=maps)


ParsedAim = dict[str, object]


def _parse_aims(table: Table) -> list[ParsedAim]:
    aims: list[ParsedAim] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    theme = ""
    header_words = {"aims", "aim"}
    for row in table.rows:
        v = row.values
        aim_cell = v.get("aim", "")
        cells = [v.get(k, "") for k in ("internal", "external", "objective")]
        if aim_cell.lower() in header_words:
            continue  # the header repeated at a page break
        if aim_cell and not any(cells) and not AIM_CODE.match(aim_cell):
            theme = CONTINUED.sub("", aim_cell)
            continue
        if v.get("theme"):
            theme = v["theme"]
        if aim_cell:
            m = AIM_CODE.match(aim_cell)
            if not m:
                problems.append(
                    f"{table.where(row.number, 'aim')}: '{aim_cell[:60]}' does not start with "
                    "an aim letter like 'A. '. Write the aim as 'A. Reduce…'."
                )
                continue
            text = m["text"].strip().rstrip(";").removesuffix(" and").rstrip(";").strip()
            aims.append({"code": m["code"], "title": text, "theme": theme, "objectives": []})
        elif not aims:
            problems.append(f"{table.where(row.number, 'aim')}: objectives before any aim.")
            continue
        current = aims[-1]
        for column in ("internal", "external", "objective"):
            cell = v.get(column, "")
            if not cell:
                continue
            found = split_objectives(cell)
            if not found:
                problems.append(
                    f"{table.where(row.number, column)}: '{cell[:60]}' does not start with an "
                    "objective code like 'A1. '."
                )
                continue
            kind = column if column != "objective" else _kind(v.get("type", ""))
            if kind not in {"internal", "external"}:
                problems.append(
                    f"{table.where(row.number, 'type')}: say whether the objective is "
                    "Internal or External."
                )
                continue
            for code, text in found:
                if code in seen:
                    problems.append(
                        f"{table.where(row.number, column)}: objective {code} appears again "
                        f"(first on row {seen[code]}). Codes must be unique in a strategy."
                    )
                    continue
                seen[code] = row.number
                current["objectives"].append((code, text, kind))  # type: ignore[attr-defined]
    if problems:
        raise TableError(problems)
    if not aims:
        raise TableError([f"{table.file}: no aims found under the header on row "
                          f"{table.header_row}."])  # fmt: skip
    return aims


def _kind(text: str) -> str:
    t = text.strip().lower()
    return t if t in {"internal", "external"} else ""


def _write_aims(strategy: Strategy, aims: list[ParsedAim], result: ImportResult) -> None:
    kept_aims = []
    for pos, parsed in enumerate(aims):
        aim, created = Aim.objects.get_or_create(
            strategy=strategy,
            code=parsed["code"],
            defaults={"title": parsed["title"], "theme": parsed["theme"], "position": pos},
        )
        changed = not created and (aim.title, aim.theme, aim.position) != (
            parsed["title"], parsed["theme"], pos,
        )  # fmt: skip
        if changed:
            aim.title, aim.theme, aim.position = parsed["title"], parsed["theme"], pos  # type: ignore[assignment]
            aim.save()
        result.count("aims:" + ("created" if created else "updated" if changed else "unchanged"))
        kept_aims.append(aim.pk)
        kept = []
        for opos, (code, text, kind) in enumerate(parsed["objectives"]):  # type: ignore[attr-defined]
            obj = StrategyObjective.objects.filter(aim__strategy=strategy, code=code).first()
            if obj is None:
                obj = StrategyObjective.objects.create(
                    aim=aim, code=code, text=text, kind=kind, position=opos
                )
                result.count("objectives:created")
            elif (obj.aim_id, obj.text, obj.kind, obj.position) != (aim.pk, text, kind, opos):
                obj.aim, obj.text, obj.kind, obj.position = aim, text, kind, opos
                obj.save()
                result.count("objectives:updated")
            else:
                result.count("objectives:unchanged")
            kept.append(obj.pk)
        remove_stale(aim.objectives.all(), kept, "objectives", result)
    remove_stale(strategy.aims.all(), kept_aims, "aims", result)
    plans_follow(strategy)


def _link_plans(strategy: Strategy, slugs: Sequence[str], result: ImportResult) -> None:
    from plantracker.plans.models import Plan

    if not slugs:
        return
    found = {p.slug: p for p in Plan.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise TableError(
            [f"--plan {s}: there is no such plan. Import the plan first, or leave it out."
             for s in missing]
        )  # fmt: skip
    for plan in found.values():
        if plan.framework_id != strategy.pk:
            plan.framework = strategy
            plan.save(update_fields=["framework"])
            result.count("plans:linked to the strategy")
    plans_follow(strategy)


def plans_follow(strategy: Strategy) -> None:
    """Plans delivering this strategy know its objectives: their objective codes are marked
    as defined (so unknown codes are reported) and carry the strategy's wording."""
    from plantracker.plans.models import Objective

    wording = {o.code: o.text for o in StrategyObjective.objects.filter(aim__strategy=strategy)}
    for plan in strategy.plans.all():
        for code, text in wording.items():
            Objective.objects.update_or_create(
                plan=plan, code=code, defaults={"text": text, "defined": True}
            )


def outcomes_import(
    path: Path,
    *,
    strategy: str,
    title: str | None = None,
    organisation: str | None = None,
    dry_run: bool = False,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(
            path, OUTCOME_COLUMNS, {"supporting"}, what="a plan's outcomes", into=result
        )
        target = _strategy(strategy, title, organisation, Strategy.Kind.OUTCOMES, path.name)
        _write_outcomes(target, table, result)

    return run_import(path, dry_run, body, maps=maps)


def _split_outcome(cell: str) -> tuple[str, str]:
    """'1. Strong Economy: Leicestershire's economic…' → ('Strong Economy', 'Leicestershire's…')."""
    cell = re.sub(r"^\d+\.\s*", "", cell)
    name, sep, rest = cell.partition(":")
    return (
        (name.strip(), rest.strip().rstrip(".") + ("." if rest.strip() else ""))
        if sep
        else (cell.strip(), "")
    )


def split_measures(cell: str) -> list[str]:
    """'• % working age… • % achieving…' → one measure each."""
    return [m.strip() for m in re.split(r"\s*[•·▪➤]\s*", cell) if m.strip()]


def _outcome_tree(table: Table) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Long layout (a Strategic outcome column) or the document's layout: a heading row per
    strategic outcome, then rows of supporting outcome and its measures, in one cell or many."""
    problems = []
    tree: dict[tuple[str, str], dict[str, list[str]]] = {}
    current = table.preamble[-1] if table.preamble else ""
    headers = {"supporting outcome", "continued"}
    for row in table.rows:
        v = row.values
        supporting, measure = v.get("supporting", ""), v.get("measure", "")
        if supporting.lower() in headers or (
            not measure and not v.get("outcome") and supporting.lower().startswith("continued")
        ):
            continue
        if v.get("outcome"):
            current = v["outcome"]
        elif supporting and not measure and "outcome" not in table.columns:
            current = supporting  # a heading row: "2. Wellbeing and Opportunity: …"
            continue
        if not current:
            problems.append(
                f"{table.where(row.number, 'supporting')}: no strategic outcome above this row. "
                "Add a Strategic outcome column or a heading row."
            )
            continue
        if not supporting:
            problems.append(
                f"{table.where(row.number, 'supporting')}: every row needs its supporting outcome."
            )
            continue
        tree.setdefault(_split_outcome(current), {}).setdefault(supporting, []).extend(
            split_measures(measure)
        )
    if problems:
        raise TableError(problems)
    return tree


def _write_outcomes(strategy: Strategy, table: Table, result: ImportResult) -> None:
    tree = _outcome_tree(table)
    existing = {
        (o.parent.title if o.parent else "", o.title): o
        for o in strategy.outcomes.select_related("parent")
    }
    kept: set[int] = set()
    pos = 0
    for (name, description), children in tree.items():
        top = _outcome(strategy, existing, None, name, description, pos, result)
        kept.add(top.pk)
        pos += 1
        for supporting, measures in children.items():
            child = _outcome(strategy, existing, top, supporting, "", pos, result)
            kept.add(child.pk)
            pos += 1
            have = [m.text for m in child.measures.all()]
            if have != measures:
                child.measures.all().delete()
                Measure.objects.bulk_create(
                    Measure(outcome=child, text=t, position=i) for i, t in enumerate(measures)
                )
                result.count("measures:written", len(measures))
            else:
                result.count("measures:unchanged", len(measures))
    remove_stale(strategy.outcomes.all(), kept, "outcomes", result)


def _outcome(
    strategy: Strategy,
    existing: dict[tuple[str, str], Outcome],
    parent: Outcome | None,
    title: str,
    description: str,
    pos: int,
    result: ImportResult,
) -> Outcome:
    key = (parent.title if parent else "", title)
    found = existing.get(key)
    if found is None:
        result.count("outcomes:created")
        return Outcome.objects.create(
            strategy=strategy, parent=parent, title=title, description=description, position=pos
        )
    if (found.description, found.position) != (description, pos):
        found.description, found.position = description, pos
        found.save()
        result.count("outcomes:updated")
    else:
        result.count("outcomes:unchanged")
    return found
