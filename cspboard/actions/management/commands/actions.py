"""`cspboard actions SUBCOMMAND ...`: work with the actions minutes set out.

Each subcommand is a pair of methods, `add_<name>_arguments(parser)` and `handle_<name>(**options)`,
listed in `Command.subcommands`; adding one is adding those two methods and a line there.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspboard.actions.exports import FORMATS, export_file, whole_log
from cspboard.actions.owner_matching import OwnerMatcher
from cspboard.actions.proposals import proposal_as_json, propose_actions
from cspboard.actions.readers import UnreadableMinutes, read_minutes
from cspboard.boards.models import Board
from cspboard.core.arguments import iso_date


class Command(BaseCommand):
    help = "Work with the actions in minutes and the action log. Subcommands: extract, export."

    subcommands = {
        "extract": (
            "Print, as JSON, the actions cspboard would propose for a minutes file "
            "(plain text, HTML, DOCX or PDF), with owners resolved against the register."
        ),
        "export": (
            "Write a board's whole action log (withheld actions too) as CSV or XLSX, in the "
            "columns of the board's action log: No., Action Required, Lead, Date of meeting, "
            "Target Completion, Status (RAG), Open/Closed, Comments/Update."
        ),
    }

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        for name, help_text in self.subcommands.items():
            subparser = subparsers.add_parser(name, help=help_text, description=help_text)
            getattr(self, f"add_{name}_arguments")(subparser)

    def handle(self, *args, subcommand, **options):
        return getattr(self, f"handle_{subcommand}")(**options)

    # -- extract --------------------------------------------------------------------------------

    def add_extract_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="Minutes: .txt, .md, .html, .docx or .pdf")
        parser.add_argument(
            "--board",
            metavar="SLUG",
            help=(
                "Resolve owners against this board's people first, then the whole register "
                "(default: the whole register)"
            ),
        )
        parser.add_argument(
            "--meeting-date",
            metavar="YYYY-MM-DD",
            type=iso_date,
            help='The meeting\'s date, to place due dates written without a year ("by 31 March")',
        )

    def handle_extract(self, *, file, board=None, meeting_date=None, **options):
        try:
            text = read_minutes(file)
        except UnreadableMinutes as error:
            raise CommandError(str(error)) from None
        found = None
        if board:
            found = Board.objects.filter(slug=board).first()
            if found is None:
                raise CommandError(f'No board with the slug "{board}"')
        # The same matcher as saving minutes on the web: the board's people, then the register.
        matcher = OwnerMatcher(board=found)
        proposals = propose_actions(text, matcher=matcher, meeting_date=meeting_date)
        names = matcher.names
        data = [proposal_as_json(p, names=names) for p in proposals]
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    # -- export ---------------------------------------------------------------------------------

    def add_export_arguments(self, parser):
        parser.add_argument("--board", metavar="SLUG", required=True, help="The board's slug")
        parser.add_argument(
            "--format", dest="fmt", choices=sorted(FORMATS), required=True, help="csv or xlsx"
        )
        parser.add_argument(
            "--out", metavar="FILE", required=True, help="Where to write it (- for stdout, CSV)"
        )

    def handle_export(self, *, board, fmt, out, **options):
        found = Board.objects.filter(slug=board).first()
        if found is None:
            raise CommandError(f'No board with the slug "{board}"')
        actions = whole_log(found)
        file = export_file(found, actions, fmt, with_withheld=True)
        if out == "-":
            if fmt != "csv":
                raise CommandError("Only CSV can be written to stdout; give --out FILE for XLSX")
            self.stdout.write(file.content.decode("utf-8-sig"), ending="")
            return
        try:
            Path(out).write_bytes(file.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stderr.write(f"Wrote {len(actions)} actions of {found.name} to {out}")
