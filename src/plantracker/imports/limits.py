"""What a file must be before an import reads it: not too big, and for a workbook not a zip
bomb. Entity expansion in a workbook's XML is refused by defusedxml, which openpyxl uses
whenever it is installed (it is one of our dependencies).

Each check returns what is wrong in words for the officer, or None; the importers raise it as
their own error type so the message reaches the screen the same way as any other."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.conf import settings

from . import messages

# Compressed XML in a real workbook expands 5–20 times; a zip bomb thousands of times.
MAX_RATIO = 100
MAX_MEMBERS = 10_000


def max_bytes() -> int:
    return int(settings.PLANTRACKER_MAX_IMPORT_MB * 1024 * 1024)


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def file_problem(path: Path) -> str | None:
    """None when the file may be read; otherwise why not and what to do."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return messages.FILE_NOT_FOUND.format(file=path)
    if size > max_bytes():
        return (
            f"{path.name}: the file is {_megabytes(size)}; imports take files up to "
            f"{_megabytes(max_bytes())}. Split it, or raise PLANTRACKER_MAX_IMPORT_MB."
        )
    if path.suffix.lower() in {".xlsx", ".xlsm"} and zipfile.is_zipfile(path):
        return _zip_problem(path)
    return None


def _zip_problem(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        return f"{path.name}: cannot be opened as an Excel workbook ({exc}). Re-save it as .xlsx."
    if len(members) > MAX_MEMBERS:
        return (
            f"{path.name}: the workbook holds {len(members):,} parts, more than any real "
            "spreadsheet. Re-save it from Excel as .xlsx."
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > 20 * max_bytes():
        return (
            f"{path.name}: the workbook unpacks to {_megabytes(unpacked)}, too much to read. "
            "Split it into smaller workbooks."
        )
    for m in members:
        ratio = m.file_size // max(m.compress_size, 1)
        if m.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            return (
                f"{path.name}: part {m.filename} unpacks {ratio:,} "
                "times its packed size, which real spreadsheets never do. The file is refused; "
                "re-save it from Excel as .xlsx."
            )
    return None
