"""One import pipeline: read → map columns → normalise → validate → dry run → commit.

`plan_import` always works out the full list of changes first. With dry_run it stops
there; otherwise it writes everything in one transaction, or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from plantracker.core.models import Organisation
from plantracker.plans.findings import carry_dismissals
from plantracker.plans.models import Action, Finding, Objective, Partner, Plan, ScoringScheme, Theme
from plantracker.plans.services import action_score, plan_check
from plantracker.updates.models import ProgressUpdate, ReportingPeriod
from plantracker.updates.snapshots import snapshots_ensure
from plantracker.updates.workflow import EDITABLE, Status

from . import about as about_sheet
from . import messages, newer
from .action_hints import look_alike_hints
from .columns import LayoutError, check_overrides_used, find_layout, parse_map
from .normalise import clean_text
from .parse import ParsedAction, ParsedFinding, ParsedPlan, parse
from .parse import withdrawn as parse_withdrawn
from .readers import ReadError, read

COMPARED = ["title", "theme", "role", "scope", "lead", "partners", "timescale", "start", "end",
            "cost", "carbon", "recorded_score", "stage", "rag", "objectives", "owner",
            "estimated_tco2e", "success_measure"]  # fmt: skip

# Text fields: empty is "" (never None), as the model stores them.
TEXT = {"lead", "owner", "success_measure"}

Progress = Callable[[int, int], None]


@dataclass
class ActionChange:
    ref: str
    title: str
    kind: str  # "create", "change" or "same"
    changes: list[tuple[str, object, object]] = field(default_factory=list)


@dataclass
class ImportReport:
    file: str
    plan: str
    plan_created: bool = False
    organisation: str = ""
    actions: list[ActionChange] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    themes_created: list[str] = field(default_factory=list)
    periods_created: list[str] = field(default_factory=list)
    updates_created: int = 0
    updates_changed: list[str] = field(default_factory=list)
    # Updates the file would change but the workflow keeps: submitted, approved or published.
    updates_kept: list[str] = field(default_factory=list)
    findings: list[ParsedFinding] = field(default_factory=list)
    # Values the file would change but that are newer in Plan Tracker (an old export) or
    # texts the Excel export cut: kept unless the editor asked to overwrite newer values.
    warnings: list[str] = field(default_factory=list)
    newer_values: int = 0  # of the warnings, values changed since the file was exported
    problems: list[str] = field(default_factory=list)
    used_columns: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # headings like a field's, not used
    ignored_columns: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str) -> int:
        return sum(1 for a in self.actions if a.kind == kind)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.plan_created
            or self.count("create")
            or self.count("change")
            or self.themes_created
            or self.periods_created
            or self.updates_created
            or self.updates_changed
        )


@dataclass
class Loaded:
    parsed: ParsedPlan
    about: about_sheet.About | None


def load(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    mapping: list[str] | None = None,
    period: str | None = None,
) -> Loaded:
    """Read and parse a file. Raises ImportFailed with every problem found."""
    mapping = mapping or []
    try:
        sheets = read(path, sheet=sheet, encoding=encoding)
        overrides = parse_map(mapping, file=path.name)
    except (ReadError, LayoutError) as exc:
        raise ImportFailed(getattr(exc, "problems", None) or [str(exc)]) from None
    about_ws = next((s for s in sheets if about_sheet.is_about(s)), None)
    findings_ws = next((s for s in sheets if about_sheet.is_findings(s)), None)
    tables = [s for s in sheets if s is not about_ws and s is not findings_ws]
    if not tables:
        raise ImportFailed([messages.NO_HEADER.format(file=path.name, rows=40)])
    layout_error: LayoutError | None = None
    for candidate in tables:
        try:
            layout = find_layout(candidate, overrides)
            check_overrides_used(layout, overrides, mapping, candidate.source)
        except LayoutError as exc:
            layout_error = layout_error or exc
            continue
        parsed = parse(candidate, layout, period=period)
        if parsed.problems:
            raise ImportFailed(parsed.problems)
        return Loaded(parsed, about_sheet.read_about(about_ws, findings_ws))
    assert layout_error is not None
    raise ImportFailed(layout_error.problems)


class ImportFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def plan_import(
    *,
    path: Path,
    plan_slug: str,
    organisation: str | None = None,
    title: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    mapping: list[str] | None = None,
    period: str | None = None,
    dry_run: bool = False,
    overwrite_newer: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a plan's actions and updates from a file. `overwrite_newer`: let a file that
    was exported from Plan Tracker replace values changed since it was exported (by
    default they are kept, and listed as warnings)."""
    report = ImportReport(file=path.name, plan=plan_slug)
    try:
        loaded = load(path, sheet=sheet, encoding=encoding, mapping=mapping, period=period)
    except ImportFailed as exc:
        report.problems = exc.problems
        return report
    parsed = loaded.parsed
    plan = Plan.objects.filter(slug=plan_slug).select_related("organisation").first()
    org_name = organisation or (loaded.about.organisation if loaded.about else "")
    if plan is None:
        if not org_name and Organisation.objects.count() == 1:
            org_name = Organisation.objects.get().name
        if not org_name:
            report.problems = [messages.NEW_PLAN_NEEDS_ORGANISATION.format(plan=plan_slug)]
            return report
        report.plan_created = True
    report.organisation = plan.organisation.name if plan else org_name
    report.used_columns = parsed.layout.used()
    report.hints = look_alike_hints(
        parsed.layout, path.name, parse_map(mapping or [], file=path.name)
    )
    report.ignored_columns = parsed.layout.ignored
    report.skipped = {k: v for k, v in parsed.skipped.items() if v}
    state = _current_state(plan)
    refs = _assign_refs(plan_slug, parsed.actions, state)
    for ref, action in zip(refs, parsed.actions, strict=True):
        for finding in action.findings:
            finding.ref = ref
    report.findings = [*parsed.findings, *(f for a in parsed.actions for f in a.findings)]
    desired = {ref: _desired(a) for ref, a in zip(refs, parsed.actions, strict=True)}
    for ref, action in zip(refs, parsed.actions, strict=True):
        want = desired[ref]
        have = state.actions.get(ref)
        if have is None:
            report.actions.append(ActionChange(ref, action.title, "create"))
            continue
        changes = [(k, have.get(k), v) for k, v in want.items() if have.get(k) != v]
        report.actions.append(
            ActionChange(ref, action.title, "change" if changes else "same", changes)
        )
    report.left_alone = [r for r in state.actions if r not in desired]
    newer.cut_texts_kept(report, desired)
    if plan is not None and loaded.about and loaded.about.exported:
        newer.newer_kept(report, plan, desired, loaded.about.exported, overwrite=overwrite_newer)
    theme_names = [*(loaded.about.themes if loaded.about else []), *parsed.themes]
    report.themes_created = [t for t in dict.fromkeys(theme_names) if t not in state.themes]
    period_labels = [
        *(p for p, _ in (loaded.about.periods if loaded.about else [])),
        *parsed.periods,
    ]
    report.periods_created = [p for p in dict.fromkeys(period_labels) if p not in state.periods]
    wanted_updates = _desired_updates(parsed, refs)
    by_ref = dict(zip(refs, parsed.actions, strict=True))
    for key in [k for k in wanted_updates if k not in state.updates]:
        if not creates_update(wanted_updates[key]):
            del wanted_updates[key]
            report.findings += _no_text_findings(by_ref[key[0]], key[0], key[1], parsed.source)
    exported = loaded.about.exported if plan is not None and loaded.about else None
    since = newer.updates_changed_since(plan, exported) if plan and exported else {}
    for (ref, label), want in wanted_updates.items():
        have = state.updates.get((ref, label))
        if have is not None and newer.is_cut(want["text"]):
            want["text"] = have["text"]
            report.warnings.append(messages.CUT_TEXT_KEPT.format(ref=ref, field=f"{label} Update"))
        if have is None:
            report.updates_created += 1
        elif any(have.get(k) != v for k, v in want.items()):
            if have["status"] in EDITABLE and (ref, label) in since:
                newer.newer_update_kept(
                    report, want, have, since[(ref, label)], ref, label, exported,
                    overwrite=overwrite_newer,
                )  # fmt: skip
            if any(have.get(k) != v for k, v in want.items()) and have["status"] in EDITABLE:
                report.updates_changed.append(f"{ref} ({label})")
            elif have["status"] not in EDITABLE:
                report.updates_kept.append(
                    messages.UPDATE_KEPT.format(
                        ref=ref, period=label, status=Status(have["status"]).label.lower()
                    )
                )

    if dry_run:
        return report
    try:
        _commit(
            report, plan, plan_slug, org_name, title, loaded, refs, desired, wanted_updates,
            state.updates, progress,
        )  # fmt: skip
    except (DataError, IntegrityError) as exc:  # _commit is atomic: nothing was written
        report.problems = [messages.DATABASE_REFUSED.format(file=path.name, error=exc)]
        return report
    report.committed = True
    return report


# --- the plan as it stands -------------------------------------------------------------


@dataclass
class State:
    actions: dict[str, dict[str, object]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # lower-case title → ref
    themes: set[str] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)
    updates: dict[tuple[str, str], dict[str, object]] = field(default_factory=dict)


def action_state(a: Action) -> dict[str, object]:
    return {
        "title": a.title,
        "theme": a.theme.name if a.theme else None,
        "role": a.role, "scope": a.scope, "lead": a.lead,
        "partners": sorted(p.name for p in a.partners.all()),
        "timescale": a.timescale, "start": a.start, "end": a.end,
        "cost": a.cost, "carbon": a.carbon,
        "recorded_score": None if a.recorded_score is None else Decimal(a.recorded_score),
        "stage": a.stage, "rag": a.rag,
        "objectives": sorted(o.code for o in a.objectives.all()),
        "owner": a.owner,
        "estimated_tco2e": None if a.estimated_tco2e is None else Decimal(a.estimated_tco2e),
        "success_measure": a.success_measure,
        "withdrawn_on": a.withdrawn_on, "withdrawn_reason": a.withdrawn_reason,
    }  # fmt: skip


def _current_state(plan: Plan | None) -> State:
    state = State()
    if plan is None:
        return state
    actions = plan.actions.select_related("theme").prefetch_related("partners", "objectives")
    for a in actions:
        state.actions[a.ref] = action_state(a)
        state.titles[a.title.lower()] = a.ref
    state.themes = set(plan.themes.values_list("name", flat=True))
    state.periods = set(plan.periods.values_list("label", flat=True))
    for u in ProgressUpdate.objects.filter(action__plan=plan).select_related("action", "period"):
        state.updates[(u.action.ref, u.period.label)] = {
            "text": clean_text(u.narrative),  # as the file's text is read, to compare
            "stage": u.stage,
            "rag": u.rag,
            "status": u.status,
            "version": u.version,
        }
    return state


def ref_prefix(slug: str) -> str:
    """'environment-strategy-action-plan-2020-2024' → 'ESAP'."""
    words = [w for w in slug.split("-") if w and not w.isdigit()]
    return ("".join(w[0] for w in words) or "A").upper()[:6]


def _assign_refs(plan_slug: str, actions: list[ParsedAction], state: State) -> list[str]:
    """Use the file's references; without them, match by title and number new actions."""
    if all(a.ref for a in actions):
        return [a.ref for a in actions if a.ref]
    prefix = ref_prefix(plan_slug)
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    used = [int(m.group(1)) for r in state.actions if (m := pattern.match(r))]
    next_number = max(used, default=0) + 1
    refs = []
    for a in actions:
        existing = state.titles.get(a.title.lower())
        if existing:
            refs.append(existing)
            continue
        refs.append(f"{prefix}-{next_number:02d}")
        next_number += 1
    return refs


def _desired(a: ParsedAction) -> dict[str, object]:
    want: dict[str, object] = {"title": a.title}
    if a.theme is not None:
        want["theme"] = a.theme
    for name in (
        "role",
        "scope",
        "lead",
        "timescale",
        "start",
        "end",
        "cost",
        "carbon",
        "recorded_score",
        "stage",
        "rag",
        "owner",
        "estimated_tco2e",
        "success_measure",
    ):
        if name in a.fields_present:
            want[name] = a.values.get(name) if name not in TEXT else (a.values.get(name) or "")
    if "withdrawn" in a.fields_present:
        want["withdrawn_on"] = a.values.get("withdrawn_on")
        want["withdrawn_reason"] = a.values.get("withdrawn_reason") or ""
    if "partners" in a.fields_present:
        want["partners"] = sorted(a.partners)
    if "objectives" in a.fields_present:
        want["objectives"] = sorted(a.objectives)
    return want


def _desired_updates(
    parsed: ParsedPlan, refs: list[str]
) -> dict[tuple[str, str], dict[str, object]]:
    """Each period's update. Stage and RAG come from that period's own columns when the
    file has them; otherwise the sheet's Project Status and RAG describe its latest update."""
    latest = parsed.periods[-1] if parsed.periods else None
    wanted: dict[tuple[str, str], dict[str, object]] = {}
    for ref, a in zip(refs, parsed.actions, strict=True):
        for label in parsed.periods:
            got = a.updates.get(label, {})
            text = got.get("text")
            if text is None and label not in a.updates:
                continue
            entry: dict[str, object] = {"text": text or ""}
            for kind in ("stage", "rag"):
                if f"{kind}:{label}" in a.fields_present:
                    entry[kind] = got.get(kind)
                elif label == latest and kind in a.fields_present:
                    entry[kind] = a.values.get(kind)
            if not entry["text"] and entry.get("stage") is None and entry.get("rag") is None:
                continue
            wanted[(ref, label)] = entry
    return wanted


def creates_update(want: dict[str, object]) -> bool:
    """A blank update cell never creates an update, whatever the stage and RAG columns say:
    the latest period's stage and RAG are the action's own (Project Status, RAG), and a
    period's own Stage or RAG with no text is no update (the values are listed as findings)."""
    return bool(want["text"])


def _no_text_findings(
    action: ParsedAction, ref: str, label: str, source: str
) -> list[ParsedFinding]:
    """A period's own Stage or RAG given without update text: kept in the report, not lost."""
    got = action.updates.get(label, {})
    return [
        ParsedFinding(
            ref, f"{kind}:{label}", "not_imported",
            messages.UPDATE_NO_TEXT.format(period=label, what=kind.upper() if kind == "rag"
                                           else kind, value=got[kind]),
            str(got[kind]), f"{source}, row {action.row}",
        )
        for kind in ("stage", "rag")
        if f"{kind}:{label}" in action.fields_present and got.get(kind) is not None
    ]  # fmt: skip


# --- writing -----------------------------------------------------------------------------


@transaction.atomic
def _commit(
    report: ImportReport,
    plan: Plan | None,
    plan_slug: str,
    org_name: str,
    title: str | None,
    loaded: Loaded,
    refs: list[str],
    desired: dict[str, dict[str, object]],
    wanted_updates: dict[tuple[str, str], dict[str, object]],
    seen: dict[tuple[str, str], dict[str, object]],
    progress: Progress | None,
) -> None:
    parsed, about = loaded.parsed, loaded.about
    if plan is None:
        org, _ = Organisation.objects.get_or_create(
            name=org_name, defaults={"slug": _unique_org_slug(org_name)}
        )
        plan = Plan.objects.create(
            organisation=org,
            slug=plan_slug,
            title=title or (about.title if about else "") or parsed.title or plan_slug,
            period=about.period if about else "",
            scoring_scheme=ScoringScheme.objects.create(),
        )
    org = plan.organisation
    reason = f"Imported from {report.file}"

    themes = {t.name: t for t in plan.themes.all()}
    order = [*(about.themes if about else []), *parsed.themes]
    for name in dict.fromkeys(order):
        if name not in themes:
            themes[name] = Theme.objects.create(plan=plan, name=name, position=len(themes))

    objectives = {o.code: o for o in plan.objectives.all()}
    for code, text, defined in about.objectives if about else []:
        obj = objectives.get(code)
        if obj is None:
            objectives[code] = Objective.objects.create(
                plan=plan, code=code, text=text, defined=defined
            )
        elif (obj.text, obj.defined) != (text, defined):
            obj.text, obj.defined = text, defined
            obj.save()

    periods = {p.label: p for p in plan.periods.all()}
    statuses = dict(about.periods) if about else {}
    for label in dict.fromkeys([*statuses, *parsed.periods]):
        if label not in periods:
            # Updates already written in a council's sheet have been reported.
            status = statuses.get(label, ReportingPeriod.Status.PUBLISHED)
            periods[label] = ReportingPeriod.objects.create(
                plan=plan, label=label, position=len(periods), status=status
            )

    partners = {p.name: p for p in org.partners.all()}
    existing = {a.ref: a for a in plan.actions.all()}
    weights = plan.scoring_scheme.weights()
    total = len(parsed.actions)
    created: list[tuple[Action, dict[str, object]]] = []
    for n, ref in enumerate(refs, start=1):
        want = desired[ref]
        action = existing.get(ref) or Action(plan=plan, ref=ref)
        change = report.actions[n - 1]
        action.position = n
        if change.kind == "same":
            Action.objects.filter(pk=action.pk).update(position=n)
        elif action.pk is None:  # new: written in bulk below
            _apply(action, want, themes, weights)
            created.append((action, want))
        else:
            _apply(action, want, themes, weights)
            action.version += 1  # an edit page opened before the import is out of date
            action._change_reason = reason  # type: ignore[attr-defined]
            action.save()
            if "partners" in want:
                names = list(want["partners"])  # type: ignore[call-overload]
                for name in names:
                    if name not in partners:
                        partners[name] = Partner.objects.create(organisation=org, name=name)
                action.partners.set([partners[name] for name in names])
            if "objectives" in want:
                codes = list(want["objectives"])  # type: ignore[call-overload]
                for code in codes:
                    if code not in objectives:
                        objectives[code] = Objective.objects.create(plan=plan, code=code)
                action.objectives.set([objectives[c] for c in codes])
        existing[ref] = action
        if progress:
            progress(n, total)
    links = _links(created, partners, objectives, org, plan)
    actions_create(created, links, reason)

    new = _updates_write(report, plan, existing, periods, wanted_updates, seen, reason)
    # New updates (thousands on a first import) in bulk, each with its history row.
    bulk_create_with_history(new, ProgressUpdate, batch_size=500, default_change_reason=reason)

    _replace_import_findings(plan, report, refs, about)
    plan_check(plan=plan)
    snapshots_ensure(plan)


def _updates_write(
    report: ImportReport,
    plan: Plan,
    actions: dict[str, Action],
    periods: dict[str, ReportingPeriod],
    wanted: dict[tuple[str, str], dict[str, object]],
    seen: dict[tuple[str, str], dict[str, object]],
    reason: str,
) -> list[ProgressUpdate]:
    """Change the updates the workflow still leaves with their writers (draft or returned,
    and not saved since the check), each with a new version and a history row; return the
    new ones. Submitted, approved and published updates are left as they are."""
    locked = ProgressUpdate.objects.select_for_update(of=("self",)).filter(action__plan=plan)
    current = {(u.action.ref, u.period.label): u for u in locked.select_related("action", "period")}
    new: list[ProgressUpdate] = []
    for (ref, label), want in wanted.items():
        update = current.get((ref, label))
        if update is None:
            update = ProgressUpdate(action=actions[ref], period=periods[label])
            update.narrative = str(want["text"])
            update.stage = want.get("stage")  # type: ignore[assignment]
            update.rag = want.get("rag")  # type: ignore[assignment]
            published = periods[label].status == ReportingPeriod.Status.PUBLISHED
            update.status = Status.PUBLISHED if published else Status.DRAFT
            new.append(update)
            continue
        before = (clean_text(update.narrative), update.stage, update.rag)
        after = (str(want["text"]), want.get("stage", update.stage), want.get("rag", update.rag))
        if before == after:  # the same text, however its lines end, is kept as it is
            continue
        if update.status not in EDITABLE or update.version != seen.get((ref, label), {}).get(
            "version"
        ):
            _keep(report, update, ref, label)
            continue
        update.narrative, update.stage, update.rag = after  # type: ignore[assignment]
        update.version += 1  # a form drawn before the import is now out of date
        update._change_reason = reason  # type: ignore[attr-defined]
        update.save()
    return new


def _keep(report: ImportReport, update: ProgressUpdate, ref: str, label: str) -> None:
    """An update the import may not change (any more): left alone and said so."""
    name = f"{ref} ({label})"
    if name in report.updates_changed:
        report.updates_changed.remove(name)
    if update.status in EDITABLE:
        line = messages.UPDATE_SAVED_MEANWHILE.format(ref=ref, period=label)
    else:
        status = Status(update.status).label.lower()
        line = messages.UPDATE_KEPT.format(ref=ref, period=label, status=status)
    if line not in report.updates_kept:
        report.updates_kept.append(line)


def _apply(
    action: Action, want: dict[str, object], themes: dict[str, Theme], weights: object
) -> None:
    """The file's values on the action (links aside) and its score worked out again."""
    for key, value in want.items():
        if key == "theme":
            action.theme = themes[str(value)] if value else None
        elif key not in {"partners", "objectives"}:
            setattr(action, key, value)
    action.score = action_score(action, weights)  # type: ignore[arg-type]


Links = dict[str, list[tuple[int, int]]]  # m2m field → (action index in `created`, target id)


def _links(
    created: list[tuple[Action, dict[str, object]]],
    partners: dict[str, Partner],
    objectives: dict[str, Objective],
    org: Organisation,
    plan: Plan,
) -> Links:
    """The partners and objectives the new actions name, creating those not yet known."""
    out: Links = {"partners": [], "objectives": []}
    for i, (_, want) in enumerate(created):
        for name in want.get("partners") or []:  # type: ignore[attr-defined]
            if name not in partners:
                partners[name] = Partner.objects.create(organisation=org, name=name)
            out["partners"].append((i, partners[name].pk))
        for code in want.get("objectives") or []:  # type: ignore[attr-defined]
            if code not in objectives:
                objectives[code] = Objective.objects.create(plan=plan, code=code)
            out["objectives"].append((i, objectives[code].pk))
    return out


def actions_create(
    created: list[tuple[Action, dict[str, object]]], links: Links, reason: str
) -> None:
    """New actions in bulk: each with its history row, its partner and objective links, and
    those links in the history (as saving one by one would record them)."""
    if not created:
        return
    actions = [a for a, _ in created]
    bulk_create_with_history(actions, Action, batch_size=500, default_change_reason=reason)
    history = dict(
        Action.history.filter(id__in=[a.pk for a in actions]).values_list("id", "history_id")
    )
    for name, target in (("partners", "partner_id"), ("objectives", "objective_id")):
        through = getattr(Action, name).through
        rows = through.objects.bulk_create(
            through(action_id=actions[i].pk, **{target: pk}) for i, pk in links[name]
        )
        historical = Action.history.model._meta.get_field(f"historicalaction_{name}").related_model
        historical.objects.bulk_create(
            historical(id=r.pk, action_id=r.action_id, history_id=history[r.action_id],
                       **{target: getattr(r, target)})
            for r in rows
        )  # fmt: skip


def _replace_import_findings(
    plan: Plan, report: ImportReport, refs: list[str], about: about_sheet.About | None
) -> None:
    old = plan.findings.filter(origin=Finding.Origin.IMPORT, ref__in=[*refs, ""])
    dismissed = list(old.filter(dismissed_at__isnull=False))
    old.delete()
    rows = [
        Finding(
            plan=plan,
            ref=f.ref or "",
            field=f.field,
            kind=f.kind,
            message=f.message,
            original=f.original,
            source=f.source,
            origin=Finding.Origin.IMPORT,
        )
        for f in report.findings
    ]
    for f in about.findings if about else []:
        if f["Found by"].lower() == Finding.Origin.IMPORT:
            rows.append(
                Finding(
                    plan=plan,
                    ref=f["Ref"],
                    field=f["Field"],
                    kind=f["Kind"],
                    message=f["Message"],
                    original=f["Original"],
                    source=f["Source"],
                    origin=Finding.Origin.IMPORT,
                    **_dismissal(f.get(about_sheet.DISMISSED_HEADER, "")),
                )
            )
    unique = {(r.ref, r.field, r.kind, r.message): r for r in rows}
    carry_dismissals(dismissed, unique.values())
    Finding.objects.bulk_create(unique.values())


def _dismissal(text: str) -> dict[str, Any]:
    """An exported Findings sheet's Dismissed cell ("2026-12-03: the reason") as the
    finding's fields; a cell not in that form keeps its words as the reason, dated today."""
    if not text:
        return {}
    try:
        day, reason = parse_withdrawn(text)
    except ValueError:
        day, reason = None, text
    when = timezone.now()
    if day is not None:
        when = datetime.combine(day, time(), tzinfo=timezone.get_current_timezone())
    return {"dismissed_reason": reason or "Dismissed", "dismissed_at": when}


def _unique_org_slug(name: str) -> str:
    base = slugify(name)[:90] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
