"""Update narratives are Markdown. Officers paste formatted text; nothing executable gets
through: markdown-it renders with raw HTML off, then nh3 keeps only harmless tags."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "del", "ins",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}}


def render(text: str) -> str:
    """Safe HTML for a narrative. Headings are shifted down to h3/h4 so an update never
    outranks the page it sits on."""
    html = _md.render(text or "")
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    for level in (5, 6):
        html = html.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
