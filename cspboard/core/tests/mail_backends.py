"""Mail servers that refuse, for the outbox's tests (settings.EMAIL_BACKEND names them)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyBackend(LocmemBackend):
    """Refuses the first `failures` messages (a class attribute the test sets), then delivers
    to `django.core.mail.outbox`."""

    failures = 1

    def send_messages(self, email_messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)
