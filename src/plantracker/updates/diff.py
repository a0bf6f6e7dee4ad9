"""Word-by-word differences between two texts, the way the council's sheet marks them:
removed text struck through, new text in red. Plain functions, no Django."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]
Segment = tuple[Op, str]

_TOKEN = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """Segments that rebuild `old` from the equal and delete parts and `new` from the equal
    and insert parts. Whitespace between changed words stays with the change, so a deleted
    phrase reads as one struck-through run."""
    a, b = tokens(old or ""), tokens(new or "")
    out: list[Segment] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(out, "equal", "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(out, "delete", "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _add(out, "insert", "".join(b[j1:j2]))
    return _absorb_lone_spaces(out)


def _add(out: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


def _absorb_lone_spaces(segments: list[Segment]) -> list[Segment]:
    """A single space left equal between two changes joins the changes on both sides, so
    "the old words" → "some new text" reads as one deletion and one insertion."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        op, text = segments[i]
        between_changes = (
            op == "equal"
            and text.isspace()
            and 0 < i < len(segments) - 1
            and segments[i - 1][0] != "equal"
            and segments[i + 1][0] != "equal"
        )
        if between_changes:
            _add(out, "delete", text)
            _add(out, "insert", text)
        else:
            _add(out, op, text)
        i += 1
    return _group(out)


def _group(segments: list[Segment]) -> list[Segment]:
    """Put every deletion of a changed stretch before its insertions."""
    out: list[Segment] = []
    run: list[Segment] = []
    for seg in [*segments, ("equal", "")]:
        if seg[0] == "equal":
            deleted = "".join(t for op, t in run if op == "delete")
            inserted = "".join(t for op, t in run if op == "insert")
            _add(out, "delete", deleted)
            _add(out, "insert", inserted)
            run = []
            _add(out, "equal", seg[1])
        else:
            run.append(seg)
    return out


def old_text(segments: list[Segment]) -> str:
    return "".join(t for op, t in segments if op != "insert")


def new_text(segments: list[Segment]) -> str:
    return "".join(t for op, t in segments if op != "delete")


def changed(segments: list[Segment]) -> bool:
    return any(op != "equal" for op, _ in segments)
