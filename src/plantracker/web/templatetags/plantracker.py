from typing import Any

from django import template
from django.utils.html import format_html

from plantracker.plans.vocab import RAG_MEANING, RAG_TAG_CLASS

register = template.Library()


@register.simple_tag
def rag_tag(value: str | None) -> str:
    """RAG as a tag with its word (never colour alone) and its meaning as a title."""
    css = RAG_TAG_CLASS.get(value, RAG_TAG_CLASS[None])
    label = value or "Not known"
    meaning = RAG_MEANING.get(value, "No RAG rating has been given.")  # type: ignore[call-overload]
    return format_html('<strong class="govuk-tag {}" title="{}">{}</strong>', css, meaning, label)


@register.filter
def month(value: object) -> str:
    return value.strftime("%b %Y") if hasattr(value, "strftime") else "Not given"  # type: ignore[union-attr]


@register.filter
def number(value: object) -> str:
    if value is None:
        return "Not scored"
    from decimal import Decimal

    from plantracker.plans.scoring import format_number

    return format_number(Decimal(value))  # type: ignore[arg-type]


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters changed (for sort links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def diff(segments: list[tuple[str, str]] | None, for_pdf: bool = False) -> str:
    """A word diff as <del>/<ins>, each announced in words for screen readers: colour and
    line style are never the only signal. The PDF leaves the hidden words out (a PDF reader
    does not read hidden text, and they slow the layout of long reports)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    out = []
    for op, text in segments or []:
        if op == "equal":
            out.append(escape(text))
            continue
        tag, said = ("ins", "inserted") if op == "insert" else ("del", "deleted")
        if for_pdf:
            out.append(f'<{tag} class="app-{tag}">{escape(text)}</{tag}>')
        else:
            out.append(
                f'<{tag} class="app-{tag}"><span class="app-sr">[{said}: </span>'
                f'{escape(text)}<span class="app-sr">]</span></{tag}>'
            )
    return mark_safe("".join(out))


@register.filter
def ym(value: str | None) -> str:
    """A snapshot month ("2024-09") as "Sep 2024"."""
    from plantracker.reports.plan_data import month_label

    return month_label(value)


@register.filter
def markdown(text: str | None) -> str:
    from django.utils.safestring import mark_safe

    from plantracker.updates.markdown import render

    return mark_safe(render(text or ""))


@register.filter
def isoday(value: str | None) -> str:
    """'2024-02-01' → '1 February 2024'; anything else as it is."""
    from plantracker.reports.plan_data import day_label

    return day_label(value)


@register.filter
def update_label(report: Any, action: dict[str, Any]) -> str:
    """{{ r|update_label:a }}: "No update this period — last reported …" or nothing."""
    return report.update_label(action)  # type: ignore[no-any-return]


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """{{ observations|get_item:label }}."""
    return mapping.get(key)


@register.filter
def tonnes(value: object, places: int = 0) -> str:
    """12700 → '12,700'; None → '–'; with places, 3539.6009 → '3,539.6' (places=1)."""
    if value is None or value == "":
        return "–"
    rounded = round(float(value), int(places)) or 0.0  # type: ignore[arg-type]
    return f"{rounded:,.{int(places)}f}"


@register.filter
def person(user: Any) -> str:
    """{{ event.actor|person }}: the name, or 'a former user' when the account is gone."""
    from plantracker.updates.selectors import person_name

    return person_name(user)


@register.filter
def written_by(update: Any) -> str:
    """{{ update|written_by }}: the author, 'a former user' or 'imported from a spreadsheet'."""
    from plantracker.updates.selectors import update_written_by

    return update_written_by(update)


@register.filter
def review_overdue(risk: Any, today: Any) -> bool:
    """An open risk whose review date is before `today`."""
    return bool(today) and risk.review_overdue(today)  # type: ignore[no-any-return]
