"""`cspboard import-moderngov SOURCE --board SLUG [--committee ID] [--from DATE] [--to DATE]
[--dry-run]`"""

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cspboard.boards.selectors import board_get
from cspboard.core.arguments import iso_date
from cspboard.imports.moderngov import ModernGovError
from cspboard.imports.services import moderngov_import
from cspboard.imports.sources import source_for


class Command(BaseCommand):
    help = (
        "Import a board's meetings from ModernGov: its agendas, items (restricted ones withheld "
        "under their Schedule 12A paragraph), papers, minutes and attendance. SOURCE is the "
        "site's address (https://democracy.example.gov.uk) or a folder of saved answers. "
        "Importing again changes only what changed at the source. An answer that cannot be "
        "read stops the import before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SOURCE", help="the site's address, or a folder")
        parser.add_argument("--board", required=True, metavar="SLUG", help="the board to fill")
        parser.add_argument(
            "--committee",
            metavar="ID",
            help="the committee's ModernGov id (default: the one named as the board is)",
        )
        parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would change; write nothing"
        )

    def handle(self, *, source, board, committee, date_from, date_to, dry_run, **options):
        try:
            found = board_get(board)
        except Http404:
            raise CommandError(f'No board with the slug "{board}".') from None
        try:
            report = moderngov_import(
                source=source_for(source),
                board=found,
                committee_id=committee,
                date_from=date_from,
                date_to=date_to,
                dry_run=dry_run,
                progress=lambda message: self.stderr.write(message),
            )
        except ModernGovError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        for line in report.summary(dry_run=dry_run):
            self.stdout.write(line)
