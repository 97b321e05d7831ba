"""Writes for meeting papers."""

import datetime
from pathlib import PurePath

from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils.text import get_valid_filename

from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.services import _check_marking
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
) -> Document:
    """Attach a paper to an item. The file is checked again here, whoever calls."""
    content_type = validate_upload(upload)
    _check_marking(security_marking, schedule_12a_paragraph)
    filename = get_valid_filename(PurePath(upload.name).name)
    last = item.documents.aggregate(last=Max("position"))["last"] or 0
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
        position=last + 1,
    )
    document.file.save(filename, upload, save=False)
    document.save()
    return document
