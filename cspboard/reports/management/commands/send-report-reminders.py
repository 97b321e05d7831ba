"""`cspboard send-report-reminders`, the name the documentation gives; `send_report_reminders` is
the same."""

from .send_report_reminders import Command  # noqa: F401
