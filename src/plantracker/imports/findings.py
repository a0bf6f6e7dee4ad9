"""A finding made while reading a file: kept, reported, never silently fixed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ParsedFinding:
    ref: str
    field: str
    kind: str
    message: str
    original: str
    source: str
