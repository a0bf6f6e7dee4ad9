"""Email backends for the tests of a failed send: one that always fails, one that fails once."""

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class Refused(Exception):
    pass


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise Refused("The mail server refused the connection")


class FailsOnceBackend(LocmemBackend):
    failed = False

    def send_messages(self, email_messages: Any) -> int:
        if not FailsOnceBackend.failed:
            FailsOnceBackend.failed = True
            raise Refused("Temporary failure in name resolution")
        return super().send_messages(email_messages)  # type: ignore[no-any-return]
