from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans: the partnership's plans (CSP Plan, VRU plan, strategies, inspection responses),
    their priorities and actions, versions and progress reports."""

    name = "cspboard.plans"
    label = "plans"
    verbose_name = "Plans"

    def ready(self):
        from cspboard.boards import contributions as boards

        from .board_sections import board_plans_section

        # The board's page links its plans.
        boards.register_board_section(board_plans_section)
