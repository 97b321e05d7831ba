"""Write a meeting's agenda pack to a file:

cspboard agenda-pack --board csp --date 2018-03-28 [--members] --out pack.pdf
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cspboard.meetings.selectors import meeting_get
from cspboard.packs.services import pack_pdf


class Command(BaseCommand):
    help = "Write a meeting's agenda pack (public unless --members) to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--board", required=True, help="The board's slug, e.g. csp")
        parser.add_argument("--date", required=True, type=datetime.date.fromisoformat)
        parser.add_argument(
            "--members", action="store_true", help="The members' pack, with restricted papers"
        )
        parser.add_argument("--out", required=True, help="The file to write")

    def handle(self, *args, board, date, members, out, **options):
        try:
            meeting = meeting_get(board, date)
        except Http404:
            raise CommandError(f"No meeting of {board!r} on {date:%Y-%m-%d}.") from None
        pdf = pack_pdf(meeting, members=members)
        with open(out, "wb") as handle:
            handle.write(pdf)
        kind = "members'" if members else "public"
        self.stdout.write(f"Wrote the {kind} pack for {meeting} to {out} ({len(pdf)} bytes).")
