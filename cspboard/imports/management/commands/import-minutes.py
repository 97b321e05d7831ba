"""`cspboard import-minutes PATH... --board SLUG [--dry-run] [--format json]`"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import Http404
from django.urls import reverse

from cspboard.boards.selectors import board_get
from cspboard.documents.readers import MAX_BYTES
from cspboard.imports.minutes.draft import to_json
from cspboard.imports.minutes.services import (
    ImportRefused,
    document_import_file,
    document_import_read,
)

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
TOTALS = (
    "meetings_created",
    "meetings_updated",
    "items",
    "items_filled",
    "attendance",
    "declarations",
    "actions",
)


def files_in(paths: list[str]) -> list[Path]:
    """The files named, and those in the folders named (sorted, symbolic links to folders
    not followed), each once."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = []
            for folder, _dirs, names in os.walk(path):
                inside += [Path(folder, n) for n in names if n.lower().endswith(SUFFIXES)]
            found += sorted(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{given} is neither a file nor a folder. Nothing was imported.")
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]


def progress(done: int, total: int, width: int, name: str) -> str:
    """One line of the progress bar: "[ 12/340] [##..................]   3% minutes.pdf"."""
    filled = done * 20 // total
    return (
        f"[{done:>{width}}/{total}] [{'#' * filled}{'.' * (20 - filled)}] "
        f"{done * 100 // total:>3}% {name}"
    )


class Command(BaseCommand):
    help = (
        "Import a board's past agendas, minutes, packs and action logs from files (text, HTML, "
        "Word or PDF): meetings, items, attendance, declarations, minutes, decisions and "
        "actions. Folders are searched for .txt, .html, .htm, .docx and .pdf files. Each file "
        "is imported whole or not at all; a file that fails is reported and the others go on. "
        "A file imported to the board before is said to be so and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument("--board", required=True, metavar="SLUG", help="the board to fill")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check everything; write nothing"
        )
        parser.add_argument(
            "--review",
            action="store_true",
            help=(
                "read each file and keep what was found for an officer to check and import on "
                "the board's page (Import from documents); nothing is written to the record"
            ),
        )
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="json: the drafts found and what was written, as JSON on standard output",
        )

    def handle(self, *, paths, board, dry_run, review, format, **options):
        if review and dry_run:
            raise CommandError(
                "--review writes nothing to the record already: leave out --dry-run."
            )
        try:
            found = board_get(board)
        except Http404:
            raise CommandError(f'No board with the slug "{board}". Nothing was imported.') from None
        files = files_in(paths)
        if not files:
            raise CommandError(
                f"No {', '.join(SUFFIXES)} files found in {', '.join(paths)}. Nothing was imported."
            )
        results = []
        width = len(str(len(files)))
        # Each file is written in a transaction of its own. A dry run writes them all the same
        # (so that a later file sees the meetings an earlier one would make) inside one more
        # transaction, rolled back at the end.
        with transaction.atomic() if dry_run else contextlib.nullcontext():
            for index, path in enumerate(files, 1):
                self.stderr.write(progress(index, len(files), width, path.name))
                results.append(
                    self._for_review(path, found) if review else self._one(path, found, dry_run)
                )
            if dry_run:
                transaction.set_rollback(True)
        failed = [r for r in results if r["outcome"] == "failed"]
        if format == "json":
            self.stdout.write(
                json.dumps({"dry_run": dry_run, "review": review, "files": results}, indent=2)
            )
        elif review:
            self._report_review(results)
        else:
            self._report(results, dry_run)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(results)} files could not be "
                + ("read; the others were kept to check." if review else "imported; ")
                + ("" if review else "the others would be." if dry_run else "the others were.")
            )

    def _for_review(self, path: Path, board) -> dict:
        """Read the file and keep what was found, pending, for the review page."""
        result: dict = {"file": str(path), "outcome": "failed", "error": "", "summary": None}
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ImportRefused(
                    f"it is over {MAX_BYTES // (1024 * 1024)} MB; files that big are not read"
                )
            record = document_import_read(board=board, data=path.read_bytes(), name=path.name)
        except ImportRefused as refusal:
            result["error"] = str(refusal)
            return result
        except OSError as error:
            result["error"] = f"it cannot be read ({error.strerror or error})."
            return result
        result["outcome"] = "to check"
        result["review"] = reverse("imports:document_import_review", args=[board.slug, record.pk])
        result["draft"] = record.draft
        return result

    def _report_review(self, results: list[dict]) -> None:
        for result in results:
            name = Path(result["file"]).name
            if result["outcome"] == "failed":
                self.stdout.write(f"{name}: not read: {result['error']}")
                continue
            meetings = len(result["draft"].get("meetings", []))
            self.stdout.write(
                f"{name}: {meetings} meeting{'' if meetings == 1 else 's'} found; "
                f"check and import at {result['review']}"
            )
        kept = sum(r["outcome"] == "to check" for r in results)
        self.stdout.write(
            f"{kept} of {len(results)} files kept for an officer to check; "
            "nothing was written to the record."
        )

    def _one(self, path: Path, board, dry_run: bool) -> dict:
        result: dict = {"file": str(path), "outcome": "failed", "error": "", "summary": None}
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ImportRefused(
                    f"it is over {MAX_BYTES // (1024 * 1024)} MB; files that big are not read"
                )
            outcome = document_import_file(board=board, data=path.read_bytes(), name=path.name)
        except ImportRefused as refusal:
            result["error"] = str(refusal)
            if getattr(refusal, "draft", None) is not None:
                result["draft"] = to_json(refusal.draft)
            return result
        except OSError as error:
            result["error"] = f"it cannot be read ({error.strerror or error})."
            return result
        except Exception as error:  # one file's surprise must not stop the other files
            result["error"] = f"it could not be imported ({type(error).__name__}: {error})."
            return result
        summary = outcome.summary
        summary.dry_run = dry_run
        result["outcome"] = (
            "already imported"
            if summary.already_imported
            else "would import"
            if dry_run
            else "imported"
        )
        result["summary"] = summary.as_dict()
        result["draft"] = to_json(outcome.draft)
        return result

    def _report(self, results: list[dict], dry_run: bool) -> None:
        totals = dict.fromkeys(TOTALS, 0)
        for result in results:
            name = Path(result["file"]).name
            if result["outcome"] == "failed":
                self.stdout.write(f"{name}: not imported: {result['error']}")
                continue
            summary = result["summary"]
            if summary["already_imported"]:
                self.stdout.write(f"{name}: {summary['messages'][0]}")
                continue
            for key in TOTALS:
                totals[key] += summary[key]
            counts = (
                f"{summary['meetings_created']} meetings new, {summary['meetings_updated']} "
                f"filled in; {summary['items']} items"
                + (
                    f" ({summary['items_filled']} more filled in)"
                    if summary.get("items_filled")
                    else ""
                )
                + f", {summary['attendance']} attendance rows, "
                f"{summary['declarations']} declarations, {summary['actions']} actions"
            )
            self.stdout.write(f"{name}: {'would write' if dry_run else 'wrote'} {counts}.")
            for message in summary["messages"]:
                self.stdout.write(f"  {message}")
        done = sum(r["outcome"] in ("imported", "would import") for r in results)
        failed = sum(r["outcome"] == "failed" for r in results)
        before = len(results) - done - failed
        self.stdout.write(
            f"{'Would import' if dry_run else 'Imported'} {done} of {len(results)} files"
            f" ({before} imported before, {failed} failed): "
            f"{totals['meetings_created']} meetings new, {totals['meetings_updated']} filled in, "
            f"{totals['items']} items, {totals['attendance']} attendance rows, "
            f"{totals['declarations']} declarations, {totals['actions']} actions."
            + (" Nothing was written." if dry_run else "")
        )
