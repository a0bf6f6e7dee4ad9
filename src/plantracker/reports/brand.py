"""The council's look on its reports: the name it goes by and its logo, from the
organisation's settings. Every format of the committee report takes it from here."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Brand:
    name: str
    logo: bytes | None = None  # the uploaded file as it is: PNG or SVG
    logo_is_svg: bool = False

    @property
    def alt(self) -> str:
        """For Word and Excel. The web page and PDF say "Council logo" (typed text never goes
        into an HTML attribute: tests/web/test_hostile_input.py), with the name beside it."""
        return f"{self.name} logo"

    @cached_property
    def logo_png(self) -> bytes | None:
        """The logo as PNG, for Word and Excel (an SVG is drawn at twice its size)."""
        if self.logo is None:
            return None
        if not self.logo_is_svg:
            return self.logo
        import vl_convert

        return bytes(vl_convert.svg_to_png(self.logo.decode("utf-8"), scale=2))

    @property
    def logo_png_data_uri(self) -> str | None:
        """The logo as a picture for the PDF: an SVG's own text would otherwise be read as
        the first words of the document."""
        png = self.logo_png
        return None if png is None else f"data:image/png;base64,{base64.b64encode(png).decode()}"

    @property
    def logo_data_uri(self) -> str | None:
        """The logo for HTML and PDF, as it was uploaded."""
        if self.logo is None:
            return None
        kind = "image/svg+xml" if self.logo_is_svg else "image/png"
        return f"data:{kind};base64,{base64.b64encode(self.logo).decode()}"


def brand_for(organisation: Any) -> Brand:
    """The organisation's name on reports and its logo (read from file storage once)."""
    logo = None
    if organisation.logo:
        try:
            with organisation.logo.open("rb") as f:
                logo = f.read()
        except OSError:
            logo = None  # a logo lost from storage: the report goes out without it
    is_svg = bool(organisation.logo) and organisation.logo.name.lower().endswith(".svg")
    return Brand(organisation.name_on_reports, logo, is_svg)
