"""`cspboard import-moderngov SOURCE --board SLUG [--committee ID] [--from DATE] [--to DATE]
[--dry-run]`"""

from django.core.management.base import CommandError
from django.http import Http404

from cspboard.boards.selectors import board_get
from cspboard.core.arguments import iso_date
from cspboard.core.commands import ImportCommand
from cspboard.imports.moderngov import ModernGovError
from cspboard.imports.services import moderngov_import
from cspboard.imports.sources import source_for


class Command(ImportCommand):
    help = (
        "Import a board's meetings from ModernGov: its agendas, items (restricted ones withheld "
        "under their Schedule 12A paragraph), papers, minutes and attendance. SOURCE is the "
        "site's address (https://democracy.example.gov.uk) or a folder of saved answers. "
        "Importing again changes only what changed at the source. An answer that cannot be "
        "read stops the import before anything is written."
    )
    refusals = (ModernGovError,)

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("source", metavar="SOURCE", help="the site's address, or a folder")
        parser.add_argument("--board", required=True, metavar="SLUG", help="the board to fill")
        parser.add_argument(
            "--committee",
            metavar="ID",
            help="the committee's ModernGov id (default: the one named as the board is)",
        )
        parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")

    def refused(self, refusal: Exception) -> str:
        return f"Nothing was imported. {refusal}"

    def run_import(
        self, *, dry_run, progress, source, board, committee, date_from, date_to, **options
    ):
        try:
            found = board_get(board)
        except Http404:
            raise CommandError(f'No board with the slug "{board}".') from None
        report = moderngov_import(
            source=source_for(source),
            board=found,
            committee_id=committee,
            date_from=date_from,
            date_to=date_to,
            dry_run=dry_run,
            progress=progress,
        )
        return report.summary(dry_run=dry_run)
