"""Importing a board's meetings from ModernGov, through the record's services.

`moderngov_import` reads every answer first (a malformed or oversized one stops the import
before anything is written), then writes each meeting in a transaction of its own: the
meeting (`meeting_create`, `meeting_update`, `meeting_cancel`), its items (`agenda_item_add`,
`agenda_item_update`), their papers (`document_add`), and who attended (`attendance_record`).
Each row keeps a `ModernGovLink` to its id at the source with a digest of what the source said:
importing again writes nothing for what has not changed there, and what has changed is updated
through the same services, so its history shows it. A dry run does everything but fetch papers,
then rolls each meeting back.

Names are never guessed: an attendee or presenter is linked to a person only when
`people.selectors.person_for_name` says the name is plainly one person; anyone else is recorded
by name, as the attendance record allows for a guest, and listed in the report.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from cspboard.boards.models import Board
from cspboard.core.exceptions import NotAllowed, RecordInUse
from cspboard.documents.choices import DocumentKind
from cspboard.documents.models import Document
from cspboard.documents.services import document_add
from cspboard.documents.validators import validate_upload
from cspboard.meetings.choices import (
    AttendanceCapacity,
    AttendanceStatus,
    ItemKind,
    SecurityMarking,
)
from cspboard.meetings.models import AgendaItem, Attendance, Meeting
from cspboard.meetings.services import (
    agenda_item_add,
    agenda_item_update,
    attendance_record,
    attendance_remove,
    meeting_cancel,
    meeting_create,
    meeting_update,
)
from cspboard.people.selectors import person_for_name

from .choices import LinkKind
from .models import ModernGovLink
from .moderngov import (
    Attendee,
    Committee,
    Item,
    ModernGovError,
    Paper,
    RemoteMeeting,
    digest,
    parse_committees,
    parse_meeting,
    parse_meetings,
)
from .sources import PAPER_EXTENSIONS, Source

Progress = Callable[[str], None]


def no_progress(message: str) -> None:
    pass


ATTENDANCE = {
    "present": AttendanceStatus.PRESENT,
    "attended": AttendanceStatus.PRESENT,
    "present as substitute": AttendanceStatus.PRESENT,
    "in attendance": AttendanceStatus.PRESENT,
    "apologies": AttendanceStatus.APOLOGIES,
    "apologies received": AttendanceStatus.APOLOGIES,
    "apologies given": AttendanceStatus.APOLOGIES,
    "absent": AttendanceStatus.ABSENT,
}


def _capacity(role: str) -> str:
    role = role.casefold()
    if "officer" in role or "clerk" in role:
        return AttendanceCapacity.OFFICER
    if "guest" in role or "also present" in role or "observer" in role:
        return AttendanceCapacity.GUEST
    if "presenter" in role or "speaker" in role:
        return AttendanceCapacity.PRESENTER
    return AttendanceCapacity.MEMBER


@dataclasses.dataclass
class ImportReport:
    committee: Committee | None = None
    meetings_created: int = 0
    meetings_updated: int = 0
    meetings_unchanged: int = 0
    meetings_skipped: int = 0
    items_added: int = 0
    items_updated: int = 0
    papers_added: int = 0
    papers_replaced: int = 0
    attendance_recorded: int = 0
    notes: list[str] = dataclasses.field(default_factory=list)

    def summary(self, *, dry_run: bool) -> list[str]:
        verb = "Would import" if dry_run else "Imported"
        title = self.committee.title if self.committee else "?"
        return [
            f"{verb} from {title}: {self.meetings_created} meetings new, "
            f"{self.meetings_updated} changed, {self.meetings_unchanged} unchanged, "
            f"{self.meetings_skipped} skipped; {self.items_added} items added, "
            f"{self.items_updated} changed; {self.papers_added} papers added, "
            f"{self.papers_replaced} replaced; {self.attendance_recorded} attendance rows.",
            *self.notes,
        ]


def _choose_committee(committees: list[Committee], board: Board, committee_id: str | None):
    if committee_id:
        for committee in committees:
            if committee.id == committee_id:
                return committee
        raise ModernGovError(f"GetCommittees: no committee {committee_id}.")
    same_name = [
        c for c in committees if c.title.casefold() == board.name.casefold() and not c.deleted
    ]
    if len(same_name) == 1:
        return same_name[0]
    listed = "; ".join(f"{c.id} {c.title}" for c in committees[:30])
    raise ModernGovError(
        f'No one committee is called "{board.name}": say which with --committee ID ({listed}).'
    )


def moderngov_import(
    *,
    source: Source,
    board: Board,
    committee_id: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
    by=None,
) -> ImportReport:
    """Import the board's committee's meetings between the dates. Raises `ModernGovError`,
    having written nothing, if any answer cannot be read."""
    report = ImportReport()
    committee = _choose_committee(parse_committees(source.committees()), board, committee_id)
    report.committee = committee
    stubs = [
        stub
        for stub in parse_meetings(
            source.meetings(committee.id, date_from, date_to), f"GetMeetings {committee.id}"
        )
        if (date_from is None or stub.date >= date_from)
        and (date_to is None or stub.date <= date_to)
    ]
    progress(f"{committee.title}: {len(stubs)} meetings to read.")
    remotes = [parse_meeting(source.meeting(stub.id), f"GetMeeting {stub.id}") for stub in stubs]
    for remote in sorted(remotes, key=lambda r: (r.date, r.id)):
        papers = {} if dry_run else _fetch_papers(remote, board, source, report)
        counts = dataclasses.replace(report, notes=list(report.notes))
        try:
            with transaction.atomic():
                ctx = _Context(board=board, source=source, report=report, by=by, dry_run=dry_run)
                _import_meeting(remote, papers=papers, ctx=ctx)
                if dry_run:
                    transaction.set_rollback(True)
        except (ValidationError, NotAllowed, RecordInUse) as refusal:
            # The record's rules refused part of it: none of this meeting is written.
            reason = " ".join(getattr(refusal, "messages", [str(refusal)]))
            report.__dict__.update(counts.__dict__)
            report.meetings_skipped += 1
            report.notes.append(
                f"{remote.date:%d/%m/%Y}: meeting {remote.id} was not imported: {reason}"
            )
        progress(f"{remote.date:%d/%m/%Y}: done.")
    return report


# Links to the source -------------------------------------------------------------------------


class _Links:
    """A meeting's links, read once, and their targets."""

    def __init__(self, board: Board, remote: RemoteMeeting):
        self.board = board
        ids = [remote.id]
        ids += [item.id for item in remote.items]
        ids += [_paper_key(item, paper) for item in remote.items for paper in item.papers]
        ids += [_attendee_key(remote, a) for a in remote.attendees]
        self.links = {
            (link.kind, link.remote_id): link
            for link in ModernGovLink.objects.filter(board=board, remote_id__in=ids)
        }

    def get(self, kind: str, remote_id: str) -> ModernGovLink | None:
        return self.links.get((kind, remote_id))

    def target(self, kind: str, remote_id: str, model):
        link = self.get(kind, remote_id)
        if link is None:
            return None
        return model.objects.filter(pk=link.object_id).first()

    def unchanged(self, kind: str, remote_id: str, fingerprint: str) -> bool:
        link = self.get(kind, remote_id)
        return link is not None and link.fingerprint == fingerprint

    def save(self, kind: str, remote_id: str, obj, fingerprint: str, source: Source) -> None:
        self.links[(kind, remote_id)], _ = ModernGovLink.objects.update_or_create(
            board=self.board,
            kind=kind,
            remote_id=remote_id,
            defaults={
                "content_type": ContentType.objects.get_for_model(obj),
                "object_id": obj.pk,
                "fingerprint": fingerprint,
                "source": source.name[:500],
            },
        )


def _paper_key(item: Item, paper: Paper) -> str:
    return f"{item.id}/{paper.id}"


def _attendee_key(remote: RemoteMeeting, attendee: Attendee) -> str:
    return f"{remote.id}/{attendee.key}"[:100]


def _paper_marking(item: Item, paper: Paper) -> tuple[str, int | None] | None:
    """The paper's marking and paragraph; None for a restricted paper naming no paragraph."""
    if not paper.restricted:
        return SecurityMarking.UNRESTRICTED, None
    paragraph = paper.paragraph or (item.paragraph if item.restricted else None)
    if paragraph is None:
        return None
    return SecurityMarking.RESTRICTED, paragraph


def _paper_fingerprint(item: Item, paper: Paper) -> str:
    return digest({**dataclasses.asdict(paper), "marking": _paper_marking(item, paper)})


# Papers --------------------------------------------------------------------------------------


def _fetch_papers(remote: RemoteMeeting, board: Board, source: Source, report: ImportReport):
    """The files of the papers to add or replace, fetched before the meeting's transaction."""
    if remote.cancelled:
        return {}
    links = _Links(board, remote)
    fetched = {}
    for item in remote.items:
        for paper in item.papers:
            key = _paper_key(item, paper)
            if links.unchanged(LinkKind.DOCUMENT, key, _paper_fingerprint(item, paper)):
                continue
            if _paper_marking(item, paper) is None:
                continue  # noted when the meeting is written
            try:
                content, filename = source.paper(paper.url, paper.id, settings.DOCUMENT_MAX_BYTES)
            except ModernGovError as error:
                report.notes.append(f'Paper "{paper.title}" not imported: {error}')
                continue
            fetched[key] = (content, filename)
    return fetched


def _upload(paper: Paper, content: bytes, filename: str) -> ContentFile | None:
    if content.startswith(b"%PDF-"):
        extension = "pdf"
    else:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in PAPER_EXTENSIONS:
        return None
    name = f"{slugify(paper.title)[:80] or 'paper'}.{extension}"
    return ContentFile(content, name=name)


def _import_paper(item: Item, paper: Paper, *, row: AgendaItem, links, papers, ctx) -> None:
    key = _paper_key(item, paper)
    fingerprint = _paper_fingerprint(item, paper)
    document = links.target(LinkKind.DOCUMENT, key, Document)
    if document is not None and links.unchanged(LinkKind.DOCUMENT, key, fingerprint):
        return
    marking = _paper_marking(item, paper)
    if marking is None:
        ctx.report.notes.append(
            f'Paper "{paper.title}" (item {item.display_number}) not imported: it is '
            "restricted but names no Schedule 12A paragraph."
        )
        return
    if key not in papers:
        if not ctx.dry_run:
            return  # could not be fetched: noted then
        ctx.report.papers_added += document is None
        ctx.report.papers_replaced += document is not None
        return
    upload = _upload(paper, *papers[key])
    if upload is None:
        ctx.report.notes.append(
            f'Paper "{paper.title}" not imported: it is not a PDF, DOCX, XLSX or ODT.'
        )
        return
    try:
        validate_upload(upload)
    except ValidationError as error:
        ctx.report.notes.append(f'Paper "{paper.title}" not imported: {" ".join(error.messages)}')
        return
    added = document_add(
        item=row,
        upload=upload,
        title=paper.title,
        kind=DocumentKind.MINUTES if "minute" in paper.title.casefold() else DocumentKind.REPORT,
        security_marking=marking[0],
        schedule_12a_paragraph=marking[1],
        replaces=document,
        by=ctx.by,
    )
    links.save(LinkKind.DOCUMENT, key, added, fingerprint, ctx.source)
    ctx.report.papers_added += document is None
    ctx.report.papers_replaced += document is not None
    ctx.changed = True


# Meetings, items, attendance -----------------------------------------------------------------


@dataclasses.dataclass
class _Context:
    board: Board
    source: Source
    report: ImportReport
    by: object
    dry_run: bool
    changed: bool = False
    created: bool = False


def _import_meeting(remote: RemoteMeeting, *, papers, ctx: _Context) -> None:
    links = _Links(ctx.board, remote)
    meeting = _write_meeting(remote, links=links, ctx=ctx)
    if meeting is None:
        return
    if not meeting.is_cancelled:
        rows: dict[str, AgendaItem] = {}
        for item in remote.items:
            rows[item.id] = _write_item(item, meeting=meeting, rows=rows, links=links, ctx=ctx)
            for paper in item.papers:
                _import_paper(item, paper, row=rows[item.id], links=links, papers=papers, ctx=ctx)
        _write_attendance(remote, meeting=meeting, links=links, ctx=ctx)
    if ctx.created:
        return
    if ctx.changed:
        ctx.report.meetings_updated += 1
    else:
        ctx.report.meetings_unchanged += 1


def _write_meeting(remote: RemoteMeeting, *, links: _Links, ctx: _Context) -> Meeting | None:
    fingerprint = remote.fingerprint()
    meeting = links.target(LinkKind.MEETING, remote.id, Meeting)
    by = ctx.by
    if meeting is None:
        if Meeting.objects.filter(board=ctx.board, date=remote.date).exists():
            ctx.report.meetings_skipped += 1
            ctx.report.notes.append(
                f"{remote.date:%d/%m/%Y}: the board already has a meeting that day, not from "
                f"ModernGov; meeting {remote.id} was not imported."
            )
            return None
        meeting = meeting_create(
            board=ctx.board,
            date=remote.date,
            start_time=remote.time,
            venue=remote.location,
            by=by,
        )
        if remote.cancelled:
            meeting = meeting_cancel(meeting=meeting, reason=remote.status, by=by)
        links.save(LinkKind.MEETING, remote.id, meeting, fingerprint, ctx.source)
        ctx.report.meetings_created += 1
        ctx.created = True
        return meeting
    if links.unchanged(LinkKind.MEETING, remote.id, fingerprint):
        return meeting
    if remote.cancelled and not meeting.is_cancelled:
        meeting = meeting_cancel(meeting=meeting, reason=remote.status, by=by)
    elif meeting.is_cancelled and not remote.cancelled:
        ctx.report.notes.append(
            f"{remote.date:%d/%m/%Y}: no longer cancelled at the source, but cancelled here: "
            "left cancelled (create the meeting again if it is to happen)."
        )
    elif not meeting.is_cancelled:
        end_time = meeting.end_time
        if end_time is not None and end_time <= remote.time:
            end_time = None
        meeting = meeting_update(
            meeting=meeting,
            date=remote.date,
            start_time=remote.time,
            end_time=end_time,
            venue=remote.location,
            online=meeting.online,
            chair=meeting.chair,
            by=by,
        )
    links.save(LinkKind.MEETING, remote.id, meeting, fingerprint, ctx.source)
    ctx.changed = True
    return meeting


def _presenter(item: Item, ctx: _Context):
    if not item.presenter:
        return None
    person = person_for_name(item.presenter.split(",")[0])
    if person is None:
        ctx.report.notes.append(
            f'Item {item.display_number}: presenter "{item.presenter}" matches no one person '
            "in the register; kept as written."
        )
    return person


def _write_item(
    item: Item, *, meeting: Meeting, rows: dict[str, AgendaItem], links: _Links, ctx: _Context
) -> AgendaItem:
    fingerprint = item.fingerprint()
    row = links.target(LinkKind.ITEM, item.id, AgendaItem)
    if row is not None and links.unchanged(LinkKind.ITEM, item.id, fingerprint):
        return row
    paragraph = item.paragraph if item.restricted else None
    fields = {
        "number": item.display_number,
        "title": item.title,
        "description": item.text,
        "presenter_text": item.presenter,
        "security_marking": SecurityMarking.RESTRICTED
        if paragraph
        else SecurityMarking.UNRESTRICTED,
        "schedule_12a_paragraph": paragraph,
        "minutes": item.minutes,
        "parent": rows.get(item.parent_id) if item.parent_id else None,
    }
    person = _presenter(item, ctx)
    if row is None:
        row = agenda_item_add(
            meeting=meeting,
            kind=ItemKind.PAPER if item.papers else ItemKind.VERBAL,
            presenters=[person] if person else [],
            as_published=True,
            by=ctx.by,
            **fields,
        )
        ctx.report.items_added += 1
    else:
        changed = {name: value for name, value in fields.items() if getattr(row, name) != value}
        if changed:
            row = agenda_item_update(item=row, expected_version=None, by=ctx.by, **changed)
            ctx.report.items_updated += 1
    links.save(LinkKind.ITEM, item.id, row, fingerprint, ctx.source)
    ctx.changed = True
    return row


def _write_attendance(
    remote: RemoteMeeting, *, meeting: Meeting, links: _Links, ctx: _Context
) -> None:
    expected = 0
    for attendee in remote.attendees:
        status = ATTENDANCE.get(attendee.attendance.casefold())
        if status is None:
            expected += 1
            continue
        if not meeting.has_started:
            expected += 1
            continue
        key = _attendee_key(remote, attendee)
        fingerprint = attendee.fingerprint()
        row = links.target(LinkKind.ATTENDANCE, key, Attendance)
        if row is not None and links.unchanged(LinkKind.ATTENDANCE, key, fingerprint):
            continue
        person = person_for_name(attendee.name)
        if person is None:
            ctx.report.notes.append(
                f'{remote.date:%d/%m/%Y}: "{attendee.name}" matches no one person in the '
                "register; recorded by name."
            )
        if row is not None and row.person_id is None:
            attendance_remove(row=row, by=ctx.by)  # a guest's row is replaced, not matched
        row = attendance_record(
            meeting=meeting,
            person=person,
            name="" if person else attendee.name,
            status=status,
            capacity=_capacity(attendee.role),
            by=ctx.by,
        )
        links.save(LinkKind.ATTENDANCE, key, row, fingerprint, ctx.source)
        ctx.report.attendance_recorded += 1
        ctx.changed = True
    if expected:
        ctx.report.notes.append(
            f"{remote.date:%d/%m/%Y}: {expected} "
            f"{'attendee was' if expected == 1 else 'attendees were'} only expected, not recorded."
        )
