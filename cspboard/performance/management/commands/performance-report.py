"""`cspboard performance-report --board SLUG --month YYYY-MM [--format json|pdf] [--out FILE]`"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspboard.boards.models import Board
from cspboard.performance.report import performance_report, report_as_dict


class Command(BaseCommand):
    help = (
        "Produce a board's performance report for a month: JSON (each indicator's year-to-date "
        "figures, change, target, rating and sentence) or the PDF paper."
    )

    def add_arguments(self, parser):
        parser.add_argument("--board", required=True, help="the board's slug")
        parser.add_argument("--month", required=True, help="the report's month, YYYY-MM")
        parser.add_argument("--format", choices=["json", "pdf"], default="json")
        parser.add_argument("--out", help="the file to write (JSON goes to the screen without)")

    def handle(self, *args, board, month, format, out=None, **options):
        found = Board.objects.filter(slug=board).first()
        if found is None:
            raise CommandError(f'There is no board "{board}".')
        try:
            day = datetime.datetime.strptime(month, "%Y-%m").date()
        except ValueError:
            raise CommandError(f'"{month}" is not a month: give it as YYYY-MM.') from None
        report = performance_report(board=found, month=day)
        if format == "pdf":
            if not out:
                raise CommandError("Give --out FILE for a PDF.")
            # Imported here: the PDF module (WeasyPrint) is only needed for this format.
            from cspboard.performance.pdf import report_pdf

            Path(out).write_bytes(report_pdf(report))
            self.stdout.write(f"Wrote {out}.")
            return
        text = json.dumps(report_as_dict(report), indent=2, ensure_ascii=False)
        if out:
            Path(out).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Wrote {out}.")
        else:
            self.stdout.write(text)
