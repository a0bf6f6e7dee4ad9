"""Fixed vocabularies. Each value carries a label and a plain-English meaning so the
interface never relies on colour alone."""

from django.db import models


class Role(models.TextChoices):
    LEAD = "Lead", "Lead"
    ASK = "Ask", "Ask"
    INFLUENCE = "Influence", "Influence"


class Scope(models.TextChoices):
    INTERNAL = "Internal", "Internal"
    EXTERNAL = "External", "External"
    BOTH = "Both", "Both"


class Timescale(models.TextChoices):
    SHORT = "S", "Short (S)"
    SHORT_MEDIUM = "S/M", "Short to medium (S/M)"
    MEDIUM = "M", "Medium (M)"
    MEDIUM_LONG = "M/L", "Medium to long (M/L)"
    LONG = "L", "Long (L)"


class Rating(models.TextChoices):
    """Low / medium / high, used for cost and for carbon saving."""

    LOW = "L", "Low (L)"
    MEDIUM = "M", "Medium (M)"
    HIGH = "H", "High (H)"


class Stage(models.TextChoices):
    DISCOVERY = "Discovery", "Discovery"
    DESIGN = "Design", "Design"
    DELIVERY = "Delivery", "Delivery"
    COMPLETED = "Completed", "Completed"


STAGE_MEANING = {
    Stage.DISCOVERY: "Research, fact finding, gathering evidence.",
    Stage.DESIGN: "Developing techniques and a plan for delivery.",
    Stage.DELIVERY: "Executing the plan agreed at design.",
    Stage.COMPLETED: "The work has been finished.",
}


class RAG(models.TextChoices):
    GREEN = "Green", "Green"
    AMBER = "Amber", "Amber"
    RED = "Red", "Red"


RAG_MEANING = {
    RAG.GREEN: "On track to agreed timelines (may be agreed to start at a later date).",
    RAG.AMBER: "Some delivery off track; further work to complete.",
    RAG.RED: "Significantly off track, or may no longer be possible.",
}

# GOV.UK Frontend tag modifiers; the tag always shows the word as well.
RAG_TAG_CLASS = {
    RAG.GREEN: "govuk-tag--green",
    RAG.AMBER: "govuk-tag--orange",
    RAG.RED: "govuk-tag--red",
    None: "govuk-tag--grey",
}
