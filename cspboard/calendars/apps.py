from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    """iCalendar feeds of meetings: one public feed per board, one private feed per person
    (no models: the feeds are built from the meetings record on each request)."""

    name = "cspboard.calendars"
    label = "calendars"
    verbose_name = "Calendars"
