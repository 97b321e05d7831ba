"""`cspboard send-reminders`, the name the documentation gives; `send_reminders` is the same."""

from .send_reminders import Command  # noqa: F401
