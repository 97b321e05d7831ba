"""The one write path of a document's import: read it, keep the draft for review, correct it,
write it (all or nothing), or drop it.

    document_import_read(board=, data=, name=, by=)     -> DocumentImport (pending)
    document_import_correct(record=, draft=, by=)       -> DocumentImport (pending)
    document_import_write(record=, by=)                  -> DocumentImport (written)
    document_import_discard(record=, by=)                -> DocumentImport (discarded)
    document_import_file(board=, data=, name=, by=, dry_run=) -> FileImport (the command's:
                                                            read, write and record at once)
    draft_write(board=, draft=, by=, dry_run=)           -> WriteSummary

`draft_write` is what the command and the web page share: it writes a DocumentDraft into the
board's record through the record's services in one transaction, or raises ImportRefused and
writes nothing. A meeting the board already has on the draft's date is filled in, never
duplicated: only what is empty there is written (each change through its service, so the
history shows it), and nothing already recorded is overwritten.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import logging
import re

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from cspboard.actions.choices import ActionStatus
from cspboard.actions.extraction import KIND_NEW, action_fingerprint
from cspboard.actions.models import ActionItem
from cspboard.actions.owner_matching import OwnerMatcher
from cspboard.actions.services import action_close, action_create
from cspboard.boards.models import Board
from cspboard.core.exceptions import EditConflict, NotAllowed, RecordInUse
from cspboard.documents.readers import SourceDocument, UnreadableDocument, read_document
from cspboard.meetings.choices import (
    MINUTES_STATUSES,
    AttendanceCapacity,
    AttendanceStatus,
    DecisionKind,
    ItemKind,
    MeetingStatus,
    SecurityMarking,
)
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.services import (
    agenda_item_add,
    agenda_item_update,
    attendance_record,
    decision_add,
    declaration_record,
    declarations_none,
    meeting_create,
    meeting_update,
)

from ..choices import DocumentImportStatus
from ..models import DocumentImport
from .draft import DocumentDraft, ItemDraft, MeetingDraft, from_json, to_json
from .matching import NameMatcher, action_owners, initials_of_attendees
from .parse import parse_document
from .selectors import document_import_written
from .validation import check_data, check_types, without_nul

logger = logging.getLogger(__name__)

# A meeting's start when the document gives none: the record needs one. Said in the notes.
UNKNOWN_START = datetime.time(0, 0)
NOTHING_WRITTEN = "Nothing was written."
# The paragraph withholding an item a document marks restricted without naming one: 1,
# "information relating to any individual", the ground the seeds' restricted items give.
UNSTATED_PARAGRAPH = 1


class ImportRefused(Exception):
    """Nothing was written; the message says why, for the person importing. `draft` is what
    was found, when the file was read."""

    draft: DocumentDraft | None = None


@dataclasses.dataclass
class WriteSummary:
    meetings_created: int = 0
    meetings_updated: int = 0
    items: int = 0  # added
    items_filled: int = 0  # the meeting had them; what they had empty was filled in
    attendance: int = 0
    declarations: int = 0
    actions: int = 0
    actions_known: int = 0  # already on the board's log (the same text): not added again
    already_imported: bool = False  # the same file was imported to this board before
    dry_run: bool = False
    meeting_ids: list[int] = dataclasses.field(default_factory=list)
    messages: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    def describe(self) -> str:
        """One sentence saying what was (or, in a dry run, would be) written."""
        if self.already_imported:
            return self.messages[0] if self.messages else "Already imported; nothing changed."
        counts = (
            f"{self.meetings_created} meetings new, {self.meetings_updated} filled in; "
            f"{self.items} items"
            + (f" ({self.items_filled} more filled in)" if self.items_filled else "")
            + f", {self.attendance} attendance rows, "
            f"{self.declarations} declarations, {self.actions} actions"
            + (f" ({self.actions_known} already on the log)" if self.actions_known else "")
        )
        return f"{'Would write' if self.dry_run else 'Wrote'} {counts}."


# Reading, review and writing of one file -----------------------------------------------------


def _already_said(board: Board, earlier: DocumentImport) -> str:
    when = f" on {earlier.written_at:%d/%m/%Y}" if earlier.written_at else ""
    return (
        f'This file was imported to {board.name}{when} (as "{earlier.name}"): nothing was changed.'
    )


def _read(data: bytes, name: str) -> tuple[DocumentDraft, SourceDocument]:
    """The file read and parsed; ImportRefused if it cannot be read."""
    try:
        document = read_document(data, name)
    except UnreadableDocument as error:
        raise ImportRefused(f"{error}. {NOTHING_WRITTEN}") from None
    try:
        return parse_document(document), document
    except Exception as error:  # a parser's bug must not take the page or the run down
        logger.exception("Parsing %s failed", name)
        raise ImportRefused(
            f"{name} could not be understood ({type(error).__name__}). {NOTHING_WRITTEN}"
        ) from None


def _lines(document) -> list[list]:
    return [[line.where.page, line.where.line, line.text] for line in document.lines]


@transaction.atomic
def document_import_read(*, board: Board, data: bytes, name: str, by=None) -> DocumentImport:
    """Read a file and keep what was found, pending the officer's review. A file this board
    has imported before is refused (saying when); one already waiting is returned as it is."""
    name = (name or "document")[:255]
    draft, document = _read(data, name)
    earlier = document_import_written(board, draft.sha256)
    if earlier is not None:
        raise ImportRefused(_already_said(board, earlier))
    waiting = DocumentImport.objects.filter(
        board=board, sha256=draft.sha256, status=DocumentImportStatus.PENDING
    ).first()
    if waiting is not None:
        return waiting
    return DocumentImport.objects.create(
        board=board,
        name=name,
        sha256=draft.sha256,
        kind=draft.kind[:10],
        draft=to_json(draft),
        lines=_lines(document),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def _pending(record: DocumentImport) -> None:
    if record.status != DocumentImportStatus.PENDING:
        raise ImportRefused(
            f'"{record.name}" is {record.get_status_display().lower()}: it can no longer be '
            f"changed. {NOTHING_WRITTEN}"
        )


def _valid_draft(draft: DocumentDraft | dict, record: DocumentImport) -> DocumentDraft:
    """The draft as data, checked: it must come back from JSON as it went."""
    try:
        data = to_json(draft) if isinstance(draft, DocumentDraft) else draft
        check_data(data)
        parsed = from_json(data)
        check_types(parsed)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise ImportRefused(
            f"The corrected draft is not valid ({error}). {NOTHING_WRITTEN}"
        ) from None
    if parsed.sha256 != record.sha256:
        raise ImportRefused(
            f'The corrected draft is of another file than "{record.name}". {NOTHING_WRITTEN}'
        )
    return parsed


@transaction.atomic
def document_import_correct(
    *, record: DocumentImport, draft: DocumentDraft | dict, by=None
) -> DocumentImport:
    """Replace the pending draft with the officer's corrected one."""
    record = DocumentImport.objects.select_for_update().get(pk=record.pk)
    _pending(record)
    record.draft = to_json(_valid_draft(draft, record))
    record.save(update_fields=["draft"])
    return record


@transaction.atomic
def document_import_write(*, record: DocumentImport, by=None) -> DocumentImport:
    """Write the reviewed draft (all or nothing) and mark the import written."""
    record = DocumentImport.objects.select_for_update().get(pk=record.pk)
    _pending(record)
    draft = _valid_draft(record.draft, record)
    summary = draft_write(board=record.board, draft=draft, by=by)
    if summary.already_imported:
        raise ImportRefused(summary.messages[0])
    _mark_written(record, summary, by)
    return record


def _mark_written(record: DocumentImport, summary: WriteSummary, by) -> None:
    record.status = DocumentImportStatus.WRITTEN
    record.summary = summary.as_dict()
    record.written_at = timezone.now()
    record.written_by = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            record.save(update_fields=["status", "summary", "written_at", "written_by"])
    except IntegrityError:  # written by someone else a moment ago
        raise ImportRefused(
            _already_said(
                record.board, document_import_written(record.board, record.sha256) or record
            )
        ) from None
    record.meetings.set(summary.meeting_ids)


@transaction.atomic
def document_import_discard(*, record: DocumentImport, by=None) -> DocumentImport:
    """Drop a pending import; nothing of it was written."""
    record = DocumentImport.objects.select_for_update().get(pk=record.pk)
    if record.status == DocumentImportStatus.WRITTEN:
        raise ImportRefused(
            f'"{record.name}" is imported: its meetings are part of the record and stay.'
        )
    record.status = DocumentImportStatus.DISCARDED
    record.save(update_fields=["status"])
    return record


@dataclasses.dataclass
class FileImport:
    draft: DocumentDraft
    summary: WriteSummary
    record: DocumentImport | None  # None in a dry run, or when imported before


def document_import_file(
    *, board: Board, data: bytes, name: str, by=None, dry_run: bool = False
) -> FileImport:
    """Read, write and record a file in one go, without review (the command's way): all of it
    or, with ImportRefused, nothing. A dry run does it all and rolls it back."""
    name = (name or "document")[:255]
    draft, document = _read(data, name)
    with transaction.atomic():
        try:
            summary = draft_write(board=board, draft=draft, by=by)
        except ImportRefused as refusal:
            refusal.draft = draft  # what was found, for the caller to show
            raise
        record = None
        if not summary.already_imported:
            record = DocumentImport.objects.create(
                board=board,
                name=name,
                sha256=draft.sha256,
                kind=draft.kind[:10],
                draft=to_json(draft),
                lines=_lines(document),
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
            _mark_written(record, summary, by)
        if dry_run:
            transaction.set_rollback(True)
            summary.dry_run, record = True, None
    return FileImport(draft=draft, summary=summary, record=record)


# Writing a draft ------------------------------------------------------------------------------


def draft_write(
    *, board: Board, draft: DocumentDraft, by=None, dry_run: bool = False
) -> WriteSummary:
    """Write every meeting of the draft into the board's record, all or nothing. Raises
    ImportRefused (having written nothing) when the draft cannot be written as it is."""
    summary = WriteSummary(dry_run=dry_run)
    earlier = document_import_written(board, draft.sha256) if draft.sha256 else None
    if earlier is not None:
        summary.already_imported = True
        summary.messages.append(_already_said(board, earlier))
        return summary
    draft = without_nul(draft)
    meetings = _check_draft(board, draft, summary.messages)
    try:
        with transaction.atomic():
            names = NameMatcher()
            for meeting_draft in sorted(meetings, key=lambda m: m.date):
                _Writer(board, meeting_draft, by, names, summary).write()
            if dry_run:
                transaction.set_rollback(True)
    except (
        ValidationError,
        NotAllowed,
        RecordInUse,
        EditConflict,
        IntegrityError,
        DataError,
    ) as error:
        reason = " ".join(getattr(error, "messages", None) or [str(error)])
        raise ImportRefused(f"{reason} {NOTHING_WRITTEN}") from None
    return summary


def _normal_board(name: str) -> str:
    words = re.sub(r"[\W_]+", " ", name.casefold()).split()
    return " ".join(w for w in words if w not in {"the", "board", "meeting", "of", "minutes"})


def _empty(meeting: MeetingDraft) -> bool:
    return not (meeting.items or meeting.attendance or meeting.declarations or meeting.actions)


def _check_draft(board: Board, draft: DocumentDraft, notes: list[str]) -> list[MeetingDraft]:
    """The meetings to write; ImportRefused for what makes the draft unwritable, said before
    anything is written. A part with no date and nothing in it is passed over, and noted."""
    if not draft.meetings:
        raise ImportRefused(f"No meeting was found in {draft.name}. {NOTHING_WRITTEN}")
    ours = _normal_board(board.name)
    others = {
        _normal_board(name): name
        for name in Board.objects.exclude(pk=board.pk).values_list("name", flat=True)
    }
    meetings = []
    for number, meeting in enumerate(draft.meetings, 1):
        label = f"Meeting {number} of {draft.name}"
        if meeting.date is None and _empty(meeting):
            notes.append(f"{label} has no date and nothing in it: passed over.")
            continue
        if meeting.date is None:
            raise ImportRefused(
                f"{label} has no date: give it one on the review page. {NOTHING_WRITTEN}"
            )
        printed = _normal_board(meeting.board_name)
        if printed and printed != ours and printed in others:
            raise ImportRefused(
                f'{label} ({meeting.date:%d/%m/%Y}) is a meeting of "{others[printed]}", not '
                f"{board.name}. {NOTHING_WRITTEN}"
            )
        for item in meeting.items:
            if not item.title.strip():
                raise ImportRefused(
                    f"{label}: item {item.number or '?'} has no title. {NOTHING_WRITTEN}"
                )
            paragraph = item.restriction_paragraph
            if paragraph is not None and not 1 <= paragraph <= 7:
                raise ImportRefused(
                    f"{label}: item {item.number or '?'} names Schedule 12A paragraph "
                    f"{paragraph}; there are seven. {NOTHING_WRITTEN}"
                )
            if item.restricted and paragraph is None:
                notes.append(
                    f'{meeting.date:%d/%m/%Y}: item {item.number or "?"} "{item.title[:60]}" is '
                    "marked restricted but names no Schedule 12A paragraph: withheld from the "
                    f"public under paragraph {UNSTATED_PARAGRAPH} until an officer names the "
                    "right one."
                )
        meetings.append(meeting)
    return meetings


def _withheld_by(item: ItemDraft) -> int | None:
    """The Schedule 12A paragraph withholding the item; None when it is public. A restricted
    item naming none is withheld all the same (noted by `_check_draft`): the record withholds
    only under a paragraph, and publishing what a document restricts is the worse mistake."""
    if item.restriction_paragraph is not None:
        return item.restriction_paragraph
    return UNSTATED_PARAGRAPH if item.restricted else None


def _html(text: str) -> str:
    """Plain-text minutes as HTML paragraphs (the record keeps sanitised HTML)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def _minutes_allowed(item: ItemDraft) -> int | None:
    """The time allowed, when it is a time an item could take (a day at most)."""
    minutes = item.minutes_allowed
    return minutes if minutes is not None and 0 < minutes <= 24 * 60 else None


def _words(text: str) -> str:
    """An action's words, for telling it is one the log has: case, spacing and punctuation
    aside."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _key(number: str) -> str:
    return re.sub(r"[\s().]+", "", number or "").casefold()


STATUSES = {choice.value for choice in AttendanceStatus}
CAPACITIES = {choice.value for choice in AttendanceCapacity}


class _Writer:
    """Writes one MeetingDraft: the meeting, its items, attendance, declarations, actions."""

    def __init__(self, board, draft: MeetingDraft, by, names: NameMatcher, summary):
        self.board, self.draft, self.by, self.names = board, draft, by, names
        self.summary, self.notes = summary, summary.messages
        self.initials = initials_of_attendees(draft)
        self.day = f"{draft.date:%d/%m/%Y}"
        self.said_status = False

    def write(self) -> None:
        meeting = self._meeting()
        rows = self._items(meeting)
        if meeting.has_started:
            self._attendance(meeting)
            self._declarations(meeting, rows)
        elif self.draft.attendance or self.draft.declarations:
            self.notes.append(f"{self.day}: the meeting has not happened; attendance left out.")
        self._actions(meeting, rows)
        if meeting.pk not in self.summary.meeting_ids:
            self.summary.meeting_ids.append(meeting.pk)

    # The meeting --------------------------------------------------------------------------

    def _has_minutes(self) -> bool:
        d = self.draft
        return any(i.minutes or i.decisions for i in d.items) or d.kind in (
            "minutes",
            "agenda_and_minutes",
        )

    def _meeting(self) -> Meeting:
        d = self.draft
        chair = self.names.person(d.chair, initials=self.initials) if d.chair else None
        existing = Meeting.objects.filter(board=self.board, date=d.date).first()
        end = d.end if d.end and (d.start is None or d.end > d.start) else None
        if existing is None:
            if d.start is None:
                self.notes.append(f"{self.day}: no start time given: taken as 00:00.")
            start = d.start or UNKNOWN_START
            past = d.date < datetime.date.today()
            if past and self._has_minutes():
                status = MeetingStatus.MINUTES_PUBLISHED  # the past's minutes, as published
            elif past:
                status = MeetingStatus.HELD
            else:
                status = MeetingStatus.AGENDA_PUBLISHED if d.items else MeetingStatus.SCHEDULED
            meeting = meeting_create(
                board=self.board,
                date=d.date,
                start_time=start,
                end_time=end if end is None or end > start else None,
                venue=d.venue[:300],
                chair=chair,
                status=status,
                no_declarations=d.no_declarations and not d.declarations,
                by=self.by,
            )
            self.summary.meetings_created += 1
            self.created = True
            return meeting
        self.created = False
        if existing.is_cancelled:
            raise ImportRefused(
                f"{self.day}: the board's meeting that day is recorded as cancelled, but "
                f"{'the minutes record it' if self._has_minutes() else 'the document lists it'}"
                f". {NOTHING_WRITTEN}"
            )
        fills = {
            "end_time": existing.end_time or (end if end and end > existing.start_time else None),
            "venue": existing.venue or d.venue[:300],
            "chair": existing.chair or chair,
        }
        if (fills["end_time"], fills["venue"], fills["chair"]) != (
            existing.end_time,
            existing.venue,
            existing.chair,
        ):
            existing = meeting_update(
                meeting=existing,
                date=existing.date,
                start_time=existing.start_time,
                online=existing.online,
                by=self.by,
                **fills,
            )
        if existing.pk not in self.summary.meeting_ids:  # not one this draft has just made
            self.summary.meetings_updated += 1
        return existing

    # Items ----------------------------------------------------------------------------------

    def _items(self, meeting: Meeting) -> dict[str, AgendaItem]:
        """Each item added, or matched (by number, else title) to one the meeting had before
        this draft and filled in. Two items of the draft with one number are two items.
        Returns the items by number, for parents, declarations and actions to find."""
        recorded: dict[str, AgendaItem] = {}
        if not self.created:
            for row in meeting.items.all():
                recorded.setdefault(_key(row.number), row)
                recorded.setdefault("title:" + row.title.casefold(), row)
        rows: dict[str, AgendaItem] = {}
        for item in self.draft.items:
            title_key = "title:" + " ".join(item.title.split()).casefold()
            row = recorded.pop(_key(item.number), None) if item.number else None
            row = row or recorded.pop(title_key, None)
            if row is None:
                row = self._item_add(meeting, item, {**recorded, **rows})
            else:
                self._item_fill(row, item)
            if item.number:
                rows[_key(item.number)] = row
            self._decisions(row, item)
        return {**recorded, **rows}

    def _presenters(self, item: ItemDraft):
        people = [self.names.person(p, initials=self.initials) for p in item.presenters]
        return [p for p in people if p is not None]

    def _item_add(self, meeting, item: ItemDraft, rows) -> AgendaItem:
        parent = rows.get(_key(item.parent_number)) if item.parent_number else None
        if item.parent_number and parent is None:
            self.notes.append(
                f"{self.day}: item {item.number}'s parent {item.parent_number} was not found; "
                "it is placed at the top level."
            )
        paragraph = _withheld_by(item)
        self.summary.items += 1
        return agenda_item_add(
            meeting=meeting,
            number=self._number(meeting, item),
            title=item.title.strip()[:300],
            parent=parent,
            presenters=self._presenters(item),
            presenter_text=", ".join(item.presenters)[:300],
            minutes_allowed=_minutes_allowed(item),
            pages=item.pages[:50],
            kind=ItemKind.PAPER if item.pages else ItemKind.VERBAL,
            security_marking=SecurityMarking.RESTRICTED
            if paragraph
            else SecurityMarking.UNRESTRICTED,
            schedule_12a_paragraph=paragraph,
            minutes=_html(item.minutes),
            as_published=True,
            by=self.by,
        )

    def _number(self, meeting: Meeting, item: ItemDraft) -> str:
        """The item's number as printed. An unnumbered item among numbered ones is marked
        "-": left blank, the record would number the whole agenda afresh, over the numbers
        the document printed; an agenda the document numbers nowhere is numbered so."""
        if item.number.strip():
            return item.number.strip()[:20]
        numbered = any(i.number.strip() for i in self.draft.items) or (
            not self.created and meeting.items.exclude(number__in=("", "?")).exists()
        )
        return "-" if numbered else ""

    def _item_fill(self, row: AgendaItem, item: ItemDraft) -> None:
        """Fill what the item has empty; withhold it if the document restricts it."""
        fields: dict = {}
        if not row.minutes and item.minutes:
            fields["minutes"] = _html(item.minutes)
            if row.meeting.status not in MINUTES_STATUSES and not self.said_status:
                self.said_status = True
                self.notes.append(
                    f"{self.day}: minutes added to a meeting the record has as "
                    f'"{row.meeting.get_status_display().lower()}"; its status is left as it is.'
                )
        if not row.presenter_text and item.presenters:
            fields["presenter_text"] = ", ".join(item.presenters)[:300]
        if not row.pages and item.pages:
            fields["pages"] = item.pages[:50]
        if row.minutes_allowed is None and _minutes_allowed(item):
            fields["minutes_allowed"] = _minutes_allowed(item)
        if _withheld_by(item) and row.schedule_12a_paragraph is None:
            fields["security_marking"] = SecurityMarking.RESTRICTED
            fields["schedule_12a_paragraph"] = _withheld_by(item)
        presenters = None
        if not row.presenters.exists() and item.presenters:
            presenters = self._presenters(item) or None
        if fields or presenters:
            agenda_item_update(
                item=row, expected_version=None, presenters=presenters, by=self.by, **fields
            )
            self.summary.items_filled += 1

    def _decisions(self, row: AgendaItem, item: ItemDraft) -> None:
        if not item.decisions:
            return
        if not row.meeting.has_started:
            self.notes.append(f"{self.day}: decisions of a meeting still to come left out.")
            return
        known = {
            " ".join(t.split()).casefold() for t in row.decisions.values_list("text", flat=True)
        }
        for text in item.decisions:
            if not text.strip() or " ".join(text.split()).casefold() in known:
                continue
            kind = (
                DecisionKind.RESOLUTION
                if text.lstrip().upper().startswith("RESOLVED")
                else DecisionKind.DECISION
            )
            decision_add(item=row, text=text, kind=kind, by=self.by)

    # Attendance and declarations -------------------------------------------------------------

    def _attendance(self, meeting: Meeting) -> None:
        existing = list(meeting.attendance.all())
        people = {row.person_id for row in existing if row.person_id}
        names = {row.name.casefold() for row in existing if not row.person_id}
        for attendee in self.draft.attendance:
            name = " ".join(attendee.name.split())[:200]
            if not name:
                continue
            person = self.names.person(name, initials=self.initials)
            if (person and person.pk in people) or (not person and name.casefold() in names):
                continue  # recorded already: kept as it is
            status = attendee.status if attendee.status in STATUSES else AttendanceStatus.PRESENT
            capacity = (
                attendee.capacity if attendee.capacity in CAPACITIES else AttendanceCapacity.MEMBER
            )
            substitute_for = None
            if capacity == AttendanceCapacity.SUBSTITUTE:
                substitute_for = self.names.person(attendee.substitute_for, initials=self.initials)
                if substitute_for is None:
                    capacity = AttendanceCapacity.MEMBER
                    self.notes.append(
                        f'{self.day}: {name} substituted for "{attendee.substitute_for}", who '
                        "is no one person in the register: as a member."
                    )
            if person is None:
                self.notes.append(
                    f'{self.day}: "{name}" is no one person in the register: attendance by name.'
                )
            organisation = self.names.organisation(attendee.organisation, attendee.role)
            attendance_record(
                meeting=meeting,
                person=person,
                name="" if person else name,
                status=status,
                capacity=capacity,
                substitute_for=substitute_for,
                role=attendee.role,
                organisation=organisation,
                organisation_name="" if organisation else attendee.organisation,
                by=self.by,
            )
            if person:
                people.add(person.pk)
            else:
                names.add(name.casefold())
            self.summary.attendance += 1

    def _declarations(self, meeting: Meeting, rows: dict[str, AgendaItem]) -> None:
        known = {
            (d.person_id, " ".join(d.text.split()).casefold()) for d in meeting.declarations.all()
        }
        for declaration in self.draft.declarations:
            person = self.names.person(declaration.name, initials=self.initials)
            if person is None:
                self.notes.append(
                    f'{self.day}: a declaration by "{declaration.name}" is left out: the record '
                    "keeps declarations against people in the register, and this is no one "
                    "person there."
                )
                continue
            key = (person.pk, " ".join(declaration.text.split()).casefold())
            if key in known or not declaration.text.strip():
                continue
            known.add(key)
            item = rows.get(_key(declaration.item_number)) if declaration.item_number else None
            declaration_record(
                meeting=meeting, person=person, text=declaration.text, item=item, by=self.by
            )
            self.summary.declarations += 1
        if (
            self.draft.no_declarations
            and not self.draft.declarations
            and not meeting.no_declarations
            and not meeting.declarations.exists()
        ):
            declarations_none(meeting=meeting, by=self.by)

    # Actions ----------------------------------------------------------------------------------

    def _actions(self, meeting: Meeting, rows: dict[str, AgendaItem]) -> None:
        if not self.draft.actions:
            return
        matcher = OwnerMatcher(meeting=meeting)
        # The meeting's actions already on the log, by their words: an officer may have
        # entered them by hand, or another file of the same meeting brought them.
        on_log = {_words(a.text): a for a in ActionItem.objects.filter(meeting=meeting)}
        for action in self.draft.actions:
            text = " ".join(action.text.split())
            if not text:
                continue
            fingerprint = action_fingerprint(KIND_NEW, text)
            known = on_log.get(_words(text)) or (
                ActionItem.objects.filter(board=self.board, fingerprint=fingerprint).first()
            )
            closed = action.status.casefold() == "closed"
            if known is not None:
                self.summary.actions_known += 1
                if closed and known.status == ActionStatus.OPEN:
                    action_close(action=known, by=self.by, on=max(meeting.date, known.raised_on))
                continue
            owners = action_owners(
                action.owners,
                matcher=matcher,
                meeting=meeting,
                initials=self.initials,
                notes=self.notes,
            )
            due = action.due
            if due is not None and due < meeting.date:
                self.notes.append(
                    f'{self.day}: action "{text[:50]}" is due {due:%d/%m/%Y}, before the '
                    "meeting: no target date."
                )
                due = None
            item = rows.get(_key(action.item_number)) if action.item_number else None
            action_create(
                board=self.board,
                text=text,
                owners=owners.people,
                owner_organisation=owners.organisation,
                all_partners=owners.all_partners,
                lead_text=", ".join(action.owners)[:300],
                meeting=meeting,
                item=item,
                raised_on=meeting.date,
                target_date=due,
                status=ActionStatus.CLOSED if closed else ActionStatus.OPEN,
                fingerprint=fingerprint,
                by=self.by,
            )
            self.summary.actions += 1
