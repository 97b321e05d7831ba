"""Write a meeting's agenda pack (or its minutes) to a file:

cspboard agenda-pack --board csp --date 2018-03-28 [--members] [--minutes] --out pack.pdf
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cspboard.meetings.permissions import can_see_minutes
from cspboard.meetings.selectors import meeting_get
from cspboard.packs.agenda import pack_reader
from cspboard.packs.selectors import published_document
from cspboard.packs.services import minutes_pdf, pack_pdf


class Command(BaseCommand):
    help = "Write a meeting's agenda pack or minutes (public unless --members) to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--board", required=True, help="The board's slug, e.g. csp")
        parser.add_argument("--date", required=True, type=datetime.date.fromisoformat)
        parser.add_argument(
            "--members", action="store_true", help="The members' copy, with restricted material"
        )
        parser.add_argument(
            "--minutes", action="store_true", help="The meeting's minutes instead of its pack"
        )
        parser.add_argument("--out", required=True, help="The file to write")

    def handle(self, *args, board, date, members, minutes, out, **options):
        try:
            meeting = meeting_get(board, date)
        except Http404:
            raise CommandError(f"No meeting of {board!r} on {date:%Y-%m-%d}.") from None
        kind = "members'" if members else "public"
        published = published_document(meeting, members=members, minutes=minutes)
        if published is not None:
            with published.file.open("rb") as handle:
                pdf = handle.read()
            with open(out, "wb") as handle:
                handle.write(pdf)
            self.stdout.write(
                f"Wrote the {kind} {published.title.lower()} for {meeting}, as published on "
                f"{published.published_on:%-d %B %Y}, to {out} ({len(pdf)} bytes)."
            )
            return
        if minutes:
            if not can_see_minutes(pack_reader(meeting, members=members), meeting):
                who = "" if members else " (published minutes only without --members)"
                raise CommandError(f"{meeting} has no minutes to write{who}.")
            pdf = minutes_pdf(meeting, members=members)
            what = f"{kind} minutes"
        else:
            pdf = pack_pdf(meeting, members=members)
            what = f"{kind} pack"
        with open(out, "wb") as handle:
            handle.write(pdf)
        self.stdout.write(f"Wrote the {what} for {meeting} to {out} ({len(pdf)} bytes).")
