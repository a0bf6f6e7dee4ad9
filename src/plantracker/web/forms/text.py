"""Free-text fields and choice lists shared by the forms of every domain."""

from __future__ import annotations

from typing import Any

from django import forms


def with_blank(choices: list[tuple[str, str]], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *choices]


# Long enough for any real update (the seeds' longest is under 2,000 characters); a paste
# of a whole document is refused with the count, not stored.
NARRATIVE_MAX = 20_000
NOTE_MAX = 5_000


class LongTextField(forms.CharField):
    """Free text with a limit checked on the server only: no maxlength attribute, because a
    browser silently cuts a long paste at it and the officer would lose the end unseen."""

    default_error_messages = {
        "max_length": "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d). "
        "Put longer material in a document and link to it."
    }

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs
