"""Every record a council keeps has a page (not Django's /admin/) where its people create,
change and retire it. Each model of Plan Tracker is listed here once: with the pages that
keep it, as kept by the system (what the software writes itself, or public data sets), or as
still waiting for its pages. A new model that is none of these fails the test, so the next
record cannot slip through; a page named here that does not exist fails it too."""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, get_resolver

# model → the routes where a council's people create, change and retire it
PAGES = {
    "core.Membership": ["people", "membership-remove"],
    "core.Invitation": ["person-invite", "people"],
    # Its name on reports, logo, committees and Word template; an instance's operator adds
    # councils (deployment.md).
    "core.Organisation": ["organisation-settings"],
    "plans.Plan": ["plan-new", "plan-settings"],
    "plans.Theme": ["plan-themes"],
    "plans.Objective": ["plan-objectives", "plan-objective"],  # a plan's own codes
    "plans.ScoringScheme": ["plan-scoring"],
    "plans.Finding": ["finding-dismiss", "finding-restore"],  # fixed on the action's page
    "plans.Action": ["action-new", "action-edit", "action-withdraw", "action-delete"],
    "plans.Partner": ["action-edit"],  # typed on the action's page, one on each line
    "updates.ReportingPeriod": ["periods", "period-status", "period-report-text"],
    "updates.ProgressUpdate": ["update", "update-review"],
    "indicators.Observation": ["kpi"],  # values recorded and corrected on the KPI's page
    "indicators.Indicator": ["kpi-new", "kpi-edit", "kpi-retire", "kpi-restore"],
    "indicators.Target": ["kpi-target-new", "kpi-target"],
    "strategy.Strategy": ["strategy-new", "strategy-edit"],
    "strategy.Aim": ["strategy-record-new", "strategy-record", "strategy-record-delete"],
    "strategy.StrategyObjective": ["strategy-record-new", "strategy-record"],
    "strategy.Outcome": ["strategy-record-new", "strategy-record"],
    "strategy.Measure": ["strategy-record-new", "strategy-record"],
    "carbon.Scenario": ["roadmap"],  # saved from the roadmap page
    "carbon.CarbonProfile": ["carbon-settings"],  # the baseline year and the area
    "carbon.CarbonTarget": ["carbon-target-new", "carbon-target"],
    "carbon.EmissionSource": ["emission-source-new", "emission-source"],
    "carbon.EmissionRecord": ["emission-record-new", "emission-record"],
    "carbon.Roadmap": ["roadmap-new", "roadmap-edit"],
    "carbon.Workstream": ["workstream-new", "workstream"],  # switched off there, kept
    "imports.ColumnChoice": ["table-import-job"],  # chosen on an import's check page
    "risks.RiskRegister": ["register-new", "register-settings"],
    "risks.Risk": ["risk-new", "risk-edit", "risk-close", "risk-reopen"],
    # Each person's own choice of emails for each plan, and stopping them from an email.
    "notifications.Preference": ["account-notifications", "unsubscribe"],
    # The public's own: asked for on the plan's page, confirmed and ended from the emails.
    "notifications.Subscriber": ["plan-subscribe", "subscription-confirm", "unsubscribe"],
}
# Written by the software itself, or public data sets loaded whole: nobody edits them.
SYSTEM = {
    "worker.WorkerLease", "updates.UpdateEvent", "updates.Snapshot", "imports.ImportJob",
    "reports.PreparedReport", "carbon.ConversionFactor", "carbon.AreaEmission",
    "carbon.QuotedFigure",
    "notifications.Notification",  # the outbox of emails the worker sends and records
}  # fmt: skip
# Models still waiting for their pages. Issue 17 emptied it: a new model gets its pages, or
# is written by the system; it does not join a queue.
WAITING: set[str] = set()


def models() -> set[str]:
    return {
        m._meta.label
        for m in apps.get_models()
        if m.__module__.startswith("plantracker.") and not m.__name__.startswith("Historical")
    }


def test_every_model_is_listed_once() -> None:
    listed = [*PAGES, *SYSTEM, *WAITING]
    assert len(listed) == len(set(listed)), "a model is listed twice"
    missing = models() - set(listed)
    assert not missing, f"give these a page where the council keeps them: {sorted(missing)}"
    assert set(listed) <= models(), sorted(set(listed) - models())


def test_every_page_named_exists() -> None:
    names = set(get_resolver().reverse_dict.keys())
    for model, routes in PAGES.items():
        for route in routes:
            if route not in names:
                raise NoReverseMatch(f"{model}: no route named {route!r}")


def test_the_waiting_list_only_shrinks() -> None:
    """A new model gets its pages; it does not join a queue."""
    assert not WAITING
