"""Normalising the values councils type into their sheets.

Pure functions, no Django. Each normaliser returns a `Normalised`: the canonical value and,
when the cell needed more than trimming, a note saying what was changed, so the import can
report it as a finding with the original shown. A value that cannot be understood raises
`Unreadable` with a message saying what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from plantracker.core import strict

# Cyrillic and Greek letters that look like Latin ones (and Cyrillic Ze, which looks like 3).
LOOKALIKES = str.maketrans(
    {
        # Cyrillic capitals
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
        "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "З": "3",
        # Cyrillic small letters
        "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "ѕ": "s",
        "х": "x", "у": "y", "м": "m", "к": "k", "н": "h", "т": "t", "в": "b", "з": "3",
        # Greek capitals
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        # Greek small letters
        "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip

SPACES = re.compile(r"\s+")


class Unreadable(ValueError):
    """A value that cannot be understood; the message says what was expected."""


@dataclass(frozen=True)
class Normalised:
    value: object
    note: str = ""


def clean(text: object) -> str:
    """Trim, turn non-breaking and other odd spaces into plain ones, collapse runs."""
    if text is None:
        return ""
    s = SPACES.sub(" ", unicodedata.normalize("NFKC", str(text)).replace("\u200b", "")).strip()
    # A leading apostrophe marks typed text in Excel and in our csv exports ('=...): drop it.
    return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@") else s


def clean_text(text: object) -> str:
    """clean() for an update's text, which may run over several lines: each line cleaned,
    the line breaks kept (CR LF and CR written as LF), blank lines at either end dropped."""
    if text is None:
        return ""
    lines = [clean(line) for line in re.split(r"\r\n|\r|\n", str(text))]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def delookalike(text: str) -> str:
    return text.translate(LOOKALIKES)


def _note(original: str, value: object, why: str) -> str:
    return f"{why}: {original!r} read as {value!r}"


def _lookalike_reason(original: str) -> str:
    if delookalike(original) != original:
        return "Cyrillic or Greek look-alike letters"
    return ""


def _vocab(raw: object, table: dict[str, str], expected: str) -> Normalised:
    text = clean(raw)
    if not text:
        return Normalised(None)
    latin = delookalike(text)
    key = latin.lower().replace(" ", "")
    if key not in table:
        raise Unreadable(f"{text!r} is not one of {expected}")
    value = table[key]
    if text == value:
        return Normalised(value)
    reasons = [r for r in (_lookalike_reason(text),) if r]
    if not reasons:
        reasons.append("written differently")
    return Normalised(value, _note(text, value, " and ".join(reasons)))


ROLE_WORDS = {"lead": "Lead", "ask": "Ask", "influence": "Influence"}
SCOPE_WORDS = {"internal": "Internal", "external": "External", "both": "Both"}
STAGE_WORDS = {
    "discovery": "Discovery", "indiscovery": "Discovery",
    "design": "Design", "indesign": "Design",
    "delivery": "Delivery", "indelivery": "Delivery",
    "completed": "Completed", "complete": "Completed", "competed": "Completed",
    "done": "Completed", "finished": "Completed",
}  # fmt: skip
RAG_WORDS = {
    "green": "Green", "g": "Green",
    "amber": "Amber", "a": "Amber", "orange": "Amber",
    "red": "Red", "r": "Red",
}  # fmt: skip

# Letters typed for L / M / H ratings and S / M / L timescales. "I" (capital i) and "1"
# stand in for "L" in the seed sheet.
_BAND_LETTER = {"s": "S", "m": "M", "l": "L", "h": "H", "i": "L", "1": "L"}
_BAND_WORDS = {"short": "S", "medium": "M", "long": "L", "low": "L", "high": "H", "med": "M"}


def role(raw: object) -> Normalised:
    return _vocab(raw, ROLE_WORDS, "Lead, Ask or Influence")


def scope(raw: object) -> Normalised:
    return _vocab(raw, SCOPE_WORDS, "Internal, External or Both")


def stage(raw: object) -> Normalised:
    return _vocab(raw, STAGE_WORDS, "Discovery, Design, Delivery or Completed")


def rag(raw: object) -> Normalised:
    return _vocab(raw, RAG_WORDS, "Green, Amber or Red (or empty when not known)")


def _band(part: str) -> str | None:
    low = part.lower()
    return _BAND_WORDS.get(low) or _BAND_LETTER.get(low)


def _reasons(text: str, value: str) -> str:
    latin = delookalike(text)
    reasons = []
    if latin != text:
        reasons.append("Cyrillic or Greek look-alike letters")
    if re.search(r"[Ii1]", latin) and "L" in value:
        reasons.append("'I' typed for 'L'")
    if any(c.islower() for c in latin):
        reasons.append("lower case")
    return " and ".join(reasons) or "written differently"


def timescale(raw: object) -> Normalised:
    """S, M, L, or a range S/M, M/L (also 'S-M', 'Short/Medium')."""
    text = clean(raw)
    if not text:
        return Normalised(None)
    latin = delookalike(text)
    parts = [p for p in re.split(r"\s*[/\-–]\s*|\s+to\s+", latin) if p]
    bands = [_band(p) for p in parts]
    value = "/".join(b for b in bands if b)
    if None in bands or value not in {"S", "M", "L", "S/M", "M/L"}:
        raise Unreadable(f"{text!r} is not a timescale: use S, M, L, S/M or M/L")
    if text == value:
        return Normalised(value)
    return Normalised(value, _note(text, value, _reasons(text, value)))


def rating(raw: object) -> Normalised:
    """L, M or H (cost to the council, carbon saving)."""
    text = clean(raw)
    if not text:
        return Normalised(None)
    value = _band(delookalike(text))
    if value not in {"L", "M", "H"}:
        raise Unreadable(f"{text!r} is not a rating: use L, M or H")
    if text == value:
        return Normalised(value)
    return Normalised(value, _note(text, value, _reasons(text, value)))


def reference(raw: object) -> Normalised:
    text = clean(raw)
    if not text:
        return Normalised(None)
    value = delookalike(text).replace(" ", "")
    if len(value) > 30:
        raise Unreadable(f"{text!r} is too long for a reference (30 characters at most)")
    if value == text:
        return Normalised(value)
    return Normalised(value, _note(text, value, _lookalike_reason(text) or "spaces removed"))


REF_PATTERN = re.compile(r"^[A-Za-z]{0,6}[-_.]?\d+[A-Za-z0-9.\-_]*$")


def looks_like_reference(raw: object) -> bool:
    text = clean(raw)
    return bool(text) and bool(REF_PATTERN.match(delookalike(text).replace(" ", "")))


OBJECTIVE_CODE = re.compile(r"^(?:[A-Z]{1,2}\d{1,3}|\d{1,3}(?:\.\d{1,3})?|All)$")


@dataclass(frozen=True)
class ObjectiveCodes:
    codes: tuple[str, ...]
    duplicates: tuple[str, ...]
    malformed: tuple[str, ...]
    note: str = ""


def objective_codes(raw: object) -> ObjectiveCodes:
    """'A1, A2, E1, E1' → (A1, A2, E1) with E1 reported as a duplicate."""
    text = clean(raw)
    if not text:
        return ObjectiveCodes((), (), ())
    latin = delookalike(text)
    codes: list[str] = []
    duplicates: list[str] = []
    malformed: list[str] = []
    for part in re.split(r"[,;]\s*|\s+and\s+|\s+", latin):
        if not part:
            continue
        code = "All" if part.lower() == "all" else part.upper()
        if not OBJECTIVE_CODE.match(code):
            malformed.append(part)
            continue
        if code in codes:
            duplicates.append(code)
        else:
            codes.append(code)
    note = _note(text, ", ".join(codes), _lookalike_reason(text)) if latin != text else ""
    return ObjectiveCodes(tuple(codes), tuple(duplicates), tuple(malformed), note)


def partners(raw: object) -> list[str]:
    """Split on commas, semicolons, line breaks and ' / '. Text with none of these is kept
    whole: the seed's 'Who may be involved' cells lost their line breaks on export, and
    guessing where one partner ends and the next begins would invent data."""
    text = "" if raw is None else str(raw)
    parts = re.split(r"[,;\n]|\s/\s", text)
    seen: list[str] = []
    for p in parts:
        name = clean(p)
        if name and name not in seen:
            seen.append(name)
    return seen


def score(raw: object) -> Normalised:
    text = clean(raw)
    if not text:
        return Normalised(None)
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise Unreadable(f"{text!r} is not a number") from None
    if not value.is_finite() or value < 0 or value.adjusted() >= 6:
        raise Unreadable(f"{text!r} is not a score (a number of zero or more)")
    return Normalised(value)


def tonnes(raw: object) -> Normalised:
    text = clean(raw).replace(",", "")
    if not text:
        return Normalised(None)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Unreadable(f"{text!r} is not a number of tonnes") from None
    if not value.is_finite() or value.adjusted() >= 10:
        raise Unreadable(f"{text!r} is not a number of tonnes")
    return Normalised(value)


MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip


def _year(text: str) -> int:
    """'20' is 2020; four digits are read as written, and must be from 1900 to 2100."""
    return 2000 + int(text) if len(text) == 2 else strict.year(text)


def month(raw: object) -> Normalised:
    """A month: 'Apr-20', 'April 2020', '2020-04', '04/2020', or a date. Day is dropped.
    Digits are 0–9 only; a year outside 1900–2100 ('0000-01') is Unreadable too."""
    if isinstance(raw, date):  # a datetime is a date too
        year, mon, shown = raw.year, raw.month, raw.isoformat()[:10]
    else:
        shown = clean(raw)
        if not shown:
            return Normalised(None)
        year, mon = _month_parts(shown)
    try:
        return Normalised(date(strict.check_year(year), mon, 1))
    except strict.NotValid as exc:
        raise Unreadable(f"{exc} (in {shown!r})") from None


def _month_parts(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Za-z]+)[\s\-/.']*([0-9]{2}|[0-9]{4})", text)
    if m and m.group(1).lower() in MONTHS:
        return _strict_year(m.group(2), text), MONTHS[m.group(1).lower()]
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})(?:-[0-9]{1,2})?(?:[ T].*)?", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return _strict_year(m.group(1), text), int(m.group(2))
    m = re.fullmatch(r"(?:[0-9]{1,2}/)?([0-9]{1,2})/([0-9]{4}|[0-9]{2})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return _strict_year(m.group(2), text), int(m.group(1))
    raise Unreadable(f"{text!r} is not a month: write it like Apr-20, April 2020 or 2020-04")


def _strict_year(digits: str, text: str) -> int:
    try:
        return _year(digits)
    except strict.NotValid as exc:
        raise Unreadable(f"{exc} (in {text!r})") from None


def join_split_heading(parts: list[str]) -> Normalised:
    """A heading split over two cells: 'Enabling Acti' + 'ion' → 'Enabling Action'.

    When the second part starts in lower case it continues the word; letters repeated
    across the cut ('…Acti' / 'ion') are taken once."""
    cleaned = [clean(p) for p in parts if clean(p)]
    if not cleaned:
        return Normalised("")
    text = cleaned[0]
    for nxt in cleaned[1:]:
        if text[-1:].isalpha() and nxt[:1].islower():
            overlap = max(
                (k for k in range(1, min(len(text), len(nxt)) + 1) if text.endswith(nxt[:k])),
                default=0,
            )
            text += nxt[overlap:]
        else:
            text += " " + nxt
    if len(cleaned) > 1:
        original = " | ".join(cleaned)
        return Normalised(text, f"heading split over cells: {original!r} read as {text!r}")
    return Normalised(text)


# What a lone cell holds when it is not a heading: a letter ("a", "B"), a number or a page
# number ("12", "3."), a code ("T-3", "EN1"), a roman numeral ("iv") or a placeholder.
_LONE_CODE = re.compile(
    r"[A-Za-z]{0,4}[-./ ]?\d+(?:[-./]\d+)*[A-Za-z]?[.)]?|[A-Za-z][.)]?|[ivxIVX]{1,4}[.)]?"
)
_PLACEHOLDERS = {"n/a", "na", "tbc", "tbd", "none", "nil", "ditto", "see above"}
_WORD = re.compile(r"[^\W\d_]{3,}")


def reads_like_heading(text: object) -> bool:
    """Could this lone cell be a theme heading? Words ("Transport and travel",
    "3. Buildings", "Air quality") are; a letter, a number, a code or a placeholder
    ("a", "B", "12", "T-3", "EN1", "n/a") are not. A heading has a word of three or more
    letters and is not a code."""
    s = clean(text)
    if not s or s.lower() in _PLACEHOLDERS:
        return False
    if _LONE_CODE.fullmatch(delookalike(s)):
        return False
    return bool(_WORD.search(s))


def long_text(raw: object) -> str:
    """Free text such as a success measure: spaces tidied on each line, the lines kept."""
    if raw is None:
        return ""
    lines = [clean(line) for line in str(raw).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def rag_from_fill(rgb: str | None) -> str | None:
    """Red, Amber or Green from a cell's fill colour (hex 'RRGGBB' or 'AARRGGBB')."""
    if not rgb:
        return None
    hexpart = rgb[-6:]
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", hexpart):
        return None
    r, g, b = (int(hexpart[i : i + 2], 16) for i in (0, 2, 4))
    if max(r, g, b) - min(r, g, b) < 60:  # greys, white, black: not a RAG colour
        return None
    if g > r and g > b:
        return "Green"
    if r > b and g >= 0.45 * r:
        return "Amber"
    if r > g and r > b:
        return "Red"
    return None
