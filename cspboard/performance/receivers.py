"""What the performance report does when the record announces it (meetings.signals)."""

from __future__ import annotations


def agenda_published(sender, meeting, by=None, **kwargs) -> None:
    """Publishing an agenda publishes the commentary of its performance report's month and keeps
    the report as its pack carries it. Runs inside the publishing transaction."""
    from .services import meeting_report_publish

    meeting_report_publish(meeting=meeting, by=by)
