"""The demo's reporting cycle: the Communities plan's March 2024 report, written and
published as a council would take it to committee, and June 2024 open for updates.

The council's own text is illustrative; the updates continue the December 2023 tracker's
(the SHIRE grants scheme closing at the end of 2023/24 is in that tracker). Most actions get
no March update, as in a real quarter: the report says so for each of them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from plantracker.plans.models import Plan
from plantracker.updates import services

from .sample import ORGANISATION, SAMPLE_PLANS

COMMITTEES = (
    "Environment and Climate Change Overview and Scrutiny Committee\nScrutiny Commission\nCabinet"
)
PLAN_TEXT: dict[str, Any] = {
    "legal": "There are no legal implications arising from this report.",
    "equality": (
        "An Equality and Human Rights Impact Assessment of the Net Zero Action Plan found that "
        "it is likely to have a positive impact overall. Individual projects are assessed as "
        "they are developed."
    ),
    "environmental": (
        "The actions in the plan reduce greenhouse gas emissions in Leicestershire and help "
        "communities adapt to a changing climate."
    ),
    "contacts": [
        {"name": "Climate Action Team", "role": "Environment and Transport Department",
         "phone": "0116 000 0000", "email": "climate.action@example.gov.uk"},
    ],
}  # fmt: skip
MARCH_TEXT: dict[str, Any] = {
    "agenda_item": "Item 6",
    "purpose": (
        "To update the Committee on progress with the **Communities** theme of the Net Zero "
        "Action Plan for the quarter to March 2024."
    ),
    "recommendations": (
        "That the Committee:\n"
        "notes the progress made with the Communities actions\n"
        "comments on the closure of the SHIRE Environment Grants programme (action C13) and "
        "the proposals for a replacement\n"
        "asks for the next report in June 2024"
    ),
    "background": (
        "The Net Zero Action Plan sets out what the County Council will do, and what it will "
        "ask and influence others to do, to reach net zero across Leicestershire. Its "
        "Communities theme covers engagement with residents, businesses and community groups "
        "and the support the Council gives to community action."
    ),
    "resources": (
        "The actions are delivered within existing budgets, except:\n\n"
        "- **C13**: the SHIRE Environment Grants programme has closed; a replacement would "
        "need new funding\n"
        "- **C5**: the information campaign depends on the staff available to deliver it"
    ),
    "risk": (
        "Delivery of several actions depends on staff resources and on partners' commitment. "
        "Actions at risk are rated Red or Amber and listed under Exceptions."
    ),
    "consultation": "The action owners in each department have provided the updates.",
    "background_papers": (
        "- Net Zero Action Plan: Communities, December 2023 update\n"
        "- Report to this Committee on the December 2023 update"
    ),
    "appendices": "Appendix – every action with its update (at the end of this report)",
}
UPDATES = {
    "C13": (
        "The SHIRE environment grants scheme concluded at the end of 2023/24, following a "
        "decision by the Council. No further rounds will be run.\n\n"
        "Options for supporting community action in future are being drawn up for Cabinet.",
        "Red",
        "The scheme has closed, so this action can no longer be delivered as written.",
    ),
    "C1": (
        "The Pact has now been supported by **31 organisations**, four more than in December. "
        "A pledge event for businesses is planned for the summer.",
        "Green",
        "",
    ),
    "C5": (
        "Research into residents' information needs continues. The campaign's first stage "
        "depends on:\n\n- the staff resources available\n- the outcome of the engagement plan "
        "(C2)",
        "Amber",
        "Delivery depends on staff resources that are not yet secured.",
    ),
}


def demo_cycle() -> list[str]:
    """The council's look, the plan's report text, March 2024 published, June 2024 open.
    Does nothing (and says nothing) when March 2024 exists already."""
    plan = Plan.objects.select_related("organisation").get(slug=SAMPLE_PLANS[0].slug)
    if plan.periods.filter(label="March 2024").exists():
        return []
    users = get_user_model().objects
    editor = users.filter(username="editor").first()
    approver = users.filter(username="approver").first()
    if editor is None or approver is None:
        return []  # the demo's people were removed: leave the data as it is
    org = plan.organisation
    assert org.name == ORGANISATION
    org.committees = org.committees or COMMITTEES
    org.save(update_fields=["committees"])
    services.plan_report_defaults_save(plan=plan, user=editor, text=PLAN_TEXT)
    march = services.period_create(plan=plan, user=editor, label="March 2024",
                                   due=date(2024, 3, 15))  # fmt: skip
    march = services.period_report_save(
        period=march, user=editor, text=MARCH_TEXT,
        meeting=COMMITTEES.splitlines()[0], meeting_date=date(2024, 4, 10),
        report_of="Director of Environment and Transport",
    )  # fmt: skip
    for ref, (narrative, rag, reason) in UPDATES.items():
        update = services.update_write(
            action=plan.actions.get(ref=ref), period=march, user=editor,
            data=services.UpdateInput(narrative=narrative, rag=rag, rag_reason=reason),
            version=0, submit=True,
        )  # fmt: skip
        services.update_review(update=update, user=approver, approve=True,
                               version=update.version)  # fmt: skip
    services.period_close(period=march, user=approver)
    services.period_publish(period=march, user=approver)
    services.period_create(plan=plan, user=editor, label="June 2024", due=date(2024, 6, 14))
    return [
        f"Published March 2024 for {plan.title} ({len(UPDATES)} updates; its committee "
        "report is on the period's page). June 2024 is open for updates."
    ]
