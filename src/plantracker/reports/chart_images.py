"""Charts drawn to images for documents, from the same Vega-Lite specs as the web."""

from __future__ import annotations

import base64
from typing import Any

import vl_convert

from .charts import fixed_width


def svg(spec: dict[str, Any]) -> str:
    return str(vl_convert.vegalite_to_svg(vl_spec=fixed_width(spec)))


def svg_data_uri(spec: dict[str, Any]) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(spec).encode()).decode()


def png(spec: dict[str, Any], scale: float = 2) -> bytes:
    return bytes(vl_convert.vegalite_to_png(vl_spec=fixed_width(spec), scale=scale))
