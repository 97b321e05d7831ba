"""`cspboard import-crimes PATH... [--area SLUG | --lsoa-prefix NAME] [--dry-run]`"""

from django.core.management.base import CommandError

from cspboard.performance.importers.base import ImportCommand
from cspboard.performance.selectors import area_get
from cspboard.performance.services import street_crimes_import


class Command(ImportCommand):
    help = (
        "Import police.uk street-level crime files (CSV files, folders of them, or the zip "
        "archives data.police.uk hands out). Importing a force's month again replaces it. A "
        "wrong file is refused, naming its lines, and nothing is written."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, archives")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--area", metavar="SLUG", help="keep only this area's rows")
        where.add_argument(
            "--lsoa-prefix",
            metavar="NAME",
            help='keep only rows whose LSOA name starts with NAME ("Barking and Dagenham")',
        )

    def run_import(self, *, dry_run, progress, paths, area=None, lsoa_prefix=None, **options):
        found = None
        if area:
            found = area_get(area)
            if found is None:
                raise CommandError(f'No area with the slug "{area}".')
        report = street_crimes_import(
            paths=paths,
            area=found,
            lsoa_name_prefix=lsoa_prefix or "",
            dry_run=dry_run,
            progress=progress,
        )
        verb = "Would import" if dry_run else "Imported"
        files = len(report.files)
        return [
            f"{verb} {report.rows_kept:,} of {report.rows_read:,} rows from {files} "
            f"file{'s' if files != 1 else ''}, replacing {report.rows_replaced:,}."
        ]
