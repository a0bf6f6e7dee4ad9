"""The checks on an organisation's logo and Word template (core/uploads.py): pure
functions of a file's name and bytes. Hostile files are refused with a message that says
what to do, never a traceback."""

import io
import zipfile

import pytest
from docx import Document
from PIL import Image

from plantracker.core import uploads
from plantracker.core.uploads import Refused, check_logo, check_word_template

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">{}</svg>'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def png(width: int = 120, height: int = 40) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (0, 94, 165)).save(buf, "PNG")
    return buf.getvalue()


def docx() -> bytes:
    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


def test_a_real_png_and_a_plain_svg_are_accepted() -> None:
    assert check_logo("logo.PNG", png()) == "png"
    svg = SVG.format('<rect width="120" height="40" fill="#005ea5"/><use href="#a"/>')
    assert check_logo("logo.svg", svg.encode()) == "svg"
    inline = SVG.format('<image href="data:image/png;base64,iVBORw0KGgo="/>')
    assert check_logo("logo.svg", inline.encode()) == "svg"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.gif", png(), uploads.LOGO_NOT_IMAGE),
        ("logo", png(), uploads.LOGO_NOT_IMAGE),
        ("logo.png", b"GIF89a not a png", uploads.LOGO_BAD_PNG),
        ("logo.png", b"", uploads.LOGO_BAD_PNG),
        ("logo.png", png()[:40], uploads.LOGO_BAD_PNG),  # cut short
        ("logo.png", SVG.format("").encode(), uploads.LOGO_BAD_PNG),  # an SVG named .png
        ("logo.svg", png(), uploads.LOGO_BAD_SVG),
        ("logo.svg", b"<html><body>hi</body></html>", uploads.LOGO_BAD_SVG),
        ("logo.svg", b"<svg", uploads.LOGO_BAD_SVG),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(name: str, data: bytes, message: str):
    with pytest.raises(Refused) as exc:
        check_logo(name, data)
    assert str(exc.value) == message


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        '<rect width="1" height="1" onclick="alert(1)"/>',
        '<rect width="1" height="1" ONLOAD="alert(1)"/>',
        "<foreignObject><div>hi</div></foreignObject>",
        '<image href="https://tracker.example/pixel.png"/>',
        '<image xlink:href="http://evil.example/x.png"/>',
        '<a href="javascript:alert(1)"><text>x</text></a>',
        '<use href="other.svg#a"/>',
        '<rect style="fill: url(https://evil.example/x)"/>',
        "<style>@import url(https://evil.example/x.css);</style>",
        '<set attributeName="href" to="javascript:alert(1)"/>',
        '<animate attributeName="onclick" values="alert(1)"/>',
    ],
)
def test_svgs_with_scripts_or_links_are_refused(body: str) -> None:
    svg = SVG.format(body).replace("<svg ", f"<svg {XLINK} ")
    with pytest.raises(Refused) as exc:
        check_logo("logo.svg", svg.encode())
    assert "Save the logo as PNG, or as SVG without scripts or links." in str(exc.value)


def test_entities_are_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    with pytest.raises(Refused, match="without scripts or links"):
        check_logo("logo.svg", bomb.encode())
    external = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    )
    with pytest.raises(Refused):
        check_logo("logo.svg", external.encode())


def test_size_and_pixel_limits_say_the_size_and_the_limit() -> None:
    big = SVG.format(f"<desc>{'x' * 600_000}</desc>").encode()
    with pytest.raises(Refused) as exc:
        check_logo("logo.svg", big)
    assert str(exc.value).startswith(f"The logo is {len(big) // 1024} KB: it must be 512 KB")
    with pytest.raises(Refused) as exc:
        check_logo("logo.png", png(6000, 10))
    assert "6000 × 10 pixels" in str(exc.value) and "5000" in str(exc.value)


def test_a_decompression_bomb_png_is_refused() -> None:
    # A PNG header claiming 100,000 × 100,000 pixels (a few hundred bytes on disk).
    data = bytearray(png(1, 1))
    data[16:24] = (100_000).to_bytes(4, "big") * 2
    with pytest.raises(Refused):
        check_logo("logo.png", bytes(data))


def test_word_templates() -> None:
    assert check_word_template("Council.docx", docx()) == "docx"
    assert check_word_template("Council.DOTX", docx()) == "dotx"
    for name, data, message in [
        ("template.doc", docx(), uploads.TEMPLATE_NOT_WORD),
        ("template.docx", b"not a zip", uploads.TEMPLATE_BAD),
        ("template.docx", _zip({"word/document.xml": "<w/>"}), uploads.TEMPLATE_BAD),
        (
            "template.docx",
            _zip(
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": "<w/>",
                    "word/styles.xml": '<!DOCTYPE x [<!ENTITY a "b">]><s>&a;</s>',
                }
            ),
            uploads.TEMPLATE_BAD,
        ),
    ]:
        with pytest.raises(Refused) as exc:
            check_word_template(name, data)
        assert str(exc.value) == message, name


def test_a_zip_bomb_template_is_refused() -> None:
    parts = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>",
             "word/styles.xml": "<s/>", "word/media/huge.bin": "0" * 60_000_000}  # fmt: skip
    data = _zip(parts)
    assert len(data) < uploads.TEMPLATE_MAX_BYTES
    with pytest.raises(Refused):
        check_word_template("template.docx", data)


def test_a_big_template_says_its_size() -> None:
    with pytest.raises(Refused) as exc:
        check_word_template("template.docx", b"0" * (6 * 1024 * 1024))
    assert str(exc.value).startswith("The Word template is 6.0 MB: it must be 5.0 MB")


def _zip(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()
