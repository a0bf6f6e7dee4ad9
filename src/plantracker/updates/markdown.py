"""Update narratives are Markdown. Officers paste formatted text; nothing executable gets
through: markdown-it renders with raw HTML off, then nh3 keeps only harmless tags."""

from __future__ import annotations

from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .diff import Segment, word_diff

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


# The same text as blocks of styled runs, for documents that are not HTML (Word, Excel).


@dataclass(frozen=True)
class Span:
    """A run of text with its styling: bold, italic, code, or a link's address."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, quote or list item. `number` is set for items of a numbered
    list, `level` is the list depth (0 for a paragraph or a top-level item)."""

    kind: str  # "paragraph", "heading", "quote", "bullet" or "number"
    spans: tuple[Span, ...]
    level: int = 0
    number: int | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _spans(children: list[Token]) -> list[Span]:
    out: list[Span] = []
    bold = italic = 0
    href: str | None = None
    for t in children:
        if t.type == "strong_open":
            bold += 1
        elif t.type == "strong_close":
            bold -= 1
        elif t.type == "em_open":
            italic += 1
        elif t.type == "em_close":
            italic -= 1
        elif t.type == "link_open":
            target = str(t.attrs.get("href") or "")
            href = target if target.lower().startswith(_SAFE_SCHEMES) else None
        elif t.type == "link_close":
            href = None
        elif t.type in ("text", "html_inline") and t.content:
            out.append(Span(t.content, bold > 0, italic > 0, False, href))
        elif t.type == "code_inline":
            out.append(Span(t.content, bold > 0, italic > 0, True, href))
        elif t.type in ("softbreak", "hardbreak"):
            out.append(Span("\n" if t.type == "hardbreak" else " ", bold > 0, italic > 0))
    return out


def blocks(text: str | None) -> list[Block]:
    """The text's paragraphs and list items in order, each with its styled runs. Code
    blocks and tables come through as plain paragraphs; nothing is dropped."""
    tokens = _md.parse(text or "")
    out: list[Block] = []
    lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
    quote = 0
    item: tuple[str, int | None] | None = None  # the list item the next paragraph opens
    for t in tokens:
        if t.type == "bullet_list_open":
            lists.append([None])
        elif t.type == "ordered_list_open":
            lists.append([int(t.attrs.get("start") or 1)])
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "list_item_open":
            number = lists[-1][0]
            if number is not None:
                lists[-1][0] = number + 1
            item = ("number" if number is not None else "bullet", number)
        elif t.type == "blockquote_open":
            quote += 1
        elif t.type == "blockquote_close":
            quote -= 1
        elif t.type == "inline":
            spans = tuple(_spans(t.children or []))
            if item is not None:
                out.append(Block(item[0], spans, max(len(lists) - 1, 0), item[1]))
                item = None
            elif lists:
                # A second paragraph of one list item: kept, under the item.
                out.append(Block("paragraph", spans, len(lists)))
            else:
                kind = "heading" if _opens_heading(tokens, t) else "quote" if quote else "paragraph"
                out.append(Block(kind, spans))
        elif t.type in ("fence", "code_block") and t.content.strip():
            out.append(Block("paragraph", (Span(t.content.rstrip("\n"), code=True),)))
    return out


def _opens_heading(tokens: list[Token], inline: Token) -> bool:
    i = tokens.index(inline)
    return i > 0 and tokens[i - 1].type == "heading_open"


def plain(text: str | None) -> str:
    """The text without its markup: paragraphs on their own lines, list items with a
    bullet or their number."""
    lines = []
    for b in blocks(text):
        indent = "  " * b.level
        mark = "• " if b.kind == "bullet" else f"{b.number}. " if b.kind == "number" else ""
        lines.append(f"{indent}{mark}{b.text}")
    return "\n".join(lines)


def plain_diff(segments: list[Segment]) -> list[Segment]:
    """A diff of two Markdown texts redone on their plain text, so the markings never
    show the markup (`**`, a leading `- `): lists keep a bullet or their number."""
    old = "".join(t for op, t in segments if op != "insert")
    new = "".join(t for op, t in segments if op != "delete")
    if not any(mark in old + new for mark in ("*", "_", "`", "[", "#", "\n", "- ", ">")):
        return segments  # plain already: keep the diff as it was made
    return word_diff(plain(old), plain(new))
