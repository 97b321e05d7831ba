"""`cspboard import-crime-counts PATH [--level borough|ward|lsoa] [--dry-run]`"""

from cspboard.performance.choices import GeographyLevel
from cspboard.performance.importers.base import ImportCommand
from cspboard.performance.services import crime_counts_import


class Command(ImportCommand):
    help = (
        "Import the Metropolitan Police's recorded-crime counts as the London Datastore "
        "publishes them (CSV or Parquet; one row per place and category, one column per month "
        "YYYYMM). Counts for a place and month already stored are replaced."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("path", metavar="PATH", help="a .csv or .parquet file")
        parser.add_argument(
            "--level",
            choices=GeographyLevel.values,
            help="the file's level (found from its columns when not given; refused if wrong)",
        )

    def run_import(self, *, dry_run, progress, path, level=None, **options):
        report = crime_counts_import(path=path, level=level, dry_run=dry_run, progress=progress)
        verb = "Would import" if dry_run else "Imported"
        first, last = report.months[0], report.months[-1]
        return [
            f"{verb} {report.counts_written:,} {report.level} counts for {report.areas:,} places, "
            f"{first:%Y-%m} to {last:%Y-%m}, replacing {report.counts_replaced:,}."
        ]
