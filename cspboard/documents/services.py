"""Writes for meeting papers."""

import datetime
from pathlib import PurePath

from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils.text import get_valid_filename

from cspboard.core.history import attribute
from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.services import check_marking
from cspboard.people.models import Person

from .choices import DocumentKind
from .models import Document
from .validators import validate_upload


@transaction.atomic
def document_add(
    *,
    item: AgendaItem,
    upload: File,
    title: str,
    kind: str = DocumentKind.REPORT,
    author: str = "",
    author_person: Person | None = None,
    date: datetime.date | None = None,
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    replaces: Document | None = None,
    by=None,
) -> Document:
    """Attach a paper to an item. The file is checked again here, whoever calls.

    With `replaces`, the new paper takes that one's place among the item's papers and the old
    one is removed (its removal is in the history; its file stays in the store)."""
    content_type = validate_upload(upload)
    check_marking(security_marking, schedule_12a_paragraph)
    filename = get_valid_filename(PurePath(upload.name).name)
    if replaces is not None:
        position = replaces.position
        document_remove(document=replaces, by=by)
    else:
        position = (item.documents.aggregate(last=Max("position"))["last"] or 0) + 1
    document = Document(
        item=item,
        title=title,
        kind=kind,
        author=author,
        author_person=author_person,
        date=date,
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
        filename=filename,
        content_type=content_type,
        size=upload.size,
        position=position,
    )
    document.file.save(filename, upload, save=False)
    document.save()
    return document


@transaction.atomic
def document_remove(*, document: Document, by) -> None:
    """Remove a paper from its item. The file stays in the store: earlier versions of a report
    remain downloadable through the records that name them."""
    attribute(document, by)
    document.delete()
