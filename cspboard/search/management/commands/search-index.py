"""`cspboard search-index`: build every search entry again from the record.

The record's saves keep the entries (cspboard.search.signals), and the worker reads each new
paper's text; this is for after a bulk change that sends no signals (a restore from an old
backup, rows changed by hand in the database). Papers whose file is unchanged are not read again.
"""

from django.core.management.base import BaseCommand

from cspboard.search.services import search_rebuild


class Command(BaseCommand):
    help = "Build the search index again from the record (papers read again only if changed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-papers", action="store_true", help="Leave papers' text as it is: titles only"
        )

    def handle(self, *args, no_papers=False, **options):
        count = search_rebuild(read_papers=not no_papers)
        self.stdout.write(self.style.SUCCESS(f"The search index holds {count} entries."))
