from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans: the partnership's plans (CSP Plan, VRU plan, strategies, inspection responses),
    their priorities and actions, versions and progress reports."""

    name = "cspboard.plans"
    label = "plans"
    verbose_name = "Plans"

    def ready(self):
        from cspboard.boards import contributions as boards
        from cspboard.reports import contributions as reports

        from .board_sections import board_plans_section
        from .subgroup_updates import led_actions

        # The board's page links its plans.
        boards.register_board_section(board_plans_section)
        # A subgroup's update report lists the plan actions it leads.
        reports.register_subgroup_actions(led_actions)
