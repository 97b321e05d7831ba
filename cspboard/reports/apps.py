from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Papers commissioned for a meeting: report requests with deadlines, the cover-sheet
    reports authors write, and the subgroups' update reports to their parent board."""

    name = "cspboard.reports"
    label = "reports"
    verbose_name = "Reports"
