"""The one write path of a document's import: read it, keep the draft for review, correct it,
write it (all or nothing), or drop it.

    document_import_read(board=, data=, name=, by=)     -> DocumentImport (pending)
    document_import_correct(record=, draft=, by=)       -> DocumentImport (pending)
    document_import_write(record=, by=)                  -> DocumentImport (written)
    document_import_discard(record=, by=)                -> DocumentImport (discarded)
    draft_write(board=, draft=, by=, dry_run=)           -> WriteSummary

`draft_write` is what the command and the web page share: it writes a DocumentDraft into the
board's record through the record's services in one transaction, or raises ImportRefused and
writes nothing.
"""

from __future__ import annotations

import dataclasses

from cspboard.boards.models import Board

from ..models import DocumentImport
from .draft import DocumentDraft


class ImportRefused(Exception):
    """Nothing was written; the message says why, for the person importing."""


@dataclasses.dataclass
class WriteSummary:
    meetings_created: int = 0
    meetings_updated: int = 0
    items: int = 0
    attendance: int = 0
    declarations: int = 0
    actions: int = 0
    already_imported: bool = False  # the same file was imported to this board before
    messages: list[str] = dataclasses.field(default_factory=list)


def document_import_read(*, board: Board, data: bytes, name: str, by=None) -> DocumentImport:
    raise NotImplementedError


def document_import_correct(*, record: DocumentImport, draft: DocumentDraft, by=None):
    raise NotImplementedError


def document_import_write(*, record: DocumentImport, by=None) -> DocumentImport:
    raise NotImplementedError


def document_import_discard(*, record: DocumentImport, by=None) -> DocumentImport:
    raise NotImplementedError


def draft_write(*, board: Board, draft: DocumentDraft, by=None, dry_run: bool = False):
    raise NotImplementedError
