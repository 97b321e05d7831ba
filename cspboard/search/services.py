"""Keeping the search entries: the one write path to `SearchEntry`.

`search_sync(obj)` brings the entries of one thing in line with it (called by the record's
signals, `signals.py`); `paper_text_read(document_id)` reads a paper's text into its entry,
once per file, in the worker (`tasks.read_paper_text`); `search_rebuild()` builds every entry
again (`cspboard search-index`, after a bulk load).
"""

from __future__ import annotations

import logging

from django.db import transaction

from cspboard.actions.models import ActionItem
from cspboard.boards.models import Board
from cspboard.documents.models import Document
from cspboard.documents.readers import UnreadableDocument, read_document, sha256
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.people.models import Person

from . import indexing
from .choices import EntryKind
from .models import SearchEntry

log = logging.getLogger(__name__)


def _write(entries: list[indexing.EntryValues], *, may_go: tuple[str, ...] = ()) -> None:
    """Upsert `entries`; remove those of the keys `may_go` that are not among them (an item's
    minutes, once cleared)."""
    keys = {entry.key for entry in entries}
    existing = {e.key: e for e in SearchEntry.objects.filter(key__in=keys)}
    for entry in entries:
        fields = entry.fields()
        row = existing.get(entry.key)
        if row is None:
            SearchEntry.objects.create(key=entry.key, **fields)
            continue
        if entry.kind == EntryKind.PAPER:
            # The text the worker read stays; the first line (the author) follows the paper.
            text = row.body.split("\n", 1)[1] if "\n" in row.body else ""
            fields["body"] = indexing.plain(fields["body"]) + "\n" + text
        changed = [name for name, value in fields.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, fields[name])
            row.save(update_fields=[*changed, "updated_at"])
    gone = [key for key in may_go if key not in keys]
    if gone:
        SearchEntry.objects.filter(key__in=gone).delete()


def _item_sync(item: AgendaItem) -> None:
    decisions = list(item.decisions.all())
    _write(
        indexing.item_entries(item, decisions),
        may_go=(f"minutes:{item.pk}",),
    )
    SearchEntry.objects.filter(kind=EntryKind.DECISION, item=item).exclude(
        decision__in=decisions
    ).delete()


def search_sync(obj) -> None:
    """Bring the entries of `obj` (a board, person, meeting, item, decision, paper or action)
    in line with it."""
    if isinstance(obj, Board):
        _write(indexing.board_entries(obj))
        for meeting in obj.meetings.select_related("board"):
            _write(indexing.meeting_entries(meeting))
    elif isinstance(obj, Person):
        _write(indexing.person_entries(obj))
    elif isinstance(obj, Meeting):
        _write(indexing.meeting_entries(obj))
        # Its items' entries are dated by it: a meeting moved to another day moves them too.
        SearchEntry.objects.filter(meeting=obj).exclude(kind=EntryKind.ACTION).exclude(
            date=obj.date
        ).exclude(kind=EntryKind.PAPER, document__date__isnull=False).update(date=obj.date)
    elif isinstance(obj, AgendaItem):
        _item_sync(obj)
    elif isinstance(obj, Document):
        _write(indexing.paper_entries(obj))
    elif isinstance(obj, ActionItem):
        _write(indexing.action_entries(obj, obj.updates.all()))


def paper_text_read(document_id: int) -> bool:
    """Read the paper's file into its entry, unless that very file was read already. True if
    its text changed. A file that cannot be read is found by its title alone."""
    document = Document.objects.select_related("item__meeting").filter(pk=document_id).first()
    if document is None:
        return False
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        log.warning("Paper %s has no file to read for search", document_id)
        return False
    digest = sha256(data)
    entry = SearchEntry.objects.filter(key=f"paper:{document.pk}").first()
    if entry is not None and entry.text_digest == digest:
        return False
    try:
        text = "\n".join(line.text for line in read_document(data, document.filename).lines)
    except UnreadableDocument as error:
        log.info("Paper %s not read for search: %s", document_id, error)
        text = ""
    values = indexing.paper_entries(document, text)[0]
    with transaction.atomic():
        SearchEntry.objects.update_or_create(
            key=values.key, defaults={**values.fields(), "text_digest": digest}
        )
    return True


def search_rebuild(*, read_papers: bool = True) -> int:
    """Every entry built again from the record; papers' text read again where the file
    changed. Returns the number of entries."""
    with transaction.atomic():
        for board in Board.objects.all():
            _write(indexing.board_entries(board))
        for person in Person.objects.select_related("organisation"):
            _write(indexing.person_entries(person))
        for meeting in Meeting.objects.select_related("board"):
            _write(indexing.meeting_entries(meeting))
        for item in AgendaItem.objects.select_related("meeting").prefetch_related("decisions"):
            _item_sync(item)
        for document in Document.objects.select_related("item__meeting"):
            _write(indexing.paper_entries(document))
        for action in ActionItem.objects.prefetch_related("updates"):
            _write(indexing.action_entries(action, action.updates.all()))
    if read_papers:
        for pk in Document.objects.values_list("pk", flat=True):
            paper_text_read(pk)
    return SearchEntry.objects.count()
