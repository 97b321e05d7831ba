from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Imports of a board's past and coming meetings from the council's committee system
    (ModernGov), written through the record's services; each imported meeting, item, paper and
    attendance row keeps a link to its id at the source, so that importing again changes only
    what changed there."""

    name = "cspboard.imports"
    label = "imports"
    verbose_name = "Imports"

    def ready(self):
        from cspboard.boards import contributions as boards

        from .board_sections import board_imports_section

        # The board's page (boards') links its officers to the import.
        boards.register_board_section(board_imports_section)
