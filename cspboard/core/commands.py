"""The base every import command shares: `--dry-run`, progress as it goes, and refusals (the
input cannot be imported, nothing was written) as command errors rather than tracebacks."""

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

Progress = Callable[[str], None]


class ImportCommand(BaseCommand):
    """A subclass names the exceptions that mean "refused, nothing written" in `refusals`,
    adds its own arguments and implements `run_import(*, dry_run, progress, **options)`, which
    calls a service and returns the lines to print at the end.
    """

    refusals: tuple[type[Exception], ...] = ()

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the input and report what would change, writing nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        try:
            summary = self.run_import(dry_run=dry_run, progress=self.progress, **options)
        except self.refusals as refusal:
            raise CommandError(self.refused(refusal)) from None
        for line in summary:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def refused(self, refusal: Exception) -> str:
        """What to say of a refusal (it says that nothing was imported, and why)."""
        return str(refusal)

    def progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def run_import(self, *, dry_run: bool, progress: Progress, **options) -> list[str]:
        raise NotImplementedError
