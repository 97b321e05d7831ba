from django.apps import AppConfig


class FundingConfig(AppConfig):
    """Funded services: funding streams, awards to providers, their outputs and outcomes, and
    the providers' quarterly returns."""

    name = "cspboard.funding"
    label = "funding"
    verbose_name = "Funded services"

    def ready(self):
        from cspboard.boards import contributions as boards

        from .board_sections import board_funding_section

        # The board's page (boards') links to the funded services and, for officers, funding.
        boards.register_board_section(board_funding_section)
