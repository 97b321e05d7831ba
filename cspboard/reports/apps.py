from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Papers commissioned for a meeting: report requests with deadlines, the cover-sheet
    reports authors write, and the subgroups' update reports to their parent board."""

    name = "cspboard.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        # Imported here, not at the top: models may be imported only once the app registry is
        # ready, and these modules import models.
        from cspboard.meetings import contributions

        from .selectors import open_report_requests

        # Each forward-plan item's open report request, for the board's officers.
        contributions.register_plan_item_prefetch(open_report_requests)
