"""Officers' Markdown as Excel rich text: bold and italic runs, list items as "• " or "1. "
lines, links as their text with the address. Never the raw markup (`**`, a leading `- `).

A narrative that changed since the last report keeps the tracker's convention on top of
that: new words in red, removed words struck through. The words are compared as the reader
sees them (without the markup), so a bold phrase that was rewritten is red and bold."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from plantracker.updates.diff import Segment, word_diff
from plantracker.updates.markdown import Block, blocks

RED = "FFFF0000"
Style = tuple[bool, bool]  # (bold, italic)
Piece = tuple[str, Style]


def _mark(b: Block) -> str:
    indent = "  " * b.level
    if b.kind == "bullet":
        return f"{indent}• "
    if b.kind == "number":
        return f"{indent}{b.number}. "
    return indent


def pieces(text: str | None) -> list[Piece]:
    """The text as it reads, in styled pieces: one line per paragraph or list item."""
    out: list[Piece] = []
    for i, b in enumerate(blocks(text)):
        if i:
            out.append(("\n", (False, False)))
        if mark := _mark(b):
            out.append((mark, (False, False)))
        heading = b.kind == "heading"
        for s in b.spans:
            style = (s.bold or heading, s.italic or b.kind == "quote")
            out.append((s.text, style))
            if s.href and s.href not in (s.text, f"mailto:{s.text}"):
                out.append((f" ({s.href.removeprefix('mailto:')})", (False, False)))
    return out


def _font(style: Style, op: str = "equal") -> InlineFont:
    bold, italic = style
    return InlineFont(
        b=bold or None,
        i=italic or None,
        color=RED if op == "insert" else None,
        strike=True if op == "delete" else None,
    )


def _runs(parts: list[tuple[str, Style, str]]) -> CellRichText | str:
    """Pieces with their change (equal/insert/delete) as rich text, neighbours of the same
    look joined; plain text when nothing is styled."""
    merged: list[list[Any]] = []
    for text, style, op in parts:
        if not text:
            continue
        if merged and merged[-1][1] == style and merged[-1][2] == op:
            merged[-1][0] += text
        else:
            merged.append([text, style, op])
    if all(style == (False, False) and op == "equal" for _, style, op in merged):
        return "".join(t for t, _, _ in merged)
    return CellRichText([TextBlock(_font(style, op), text) for text, style, op in merged])


def markdown_rich(text: str | None) -> CellRichText | str | None:
    """An officer's text for one cell; None when there is none."""
    found = pieces(text)
    if not found:
        return None
    return _runs([(t, style, "equal") for t, style in found])


def _styles(found: list[Piece]) -> tuple[str, list[Style]]:
    plain = "".join(t for t, _ in found)
    per_char = [style for t, style in found for _ in t]
    return plain, per_char


def _split(text: str, styles: list[Style], op: str) -> list[tuple[str, Style, str]]:
    out: list[tuple[str, Style, str]] = []
    for ch, style in zip(text, styles, strict=True):
        out.append((ch, style, op))
    return out


def diff_rich(segments: list[Segment]) -> CellRichText | str | None:
    """A narrative's change since the last report, read without its markup: removed words
    struck through, new ones in red, bold and italic kept."""
    old = "".join(t for op, t in segments if op != "insert")
    new = "".join(t for op, t in segments if op != "delete")
    old_plain, old_styles = _styles(pieces(old))
    new_plain, new_styles = _styles(pieces(new))
    parts: list[tuple[str, Style, str]] = []
    i = j = 0  # where we are in the old and the new text
    for op, text in word_diff(old_plain, new_plain):
        n = len(text)
        if op == "delete":
            parts += _split(text, old_styles[i : i + n], op)
            i += n
        else:
            parts += _split(text, new_styles[j : j + n], op)
            j += n
            i += n if op == "equal" else 0
    return _runs(parts) if parts else None
