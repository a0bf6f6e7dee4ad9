"""The Word document a committee report is written into: the council's own template when
its organisation has uploaded one (its styles, headers, footers and page set-up, with its
body text removed), else python-docx's default. A template that cannot be read never stops
the report: it is logged and the default is used."""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject

log = logging.getLogger(__name__)

CONTENT_TYPES = "[Content_Types].xml"
DOTX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def as_document(data: bytes) -> bytes:
    """A .dotx (Word template) as a .docx: the same parts, the main part's content type
    rewritten. python-docx refuses a template by its content type alone."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read(CONTENT_TYPES)
        if DOTX_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                body = source.read(item.filename)
                if item.filename == CONTENT_TYPES:
                    body = body.replace(DOTX_MAIN, DOCX_MAIN)
                target.writestr(item, body)
    return out.getvalue()


def clear_body(doc: DocumentObject) -> None:
    """Remove the template's text, tables and pictures; keep its last section's set-up
    (page size, margins, headers and footers)."""
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def read_template(field: Any) -> bytes | None:
    """The uploaded template's bytes, or None when there is none or it has gone."""
    if not field:
        return None
    try:
        with field.open("rb") as f:
            return bytes(f.read())
    except OSError:
        log.warning("Word template %s could not be read; using the default", field.name)
        return None


def open_document(template: bytes | None, name: str = "template") -> tuple[DocumentObject, bool]:
    """(the document to write into, whether it is the council's template)."""
    if template:
        try:
            doc = Document(io.BytesIO(as_document(template)))
            clear_body(doc)
            return doc, True
        except Exception:  # a corrupt or foreign file: any failure means "use the default"
            log.warning("Word template %s is not a Word document; using the default", name,
                        exc_info=True)  # fmt: skip
    return Document(), False
