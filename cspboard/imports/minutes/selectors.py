"""Reads of document imports, always within one board: the caller has already checked the
person may import into it (the view's permission), so a board's imports are never reached
through another board's address."""

from __future__ import annotations

import dataclasses

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from cspboard.boards.models import Board
from cspboard.meetings.models import Meeting

from ..choices import DocumentImportStatus
from ..models import DocumentImport


def document_import_get(pk: int, board: Board) -> DocumentImport:
    """The board's import `pk`, or 404 (also for another board's)."""
    return get_object_or_404(
        DocumentImport.objects.select_related("board", "created_by", "written_by"),
        pk=pk,
        board=board,
    )


def document_imports_for(board: Board, *, status: str | None = None) -> QuerySet[DocumentImport]:
    """The board's imports, newest first, with how many meetings each wrote; without the
    draft and lines, which only the review page needs."""
    imports = (
        DocumentImport.objects.filter(board=board)
        .defer("draft", "lines")
        .select_related("created_by", "written_by")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-created_at", "-pk")
    )
    return imports.filter(status=status) if status else imports


def document_imports_pending(board: Board) -> QuerySet[DocumentImport]:
    return document_imports_for(board, status=DocumentImportStatus.PENDING)


def document_import_written(board: Board, sha256: str) -> DocumentImport | None:
    """The written import of the file with this hash into the board, if there is one."""
    return (
        DocumentImport.objects.filter(
            board=board, sha256=sha256, status=DocumentImportStatus.WRITTEN
        )
        .order_by("written_at")
        .first()
    )


def document_import_meetings(record: DocumentImport) -> QuerySet[Meeting]:
    """The meetings the import wrote or filled in, in date order."""
    return record.meetings.select_related("board").order_by("date")


@dataclasses.dataclass(frozen=True)
class SourceLine:
    page: int | None
    line: int
    text: str


def document_import_lines(record: DocumentImport) -> list[SourceLine]:
    """The file's lines as read, kept with the import ([page, line, text] each)."""
    lines = []
    for entry in record.lines or []:
        if isinstance(entry, list | tuple) and len(entry) == 3:
            page, line, text = entry
            lines.append(SourceLine(page=page, line=line, text=str(text)))
    return lines
