from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspboard.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and every file in the documents store into one archive (.tar, or "
        ".tar.gz), with a manifest of each table's row count and each file's SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the archive to write")

    def handle(self, *args, archive: Path, **options):
        try:
            manifest = backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["database"]["tables"].values())
        files = manifest["documents"]
        size = sum(f["size"] for f in files.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(manifest['database']['tables'])} tables ({rows} rows) and "
                f"{len(files)} files ({size} bytes) to {archive}."
            )
        )
