"""Importing a risk register: one row per risk, as councils lay their registers out.

Registers copied out of Word or PDF split a risk across a page break: a row with no risk title
and no scores continues the risk above it, cell by cell. The header repeated at each page break is
skipped. Paragraph and list markup (<p>, <ul>, •) left by the conversion becomes line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.text import slugify

from plantracker.core import strict
from plantracker.core.models import Organisation
from plantracker.plans.models import Action, Plan
from plantracker.risks.assessment import Status, read_assessment, read_status, status_word
from plantracker.risks.matrix import Band, Matrix, Method, check_score
from plantracker.risks.models import Risk, RiskRegister

from .columns import header_key
from .normalise import Unreadable, month
from .tables import (
    ImportResult,
    Table,
    TableError,
    TableRow,
    read_table,
    remove_stale,
    run_import,
    save_changed,
    synonyms_of,
)

COLUMNS = synonyms_of(
    {
        "ref": ("ref", "risk ref", "risk id", "id", "reference", "no", "no.", "risk no",
                "risk no.", "risk number", "number", "ref.", "ref no", "ref no.",
                "risk reference"),
        "title": ("risk", "risk description", "risk title", "title", "description",
                  "risk name"),
        "causes": ("causes", "causes (s)", "cause", "cause(s)"),
        "consequences": ("consequences", "consequences (s)", "consequence", "consequence(s)"),
        "owner": ("risk owner", "owner", "owner(s)", "responsible officer", "lead officer",
                  "risk lead"),
        "impact": ("impact", "inherent impact"),
        "likelihood": ("likelihood", "inherent likelihood"),
        "score": ("risk score", "score", "inherent score", "inherent risk score",
                  "gross score", "gross risk score", "original score"),
        "rating": ("risk rating", "rating", "inherent rating", "inherent risk rating",
                   "gross rating", "gross risk rating", "original rating"),
        "controls": ("list of current controls", "current controls", "controls",
                     "existing controls", "controls in place", "mitigation", "mitigations",
                     "existing mitigations", "current mitigations"),
        "further_actions": (
            "further actions / additional controls",
            "further actions",
            "additional controls",
        ),
        "residual_impact": ("residual impact",),
        "residual_likelihood": ("residual likelihood",),
        "residual_score": ("residual risk score", "residual score", "current score",
                           "current risk score", "net score", "net risk score"),
        "residual_rating": ("residual rating", "residual risk rating", "current rating",
                            "current risk rating", "net rating", "net risk rating"),
        "status": ("status", "risk status", "current status"),
        "review_date": ("review date", "next review", "review"),
        "actions": ("linked actions", "actions", "action refs"),
    }
)  # fmt: skip
TEXT_FIELDS = ("title", "causes", "consequences", "owner", "controls", "further_actions")
SCALE_FIELDS = ("impact", "likelihood", "residual_impact", "residual_likelihood")
RECORDED_FIELDS = ("score", "rating", "residual_score", "residual_rating")
ASSESSED = (*SCALE_FIELDS, *RECORDED_FIELDS, "status")  # a row with any of these is a risk
NOTHING_ASSESSED = (
    "{file}, row {row}: the header names the risks but no column of impact, likelihood, "
    "score, rating or status (such as 'Impact', 'Risk score', 'Current rating', 'Status'). "
    "Add one, or say which column holds them with --map 'Your heading=rating'."
)
TWO_SCORES = (
    "{where}: the rating gives score {other} but the score column gives {score}; the score "
    "column's is kept and the rating kept as written."
)
TWO_STATUSES = "{where}: '{word}' says otherwise than the status, which is kept as {status}."
UNKNOWN_STATUS_SET = (
    "status {text!r} is not one Plan Tracker knows; it is kept as written and the risk marked "
    "{status}, as {where} says"
)
SCORE_MAX = 32767  # the most the database's small whole-number columns hold


def tidy(text: str) -> str:
    """'<p>One</p> <p>Two</p>' → 'One\\nTwo'; '• a • b' → 'a\\nb'."""
    s = re.sub(r"</p>\s*<p>|<br\s*/?>|</li>\s*<li>", "\n", text)
    s = re.sub(r"<[^>]+>", "", s)
    s = re.sub(r"\s*[•➤▪]\s*", "\n", s)
    return "\n".join(line.strip() for line in s.splitlines() if line.strip())


def review_date(text: str) -> date:
    """'2024-03-31', '31/03/2024', or a month ('Mar-24': its first day)."""
    m = re.match(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})", text) or re.fullmatch(
        r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", text
    )
    try:
        if m and len(m[1]) == 4:
            return date(strict.year(m[1]), int(m[2]), int(m[3]))
        if m:
            return date(strict.year(m[3]), int(m[2]), int(m[1]))
    except strict.NotValid as exc:
        raise Unreadable(f"{exc} (in {text!r})") from None
    except ValueError:
        raise Unreadable(f"{text!r} is not a date") from None
    found = month(text).value
    assert isinstance(found, date)
    return found


def parse_bands(text: str) -> list[Band]:
    """'High=1-2,Medium=3-4,Low=6-9' → bands."""
    bands = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        m = re.fullmatch(r"(.+?)\s*=\s*([0-9]+)\s*[-–]\s*([0-9]+)", part)
        if not m:
            raise TableError(
                [f"--bands {text!r}: write each band as NAME=LOW-HIGH, for example "
                 "'Low=1-4,Medium=5-12,High=15-25'."]
            )  # fmt: skip
        bands.append(Band(m[1], int(m[2]), int(m[3])))
    return bands


@dataclass
class RegisterSettings:
    slug: str
    title: str | None = None
    organisation: str | None = None
    plan: str | None = None
    scale: int | None = None
    method: str | None = None
    one_is_highest: bool | None = None
    bands: list[Band] = field(default_factory=list)


@dataclass
class ParsedRisk:
    row: int
    ref: str
    values: dict[str, str]
    numbers: dict[str, int | None] = field(default_factory=dict)
    ratings: dict[str, str] = field(default_factory=dict)  # "rating", "residual_rating"
    status: Status = Status.OPEN
    status_text: str = ""
    review: date | None = None
    actions: list[str] = field(default_factory=list)


def risks_import(
    path: Path,
    settings: RegisterSettings,
    *,
    dry_run: bool = False,
    maps: Mapping[str, str] | None = None,
) -> ImportResult:
    def body(result: ImportResult) -> None:
        table = read_table(
            path, COLUMNS, {"title"}, what="a risk register", into=result, keep_lines=TEXT_FIELDS
        )
        if not set(ASSESSED) & set(table.columns):
            raise TableError([NOTHING_ASSESSED.format(
                file=table.file, row=table.header_row)])  # fmt: skip
        register = _register(settings, path.name)
        matrix = register.matrix()
        parsed = _parse(table, matrix, result.notes)
        _write(register, parsed, table, result)
        for risk in parsed:
            for which, prefix in (("inherent", ""), ("residual", "residual_")):
                finding = check_score(
                    matrix,
                    ref=risk.ref,
                    title=risk.values["title"],
                    which=which,
                    impact=risk.numbers.get(prefix + "impact"),
                    likelihood=risk.numbers.get(prefix + "likelihood"),
                    recorded=risk.numbers.get(prefix + "score"),
                )
                if finding:
                    result.notes.append(f"{path.name}, row {risk.row}: {finding.message}")

    return run_import(path, dry_run, body, maps=maps)


def _register(s: RegisterSettings, source: str) -> RiskRegister:
    register = RiskRegister.objects.filter(slug=s.slug).first()
    if register is None:
        if not s.organisation:
            raise TableError(
                [f"Risk register '{s.slug}' does not exist yet. Say which organisation it "
                 "belongs to with --organisation NAME."]
            )  # fmt: skip
        org, _ = Organisation.objects.get_or_create(
            name=s.organisation, defaults={"slug": slugify(s.organisation)[:100]}
        )
        register = RiskRegister(organisation=org, slug=s.slug, title=s.title or s.slug)
    if s.title:
        register.title = s.title
    if s.plan:
        plan = Plan.objects.filter(slug=s.plan).first()
        if plan is None:
            raise TableError([f"--plan {s.plan}: there is no such plan."])
        register.plan = plan
    if s.scale:
        register.scale = s.scale
    if s.method:
        register.method = Method(s.method)
    if s.one_is_highest is not None:
        register.one_is_highest = s.one_is_highest
    if s.bands:
        register.bands = [{"name": b.name, "low": b.low, "high": b.high} for b in s.bands]
    register.source = source
    register.save()
    return register


def _is_header(row: TableRow, table: Table) -> bool:
    """The header repeated at a page break: every filled cell is a heading of its column's
    field ('Residual Score' under 'Residual Risk Score')."""
    heads = {name: header_key(table.headers.get(i, "")) for name, i in table.columns.items()}
    filled = {k: v for k, v in row.values.items() if v}
    return bool(filled) and all(
        header_key(v) == heads[k] or COLUMNS.get(header_key(v)) == k for k, v in filled.items()
    )


def _parse(table: Table, matrix: Matrix, notes: list[str]) -> list[ParsedRisk]:
    risks: list[ParsedRisk] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        if _is_header(row, table):
            continue
        v = {k: tidy(t) for k, t in row.values.items()}
        assessed = any(v.get(n) for n in ASSESSED)
        if not v.get("title") and not v.get("ref") and not assessed and risks:
            _continue(risks[-1], v)  # the rest of the risk above, after a page break
            continue
        if not v.get("title"):
            problems.append(f"{table.where(row.number, 'title')}: this risk has no description.")
            continue
        ref = v.get("ref") or f"R{len(risks) + 1}"
        if ref in seen:
            problems.append(
                f"{table.where(row.number, 'ref')}: reference {ref} is used again (first on row "
                f"{seen[ref]}). Give each risk its own reference."
            )
            continue
        seen[ref] = row.number
        risk = ParsedRisk(row.number, ref, {k: v.get(k, "") for k in TEXT_FIELDS})
        _assess(table, row.number, v, risk, matrix, problems, notes)
        if v.get("review_date"):
            try:
                risk.review = review_date(v["review_date"])
            except Unreadable as exc:
                problems.append(f"{table.where(row.number, 'review_date')}: {exc}.")
        risk.actions = [a for a in re.split(r"[,;\s]+", v.get("actions", "")) if a]
        risks.append(risk)
    if problems:
        raise TableError(problems)
    if not risks:
        raise TableError([f"{table.file}: no risks found under the header on row "
                          f"{table.header_row}."])  # fmt: skip
    return risks


def _assess(
    table: Table,
    row: int,
    v: dict[str, str],
    risk: ParsedRisk,
    matrix: Matrix,
    problems: list[str],
    notes: list[str],
) -> None:
    """Impact and likelihood, recorded scores and ratings, and the status, of one row. A status
    word ('Inactive', 'Closed') in a score, rating or impact cell sets the status."""
    words: list[tuple[str, Status]] = []  # (field, status) from cells other than Status
    for name in SCALE_FIELDS:
        text = v.get(name, "")
        if (word := status_word(text)) is not None:
            words.append((name, word))
            risk.numbers[name] = None
        else:
            risk.numbers[name] = _number(table, row, name, text, matrix, problems)
    for prefix in ("", "residual_"):
        scored = read_assessment(v.get(prefix + "score", ""), high=SCORE_MAX)
        rated = read_assessment(v.get(prefix + "rating", ""), high=SCORE_MAX)
        for name, found in ((prefix + "score", scored), (prefix + "rating", rated)):
            if found.note:
                notes.append(f"{table.where(row, name)}: {found.note}.")
            if found.status is not None:
                words.append((name, found.status))
        score, rating = scored.score, rated.rating
        if rated.score is not None and score is not None and rated.score != score:
            where = table.where(row, prefix + "rating")
            notes.append(TWO_SCORES.format(where=where, other=rated.score, score=score))
            rating = v[prefix + "rating"]  # kept whole, its score with it
        elif score is None:
            score = rated.score
        risk.numbers[prefix + "score"] = score
        risk.ratings[prefix + "rating"] = "; ".join(
            dict.fromkeys(r for r in (rating, scored.rating) if r)
        )
    _status(table, row, v, risk, words, notes)


def _status(
    table: Table,
    row: int,
    v: dict[str, str],
    risk: ParsedRisk,
    words: list[tuple[str, Status]],
    notes: list[str],
) -> None:
    text = v.get("status", "")
    found, note = read_status(text)
    if found is None and words:
        name, found = words[0]
        if note:
            note = UNKNOWN_STATUS_SET.format(
                text=text, status=found.label.lower(), where=table.where(row, name)
            )
        text = text or v[name]  # an unknown status word, when given, is what is kept
    if note:
        notes.append(f"{table.where(row, 'status')}: {note}.")
    for name, other in words:
        if other is not found:
            kept = (found or Status.OPEN).label
            notes.append(
                TWO_STATUSES.format(where=table.where(row, name), word=v[name], status=kept)
            )
    risk.status = found or Status.OPEN
    risk.status_text = text


def _continue(risk: ParsedRisk, values: dict[str, str]) -> None:
    for name in TEXT_FIELDS:
        extra = values.get(name, "")
        if extra:
            before = risk.values.get(name, "")
            joiner = "\n" if before.endswith((".", ":", ";")) else " "
            risk.values[name] = f"{before}{joiner}{extra}" if before else extra


def _number(
    table: Table, row: int, name: str, text: str, matrix: Matrix, problems: list[str]
) -> int | None:
    if not text:
        return None
    try:
        value = strict.whole_number(text, high=SCORE_MAX)
    except strict.NotValid as exc:
        problems.append(f"{table.where(row, name)}: {exc}.")
        return None
    if name in SCALE_FIELDS and not matrix.in_scale(value):
        problems.append(
            f"{table.where(row, name)}: {value} is outside this register's scale of "
            f"1–{matrix.scale}. Check the value, or import with --scale."
        )
    return value


def _write(
    register: RiskRegister, parsed: list[ParsedRisk], table: Table, result: ImportResult
) -> None:
    existing = {r.ref: r for r in register.risks.all()}
    by_title = {r.title: r for r in existing.values()}
    refs = {a.ref: a for a in Action.objects.filter(plan=register.plan)} if register.plan else {}
    problems = []
    kept = []
    for pos, p in enumerate(parsed):
        risk = existing.get(p.ref) or by_title.get(p.values["title"]) or Risk(register=register)
        fields = {
            **p.values,
            "ref": p.ref,
            "position": pos,
            "impact": p.numbers["impact"],
            "likelihood": p.numbers["likelihood"],
            "recorded_score": p.numbers["score"],
            "residual_impact": p.numbers["residual_impact"],
            "residual_likelihood": p.numbers["residual_likelihood"],
            "residual_recorded_score": p.numbers["residual_score"],
            "recorded_rating": p.ratings["rating"],
            "residual_recorded_rating": p.ratings["residual_rating"],
            "status": p.status.value,
            "status_text": p.status_text,
            "review_date": p.review,
        }
        result.count(f"risks:{save_changed(risk, fields)}")
        kept.append(risk.pk)
        missing = [a for a in p.actions if a not in refs]
        if missing:
            plan = f"plan '{register.plan.slug}'" if register.plan else "no plan (give --plan)"
            problems.append(
                f"{table.where(p.row, 'actions')}: linked action {', '.join(missing)} is not in "
                f"the register's plan; the register belongs to {plan}. Use the action "
                "references shown on the plan's page, or leave the cell empty."
            )
        wanted = {refs[a].pk for a in p.actions if a in refs}
        if set(risk.actions.values_list("pk", flat=True)) != wanted:
            risk.actions.set(wanted)
    if problems:
        raise TableError(problems)
    remove_stale(register.risks.all(), kept, "risks", result)
