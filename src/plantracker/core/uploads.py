"""Checks on the files an organisation uploads for its reports: its logo (PNG or SVG) and
its Word template (.docx or .dotx). Plain functions of the file's name and bytes: each says
what kind of file it accepted, or raises Refused with a message for the person who sent it.
A hostile file (a script in an SVG, an entity bomb, a zip bomb, a giant image) is refused
with a message, never a traceback."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from xml.etree.ElementTree import Element

LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_SIDE = 5000  # pixels, either way
LOGO_MAX_PIXELS = 16_000_000
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
TEMPLATE_MAX_UNZIPPED = 50 * 1024 * 1024
TEMPLATE_MAX_PARTS = 2000

LOGO_KINDS = (".png", ".svg")
TEMPLATE_KINDS = (".docx", ".dotx")
SVG_NS = "http://www.w3.org/2000/svg"

LOGO_WHAT_TO_DO = "Save the logo as PNG, or as SVG without scripts or links."
LOGO_NOT_IMAGE = "The logo must be a PNG or SVG file."
LOGO_BAD_PNG = "This file is not a PNG image that can be read. " + LOGO_WHAT_TO_DO
LOGO_BAD_SVG = "This SVG file cannot be read as a drawing. " + LOGO_WHAT_TO_DO
LOGO_UNSAFE_SVG = "This SVG file has scripts, links or embedded content. " + LOGO_WHAT_TO_DO
LOGO_TOO_BIG = "Save it at a smaller size, or as SVG."
TEMPLATE_TOO_BIG = "Take the pictures out of it and save it again."
TEMPLATE_NOT_WORD = "The Word template must be a Word document (.docx) or template (.dotx)."
TEMPLATE_BAD = (
    "This file is not a Word document that can be read. Save it from Word as a Word "
    "Document (.docx) or Word Template (.dotx) and upload that."
)

# Elements that run or embed something; attributes naming an address.
_UNSAFE_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_LINK_ATTRS = {"href", "src"}
_SAFE_TARGETS = ("#", "data:image/")
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)


class Refused(ValueError):
    """The file cannot be used; the message says why and what to do."""


def size_text(n: int) -> str:
    """A file's size as people read it: 700 KB, 5.2 MB."""
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def check_size(what: str, size: int, limit: int, advice: str) -> None:
    """Refuse a file over its limit, saying its size and the limit."""
    if size > limit:
        raise Refused(f"{what} is {size_text(size)}: it must be {size_text(limit)} or smaller. "
                      f"{advice}")  # fmt: skip


def _ending(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_logo(name: str, data: bytes) -> str:
    """The logo's kind, "png" or "svg", when it is safe to put on every report."""
    kind = _ending(name)
    if kind not in LOGO_KINDS:
        raise Refused(LOGO_NOT_IMAGE)
    check_size("The logo", len(data), LOGO_MAX_BYTES, LOGO_TOO_BIG)
    if kind == ".png":
        _check_png(data)
        return "png"
    _check_svg(data)
    return "svg"


def _check_png(data: bytes) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != "PNG":
                    raise Refused(LOGO_BAD_PNG)
                width, height = image.size
                if max(width, height) > LOGO_MAX_SIDE or width * height > LOGO_MAX_PIXELS:
                    raise Refused(
                        f"The logo is {width} × {height} pixels: it must be at most "
                        f"{LOGO_MAX_SIDE} pixels each way. Save it smaller."
                    )
                image.verify()
    except Refused:
        raise
    except Exception:  # Pillow raises many kinds on a broken or hostile file
        raise Refused(LOGO_BAD_PNG) from None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _check_svg(data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise Refused(LOGO_UNSAFE_SVG) from None
    except Exception:  # not XML at all, or not well formed
        raise Refused(LOGO_BAD_SVG) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise Refused(LOGO_BAD_SVG)
    for element in root.iter():
        if not _element_safe(element):
            raise Refused(LOGO_UNSAFE_SVG)


def _target_safe(target: str) -> bool:
    return target.strip().lower().startswith(_SAFE_TARGETS)


def _text_safe(text: str) -> bool:
    lowered = text.lower()
    if "javascript:" in lowered or "@import" in lowered:
        return False
    return all(_target_safe(t) for t in _URL.findall(text) if t)


def _element_safe(element: Element) -> bool:
    if not isinstance(element.tag, str) or _local(element.tag) in _UNSAFE_TAGS:
        return False
    for attr, value in element.attrib.items():
        name = _local(attr)
        if name.startswith("on"):
            return False
        if name in _LINK_ATTRS and not _target_safe(value):
            return False
        if name == "attributename" and (value.lower().startswith("on") or "href" in value):
            return False  # <set>/<animate> writing a link or an event handler
        if not _text_safe(value):
            return False
    return _text_safe(element.text or "")


def check_word_template(name: str, data: bytes) -> str:
    """The template's kind, "docx" or "dotx", when it is a Word file whose styles a
    report can use: a zip holding word/document.xml and word/styles.xml."""
    kind = _ending(name)
    if kind not in TEMPLATE_KINDS:
        raise Refused(TEMPLATE_NOT_WORD)
    check_size("The Word template", len(data), TEMPLATE_MAX_BYTES, TEMPLATE_TOO_BIG)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = z.infolist()
            names = {p.filename for p in parts}
            if (
                len(parts) > TEMPLATE_MAX_PARTS
                or sum(p.file_size for p in parts) > TEMPLATE_MAX_UNZIPPED
                or not {"word/document.xml", "word/styles.xml", "[Content_Types].xml"} <= names
            ):
                raise Refused(TEMPLATE_BAD)
            _check_xml(z.read("word/styles.xml"))
            _check_xml(z.read("[Content_Types].xml"))
    except Refused:
        raise
    except Exception:  # not a zip, a broken one, or XML that is not safe to read
        raise Refused(TEMPLATE_BAD) from None
    return kind.lstrip(".")


def _check_xml(data: bytes) -> None:
    from defusedxml.ElementTree import fromstring

    fromstring(data, forbid_dtd=True)
