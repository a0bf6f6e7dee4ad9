"""Synthetic councils for benchmarks: organisations × plans × actions × published periods of
updates × KPIs × observations × risks, the same every time for the same seed, with text as long
as the councils' own (titles of 40–160 characters, updates of 200–900).

    .venv/bin/python bench/generate.py --actions 1000 --periods 16 [--organisations 1]
        [--plans 1] [--seed 1]

writes into the database the settings name (PLANTRACKER_DATA_DIR or DATABASE_URL). From code:
`generate(Size(...))` returns the plans it made.
"""

from __future__ import annotations

import argparse
import os
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

_WORDS = (
    "carbon emissions council buildings fleet electric vehicles charging points solar heat "
    "pumps insulation retrofit schools highways street lighting LED waste recycling composting "
    "biodiversity trees hedgerows flood resilience partners community energy grant funding "
    "business case feasibility study procurement suppliers district councils residents survey "
    "consultation cabinet scrutiny committee programme delivery milestone quarter budget "
    "monitoring baseline target reduction travel cycling walking bus services rail freight "
    "planning policy local plan developers housing standards adaptation heat health air quality"
)
WORDS = _WORDS.split()
THEMES = ["Buildings", "Transport", "Energy", "Waste", "Nature", "Communities", "Adaptation"]
STAGES = ["Discovery", "Design", "Delivery", "Completed", None]
RAGS = ["Green", "Green", "Amber", "Red", None]
PARTNERS = ["District councils", "Environment Agency", "LLEP", "Midlands Net Zero Hub",
            "National Forest", "Parish councils", "Schools", "Community energy groups"]  # fmt: skip


@dataclass(frozen=True)
class Size:
    actions: int = 100  # per plan
    periods: int = 16  # published quarters of history
    organisations: int = 1
    plans: int = 1  # per organisation
    kpis: int = 0  # per organisation; default: one per 20 actions (at least 5)
    risks: int = 0  # per plan; default: one per 10 actions (at least 5)
    seed: int = 1


def _text(rnd: random.Random, low: int, high: int) -> str:
    n = rnd.randint(low, high)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < n:
        words.append(rnd.choice(WORDS))
    return " ".join(words)[:n].strip().capitalize() + "."


def _quarter(i: int) -> tuple[str, date]:
    """The i-th quarter from April 2020: its label and its due date."""
    year, q = 2020 + (i // 4), i % 4
    month = [6, 9, 12, 3][q]
    year_of_month = year + (1 if q == 3 else 0)
    label = f"{['June', 'September', 'December', 'March'][q]} {year_of_month}"
    return label, date(year_of_month, month, 15)


def generate(size: Size) -> list[object]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from plantracker.core.models import Organisation
    from plantracker.indicators.models import Indicator, Observation
    from plantracker.indicators.models import Target as KpiTarget
    from plantracker.plans.models import Action, Objective, Partner, Plan, ScoringScheme, Theme
    from plantracker.risks.models import Risk, RiskRegister
    from plantracker.updates.models import ProgressUpdate, ReportingPeriod

    rnd = random.Random(size.seed)
    author, _ = get_user_model().objects.get_or_create(username="bench-author")
    made: list[object] = []
    with transaction.atomic():
        for o in range(size.organisations):
            name = f"Synthetic Council {size.seed}-{o + 1}"
            org = Organisation.objects.create(name=name, slug=slugify(name))
            partners = Partner.objects.bulk_create(
                Partner(organisation=org, name=n) for n in PARTNERS
            )
            for p in range(size.plans):
                plan = Plan.objects.create(
                    organisation=org, slug=f"{org.slug}-plan-{p + 1}",
                    title=f"Climate Action Plan {p + 1}", status=Plan.Status.PUBLISHED,
                    scoring_scheme=ScoringScheme.objects.create(),
                )  # fmt: skip
                themes = Theme.objects.bulk_create(
                    Theme(plan=plan, name=t, position=i) for i, t in enumerate(THEMES)
                )
                objectives = Objective.objects.bulk_create(
                    Objective(plan=plan, code=f"O{i + 1}", text=_text(rnd, 40, 120))
                    for i in range(20)
                )
                actions = Action.objects.bulk_create(
                    Action(
                        plan=plan, ref=f"A{i + 1}", position=i, theme=rnd.choice(themes),
                        title=_text(rnd, 40, 160), role=rnd.choice(["Lead", "Ask", "Influence"]),
                        scope=rnd.choice(["Internal", "External", "Both"]),
                        lead=rnd.choice(["Property", "Highways", "Waste", "Environment Team"]),
                        timescale=rnd.choice(["S", "S/M", "M", "M/L", "L"]),
                        cost=rnd.choice("LMH"), carbon=rnd.choice("LMH"),
                        start=date(2020, rnd.randint(1, 12), 1),
                        end=date(rnd.randint(2022, 2030), rnd.randint(1, 12), 1),
                        stage=rnd.choice(STAGES), rag=rnd.choice(RAGS),
                    )
                    for i in range(size.actions)
                )  # fmt: skip
                links = Action.objectives.through
                links.objects.bulk_create(
                    links(action_id=a.pk, objective_id=ob.pk)
                    for a in actions
                    for ob in rnd.sample(objectives, rnd.randint(0, 3))
                )
                through = Action.partners.through
                through.objects.bulk_create(
                    through(action_id=a.pk, partner_id=pa.pk)
                    for a in actions
                    for pa in rnd.sample(partners, rnd.randint(0, 3))
                )
                periods = []
                for i in range(size.periods):
                    label, due = _quarter(i)
                    periods.append(ReportingPeriod(
                        plan=plan, label=label, slug=slugify(label), position=i, due=due,
                        status=ReportingPeriod.Status.PUBLISHED, published_at=timezone.now(),
                    ))  # fmt: skip
                periods = ReportingPeriod.objects.bulk_create(periods)
                ProgressUpdate.objects.bulk_create(
                    (
                        ProgressUpdate(
                            action=a,
                            period=per,
                            status="published",
                            author=author,
                            narrative=_text(rnd, 200, 900),
                            stage=rnd.choice(STAGES),
                            rag=rnd.choice(RAGS),
                        )
                        for a in actions
                        for per in periods
                    ),
                    batch_size=2000,
                )
                register = RiskRegister.objects.create(
                    organisation=org, plan=plan, slug=f"{plan.slug}-risks", title="Climate risks"
                )
                Risk.objects.bulk_create(
                    Risk(
                        register=register,
                        ref=f"R{i + 1}",
                        position=i,
                        title=_text(rnd, 30, 120),
                        causes=_text(rnd, 60, 300),
                        consequences=_text(rnd, 60, 300),
                        impact=rnd.randint(1, 5),
                        likelihood=rnd.randint(1, 5),
                    )
                    for i in range(size.risks or max(5, size.actions // 10))
                )
                made.append(plan)
            for k in range(size.kpis or max(5, size.actions * size.plans // 20)):
                kpi = Indicator.objects.create(
                    organisation=org, slug=f"kpi-{k + 1}", title=_text(rnd, 30, 90),
                    unit="%", position=k,
                )  # fmt: skip
                KpiTarget.objects.create(indicator=kpi, text="> 50%", due="2030")
                Observation.objects.bulk_create(
                    Observation(
                        indicator=kpi,
                        period=str(2010 + y),
                        period_start=date(2010 + y, 1, 1),
                        period_end=date(2010 + y, 12, 31),
                        value=Decimal(rnd.randint(100, 900)) / 10,
                    )
                    for y in range(size.periods)
                )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in (("actions", 100), ("periods", 16), ("organisations", 1),
                          ("plans", 1), ("kpis", 0), ("risks", 0), ("seed", 1)):  # fmt: skip
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    plans = generate(Size(**vars(args)))
    print(f"Made {len(plans)} plan(s) of {args.actions} actions × {args.periods} periods.")


if __name__ == "__main__":
    main()
