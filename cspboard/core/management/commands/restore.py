from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspboard.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `cspboard backup` into an empty database and an empty "
        "documents store, then check every table's row count and every file's SHA-256 against "
        "its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the archive to restore")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            restored = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(restored.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified {len(restored.tables)} tables ({rows} rows) and "
                f"{restored.files} files ({restored.bytes} bytes)."
            )
        )
