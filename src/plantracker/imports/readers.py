"""Reading files into rows of cells: csv, tsv, tab-separated txt exports, xlsx.

Every row keeps its number in the file so problems can name it. Cells keep their fill
colour (xlsx) because councils colour a RAG cell instead of typing in it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from . import limits, messages


@dataclass(frozen=True)
class Cell:
    value: object
    fill: str | None = None

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value)


@dataclass
class Row:
    number: int
    cells: list[Cell]

    def text(self, index: int) -> str:
        return self.cells[index].text if index < len(self.cells) else ""

    def cell(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else Cell(None)


@dataclass
class Sheet:
    source: str
    name: str
    rows: list[Row]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


class ReadError(Exception):
    """The file cannot be read at all; the message names the file and what to do."""


TEXT_SUFFIXES = {".txt", ".tsv", ".tab", ".csv"}
# What opening or reading a workbook raises when the file is not a sound one: ValueError covers
# defusedxml's refusals (entity expansion, external references); SyntaxError is XML that does
# not parse.
XLSX_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError)
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


def read(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> list[Sheet]:
    """Read a file into sheets. Text files give one sheet; xlsx gives the named sheet (or
    all visible sheets, the first being the action table)."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise ReadError(messages.FILE_NOT_FOUND.format(file=path))
    if problem := limits.file_problem(path):
        raise ReadError(problem)
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path, sheet=sheet)
    if suffix in TEXT_SUFFIXES:
        return [read_text(path, encoding=encoding)]
    raise ReadError(messages.FILE_TYPE.format(file=path.name, suffix=suffix or "(none)"))


def decode(data: bytes, *, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Bytes to text. UTF-8 with or without BOM first, then Windows-1252, then detection."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ReadError(
                messages.ENCODING_UNKNOWN.format(file=name, encoding=encoding)
            ) from None
        except UnicodeDecodeError as exc:
            raise ReadError(
                messages.ENCODING_WRONG.format(file=name, encoding=encoding, position=exc.start)
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    guess = best.encoding if best else None
    # Councils' non-UTF-8 files are nearly always Windows-1252 (a superset of ISO-8859-1
    # for printable text); prefer it over rarer code pages the detector may suggest.
    for candidate in ("cp1252", guess, "latin-1"):
        if not candidate:
            continue
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    raise ReadError(messages.ENCODING_UNDETECTED.format(file=name))  # pragma: no cover


def read_text(path: Path, *, encoding: str | None = None) -> Sheet:
    text, used = decode(path.read_bytes(), name=path.name, encoding=encoding)
    # NUL never belongs in a spreadsheet's text (Excel cannot hold it, PostgreSQL cannot
    # store it); a file carrying one is read as if it were not there.
    text = text.replace("\x00", "")
    lines = lines_of(text)
    delimiter = _delimiter(path, lines)
    if delimiter == "\t":
        records = _tab_records(text, lines)
    else:
        records = _csv_records(text, delimiter, name=path.name)
    # A row's number is the row Excel shows: records counted, not lines, since a quoted
    # cell may hold line breaks.
    rows = [Row(n, [Cell(c) for c in record]) for n, record in enumerate(records, start=1)]
    return Sheet(source=path.name, name=path.stem, rows=rows, encoding=used)


def lines_of(text: str) -> list[str]:
    """Lines as Excel counts them: broken only by CR LF, LF or CR (str.splitlines also
    breaks at form feeds, U+2028 and other characters a cell may hold)."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _csv_records(text: str, delimiter: str, *, name: str) -> list[list[str]]:
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            records.append(record)
    except csv.Error as exc:
        raise ReadError(
            messages.CSV_BROKEN.format(file=name, row=len(records) + 1, error=exc)
        ) from None
    return records


def _tab_records(text: str, lines: list[str]) -> list[list[str]]:
    """Tab-separated text, one row a line, cells as they are (quotes kept), unless a quoted
    cell holds a line break: then the file is read as Excel reads it, quotes and all."""
    plain = [line.split("\t") for line in lines]
    if '"' not in text:
        return plain
    try:
        quoted = [r or [""] for r in csv.reader(io.StringIO(text, newline=""), delimiter="\t")]
    except csv.Error:
        return plain
    return plain if len(quoted) == len(plain) else quoted


def _delimiter(path: Path, lines: list[str]) -> str:
    sample = [line for line in lines[:50] if line.strip()]
    tabs = sum(line.count("\t") for line in sample)
    if path.suffix.lower() in {".tsv", ".tab", ".txt"} or tabs > len(sample):
        return "\t"
    try:
        return csv.Sniffer().sniff("\n".join(sample[:20]), delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_xlsx(path: Path, *, sheet: str | None = None) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        # openpyxl's fast read-only mode flattens rich text; struck-through text (removed,
        # by the tracker's convention) needs the full reader, so use it only then.
        struck = _has_struck_text(path)
        wb = load_workbook(path, read_only=not struck, data_only=True, rich_text=struck)
    except XLSX_ERRORS as exc:
        raise ReadError(messages.XLSX_BROKEN.format(file=path.name, error=exc)) from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise ReadError(
                    messages.SHEET_MISSING.format(
                        file=path.name, sheet=sheet, sheets=", ".join(wb.sheetnames)
                    )
                )
            names = [sheet]
        else:
            names = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
        sheets = []
        for name in names:
            ws = wb[name]
            rows = []
            try:  # read-only mode parses each sheet's XML only now
                for cells in ws.iter_rows():
                    n = _row_number(cells, rows[-1].number if rows else 0)
                    rows.append(Row(n, [Cell(_value(c.value), _fill(c)) for c in cells]))
            except XLSX_ERRORS as exc:
                raise ReadError(
                    messages.XLSX_BROKEN.format(file=f"{path.name} [{name}]", error=exc)
                ) from None
            sheets.append(Sheet(source=f"{path.name} [{name}]", name=name, rows=rows))
        return sheets
    finally:
        wb.close()


def _row_number(cells: tuple[object, ...], previous: int) -> int:
    """The row's number as the sheet gives it (the row Excel shows), whatever gaps or
    missing rows the file's XML has; the next number when no cell says (an empty row)."""
    for cell in cells:
        number = getattr(cell, "row", None)
        if isinstance(number, int):
            return number
    return previous + 1


def _has_struck_text(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml")]
            strings = [n for n in names if n == "xl/sharedStrings.xml" or "/worksheets/" in n]
            return any(b"<strike" in z.read(n) or b":strike" in z.read(n) for n in strings)
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


# Excel writes characters XML cannot hold (a carriage return, other control characters) as
# _xHHHH_, and a literal "_x" that would read as one as _x005F_x; openpyxl leaves them as they
# are, so "_x000D_" would reach the plan. One pass, left to right, undoes both.
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """'One._x000D_\nTwo.' → 'One.\r\nTwo.'; '_x005F_x0041_' → '_x0041_'."""
    if "_x" not in text:
        return text
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _value(value: object) -> object:
    """Rich text as the council's tracker means it: struck-through runs are text that was
    removed (the sheet's own convention), so only the rest is read."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    if isinstance(value, str):
        return unescape(value)
    if not isinstance(value, CellRichText):
        return value
    kept = []
    for part in value:
        if isinstance(part, TextBlock):
            if not part.font.strike:
                kept.append(part.text)
        else:
            kept.append(str(part))
    return unescape("".join(kept))


def _fill(cell: object) -> str | None:
    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return None
    colour = getattr(fill, "fgColor", None)
    rgb = getattr(colour, "rgb", None)
    return rgb if isinstance(rgb, str) else None
