"""Importing a board's meetings from ModernGov, through the record's services.

`moderngov_import` reads every answer first: one that is not well-formed XML, or too large,
stops the import before anything is written. A meeting whose answer is well-formed but cannot
be used (no start time, a date that is not one) is left out and the report says why. Then each
meeting is written in a transaction of its own: the meeting (`meeting_create`,
`meeting_update`, `meeting_cancel`, `meeting_record_progress` for its agenda and minutes being
published there), its items (`agenda_item_add`, `agenda_item_update`, and for an item gone from
the source `agenda_item_delete`, or "Withdrawn" when the record must keep it), and who attended
(`attendance_record`, `attendance_remove`). Its papers follow, fetched one at a time outside
the meeting's transaction and each added in its own (`document_add`, restricted ones marked so
in the same write that stores their first byte).

Each row keeps a `ModernGovLink` to its id at the source with a digest of what the source said:
importing again writes nothing for what has not changed there, and what has changed is updated
through the same services, so its history shows it. A dry run does everything but fetch papers,
then rolls each meeting back.

Names are never guessed: an attendee or presenter is linked to a person only when the name is
plainly one person (`moderngov_people`); anyone else is recorded by name, as the attendance
record allows for a guest, and listed in the report with their role and organisation as written.
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
from cspboard.documents.services import document_add, document_remove
from cspboard.documents.validators import validate_upload
from cspboard.meetings.choices import (
    AttendanceCapacity,
    AttendanceStatus,
    ItemKind,
    MeetingStatus,
    SecurityMarking,
)
from cspboard.meetings.models import AgendaItem, Attendance, Meeting
from cspboard.meetings.services import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_update,
    attendance_record,
    attendance_remove,
    meeting_cancel,
    meeting_create,
    meeting_record_progress,
    meeting_update,
)

from .choices import LinkKind
from .models import ModernGovLink
from .moderngov import (
    Attendee,
    Committee,
    Item,
    ModernGovError,
    Paper,
    RemoteMeeting,
    UnusableMeeting,
    digest,
    parse_committees,
    parse_meeting,
    parse_meetings,
)
from .moderngov_people import AttendeeMatcher
from .sources import PAPER_EXTENSIONS, Source

Progress = Callable[[str], None]


def no_progress(message: str) -> None:
    pass


def attendance_status(written: str) -> str | None:
    """ModernGov's `attendance` as the record's status; None for "Expected" and anything else
    that does not say what happened."""
    written = " ".join(written.casefold().split())
    if "apolog" in written:  # "Apologies", "Apologies, sent substitute"
        return AttendanceStatus.APOLOGIES
    if written.startswith(("present", "attended", "in attendance", "virtual", "remote")):
        return AttendanceStatus.PRESENT
    if written.startswith(("absent", "did not attend", "not present")):
        return AttendanceStatus.ABSENT
    return None


def _capacity(role: str) -> str:
    role = role.casefold()
    if "officer" in role or "clerk" in role or "democratic services" in role:
        return AttendanceCapacity.OFFICER
    if "guest" in role or "also present" in role or "observer" in role or "attendance" in role:
        return AttendanceCapacity.GUEST
    if "presenter" in role or "speaker" in role:
        return AttendanceCapacity.PRESENTER
    return AttendanceCapacity.MEMBER


def _is_chair(role: str) -> bool:
    role = role.casefold().strip()
    return role in ("chair", "chairman", "chairwoman", "chairperson") or role.startswith(
        ("chair ", "chair,", "chair of")
    )


def _status_from(remote: RemoteMeeting) -> str:
    """Where the meeting is in the cycle, from what its answer says: minutes published, or
    minutes written but not published, once its day has come; else its agenda published or
    not. (Attendance taken marks it held.)"""
    if remote.date <= datetime.date.today():
        if remote.minutes_published:
            return MeetingStatus.MINUTES_PUBLISHED
        if any(item.minutes for item in remote.items):
            return MeetingStatus.MINUTES_DRAFTED
    if remote.agenda_published:
        return MeetingStatus.AGENDA_PUBLISHED
    return MeetingStatus.SCHEDULED


WITHDRAWN = "Withdrawn: "


@dataclasses.dataclass
class ImportReport:
    committee: Committee | None = None
    meetings_created: int = 0
    meetings_updated: int = 0
    meetings_unchanged: int = 0
    meetings_skipped: int = 0
    items_added: int = 0
    items_updated: int = 0
    items_removed: int = 0
    papers_added: int = 0
    papers_replaced: int = 0
    papers_removed: int = 0
    attendance_recorded: int = 0
    attendance_removed: int = 0
    notes: list[str] = dataclasses.field(default_factory=list)

    def summary(self, *, dry_run: bool) -> list[str]:
        verb = "Would import" if dry_run else "Imported"
        title = self.committee.title if self.committee else "?"
        return [
            f"{verb} from {title}: {self.meetings_created} meetings new, "
            f"{self.meetings_updated} changed, {self.meetings_unchanged} unchanged, "
            f"{self.meetings_skipped} skipped; {self.items_added} items added, "
            f"{self.items_updated} changed, {self.items_removed} removed or withdrawn; "
            f"{self.papers_added} papers added, {self.papers_replaced} replaced, "
            f"{self.papers_removed} removed; {self.attendance_recorded} attendance rows, "
            f"{self.attendance_removed} removed.",
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
    listed, problems = parse_meetings(
        source.meetings(committee.id, date_from, date_to), f"GetMeetings {committee.id}"
    )
    report.meetings_skipped += len(problems)
    report.notes += problems
    stubs = [
        stub
        for stub in listed
        if (date_from is None or stub.date >= date_from)
        and (date_to is None or stub.date <= date_to)
    ]
    progress(f"{committee.title}: {len(stubs)} meetings to read.")
    remotes = []
    for stub in stubs:
        try:
            remotes.append(
                parse_meeting(source.meeting(stub.id), f"GetMeeting {stub.id}", time=stub.time)
            )
        except UnusableMeeting as error:
            report.meetings_skipped += 1
            report.notes.append(f"{stub.date:%d/%m/%Y}: not imported. {error}")
    matcher = AttendeeMatcher()
    for remote in sorted(remotes, key=lambda r: (r.date, r.id)):
        counts = dataclasses.replace(report, notes=list(report.notes))
        ctx = _Context(
            board=board,
            source=source,
            report=report,
            by=by,
            dry_run=dry_run,
            matcher=matcher,
        )
        try:
            with transaction.atomic():
                _import_meeting(remote, ctx=ctx)
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
            continue
        if not dry_run:
            for job in ctx.papers:
                _import_paper(job, ctx=ctx)
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
        self.links[(kind, remote_id)] = _link(self.board, source, kind, remote_id, obj, fingerprint)


def _link(board: Board, source: Source, kind: str, remote_id: str, obj, fingerprint: str):
    """Record that `obj` is what the source calls `remote_id`, as it said `fingerprint`."""
    link, _ = ModernGovLink.objects.update_or_create(
        board=board,
        kind=kind,
        remote_id=remote_id,
        defaults={
            "content_type": ContentType.objects.get_for_model(obj),
            "object_id": obj.pk,
            "fingerprint": fingerprint,
            "source": source.name[:500],
        },
    )
    return link


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


@dataclasses.dataclass(frozen=True)
class _PaperJob:
    """A paper to fetch and add (or to replace `document_id` with), once its meeting is written."""

    item_id: int
    paper: Paper
    key: str
    fingerprint: str
    marking: tuple[str, int | None]
    document_id: int | None


def _plan_papers(item: Item, *, row: AgendaItem, links: _Links, ctx: _Context) -> None:
    """Which of the item's papers are new or changed at the source: counted for a dry run,
    queued to be fetched otherwise."""
    for paper in item.papers:
        key = _paper_key(item, paper)
        fingerprint = _paper_fingerprint(item, paper)
        document = links.target(LinkKind.DOCUMENT, key, Document)
        if document is not None and links.unchanged(LinkKind.DOCUMENT, key, fingerprint):
            continue
        marking = _paper_marking(item, paper)
        if marking is None:
            ctx.report.notes.append(
                f'Paper "{paper.title}" (item {item.display_number}) not imported: it is '
                "restricted but names no Schedule 12A paragraph."
            )
            continue
        if ctx.dry_run:
            ctx.report.papers_added += document is None
            ctx.report.papers_replaced += document is not None
            continue
        ctx.papers.append(
            _PaperJob(
                item_id=row.pk,
                paper=paper,
                key=key,
                fingerprint=fingerprint,
                marking=marking,
                document_id=document.pk if document is not None else None,
            )
        )


def _upload(paper: Paper, content: bytes, filename: str) -> ContentFile | None:
    if content.startswith(b"%PDF-"):
        extension = "pdf"
    else:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in PAPER_EXTENSIONS:
        return None
    name = f"{slugify(paper.title)[:80] or 'paper'}.{extension}"
    return ContentFile(content, name=name)


def _import_paper(job: _PaperJob, *, ctx: _Context) -> None:
    """Fetch one paper (outside any transaction: the site may be slow) and add it in a
    transaction of its own, with its marking in the same write as its file, so a restricted
    paper is members-only from its first byte. One paper is held in memory at a time."""
    paper, report = job.paper, ctx.report
    try:
        content, filename = ctx.source.paper(paper.url, paper.id, settings.DOCUMENT_MAX_BYTES)
    except ModernGovError as error:
        report.notes.append(f'Paper "{paper.title}" not imported: {error}')
        return
    upload = _upload(paper, content, filename)
    if upload is None:
        report.notes.append(
            f'Paper "{paper.title}" not imported: it is not a PDF, DOCX, XLSX or ODT.'
        )
        return
    try:
        validate_upload(upload)
        with transaction.atomic():
            item = AgendaItem.objects.get(pk=job.item_id)
            replaces = Document.objects.filter(pk=job.document_id).first()
            added = document_add(
                item=item,
                upload=upload,
                title=paper.title,
                kind=DocumentKind.MINUTES
                if "minute" in paper.title.casefold()
                else DocumentKind.REPORT,
                date=paper.published,
                security_marking=job.marking[0],
                schedule_12a_paragraph=job.marking[1],
                replaces=replaces,
                by=ctx.by,
            )
            _link(ctx.board, ctx.source, LinkKind.DOCUMENT, job.key, added, job.fingerprint)
    except ValidationError as error:
        report.notes.append(f'Paper "{paper.title}" not imported: {" ".join(error.messages)}')
        return
    report.papers_added += replaces is None
    report.papers_replaced += replaces is not None


# Meetings, items, attendance -----------------------------------------------------------------


@dataclasses.dataclass
class _Context:
    board: Board
    source: Source
    report: ImportReport
    by: object
    dry_run: bool
    matcher: AttendeeMatcher
    changed: bool = False
    created: bool = False
    # Removing an item renumbers the rest: each is then checked against its number at the source.
    renumbered: bool = False
    papers: list[_PaperJob] = dataclasses.field(default_factory=list)


def _import_meeting(remote: RemoteMeeting, *, ctx: _Context) -> None:
    links = _Links(ctx.board, remote)
    meeting = _write_meeting(remote, links=links, ctx=ctx)
    if meeting is None:
        return
    ctx.report.notes.extend(remote.left_out)
    if remote.unknown_status:
        ctx.report.notes.append(
            f'{remote.date:%d/%m/%Y}: the status "{remote.status}" is not one the import '
            "knows; the meeting was imported as taking place."
        )
    if not meeting.is_cancelled:
        _remove_gone(remote, meeting=meeting, ctx=ctx)
        rows: dict[str, AgendaItem] = {}
        for item in remote.items:
            rows[item.id] = _write_item(item, meeting=meeting, rows=rows, links=links, ctx=ctx)
            _plan_papers(item, row=rows[item.id], links=links, ctx=ctx)
        _write_attendance(remote, meeting=meeting, links=links, ctx=ctx)
        meeting.refresh_from_db()  # attendance may have marked it held, or named its chair
        _write_progress(remote, meeting=meeting, ctx=ctx)
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
                f"{remote.date:%d/%m/%Y}: the board already has a meeting that day (the record "
                f"keeps one a day); meeting {remote.id} was not imported."
            )
            return None
        # Created cancelled, not cancelled after: members are not told of a meeting called
        # off years ago (the source told them at the time).
        meeting = meeting_create(
            board=ctx.board,
            date=remote.date,
            start_time=remote.time,
            venue=remote.location,
            status=MeetingStatus.CANCELLED if remote.cancelled else _status_from(remote),
            cancelled_reason=remote.status if remote.cancelled else "",
            agenda_published_on=remote.agenda_published_on,
            by=by,
        )
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
    elif not meeting.is_cancelled and (meeting.date, meeting.start_time, meeting.venue) != (
        remote.date,
        remote.time,
        remote.location,
    ):
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


def _write_progress(remote: RemoteMeeting, *, meeting: Meeting, ctx: _Context) -> None:
    """The agenda or minutes published at the source since the last import: the meeting's
    status moves on (never back)."""
    status = _status_from(remote)
    before = (meeting.status, meeting.agenda_published_on)
    meeting = meeting_record_progress(
        meeting=meeting,
        status=status,
        agenda_published_on=remote.agenda_published_on,
        by=ctx.by,
    )
    if (meeting.status, meeting.agenda_published_on) != before:
        ctx.changed = True


def _presenter(item: Item, ctx: _Context):
    if not item.presenter:
        return None
    person = ctx.matcher.person(item.presenter.split(",")[0])
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
    if (
        row is not None
        and links.unchanged(LinkKind.ITEM, item.id, fingerprint)
        and not ctx.renumbered
    ):
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
    if row is None:
        person = _presenter(item, ctx)
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
        if "presenter_text" in changed:
            person = _presenter(item, ctx)
            changed["presenters"] = [person] if person else []
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
        status = attendance_status(attendee.attendance)
        if status is None or not meeting.has_started:
            expected += 1
            continue
        key = _attendee_key(remote, attendee)
        fingerprint = attendee.fingerprint()
        row = links.target(LinkKind.ATTENDANCE, key, Attendance)
        if row is not None and links.unchanged(LinkKind.ATTENDANCE, key, fingerprint):
            continue
        match = ctx.matcher.match(attendee)
        _note_match(remote, attendee, match, ctx)
        if row is not None and row.person_id is None:
            attendance_remove(row=row, by=ctx.by)  # a guest's row is replaced, not matched
        row = attendance_record(
            meeting=meeting,
            person=match.person,
            name="" if match.person else attendee.name,
            status=status,
            capacity=_capacity(attendee.role),
            role=attendee.role,
            organisation=match.organisation,
            organisation_name="" if match.organisation else attendee.organisation,
            by=ctx.by,
        )
        if (
            match.person is not None
            and status == AttendanceStatus.PRESENT
            and _is_chair(attendee.role)
            and meeting.chair_id is None
            and not meeting.is_cancelled
        ):
            meeting.refresh_from_db()
            meeting = meeting_update(
                meeting=meeting,
                date=meeting.date,
                start_time=meeting.start_time,
                end_time=meeting.end_time,
                venue=meeting.venue,
                online=meeting.online,
                chair=match.person,
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


def _note_match(remote: RemoteMeeting, attendee: Attendee, match, ctx: _Context) -> None:
    """What the report says of an attendee the register does not plainly know."""
    when = f"{remote.date:%d/%m/%Y}"
    written = ", ".join(part for part in (attendee.role, attendee.organisation) if part)
    if match.person is None:
        organisation = (
            f"; their organisation is {match.organisation.name} in the register"
            if match.organisation is not None
            else ""
        )
        ctx.report.notes.append(
            f'{when}: "{attendee.name}"{f" ({written})" if written else ""} matches no one '
            f"person in the register; recorded by name{organisation}."
        )
    elif match.register_organisation is not None:
        ctx.report.notes.append(
            f'{when}: "{attendee.name}" represents {match.organisation.name} at the source, '
            f"but the register has them at {match.register_organisation.name}; the register "
            "was left as it is."
        )
    elif attendee.organisation and match.organisation is None:
        ctx.report.notes.append(
            f'{when}: "{attendee.name}" represents "{attendee.organisation}", which is no '
            "organisation in the register; kept as written here."
        )


# What the source no longer lists -------------------------------------------------------------


def _remove_gone(remote: RemoteMeeting, *, meeting: Meeting, ctx: _Context) -> None:
    """Papers, items and attendance imported before but gone from the source now: removed
    through the record's services, so the history shows it. An item the record must keep (its
    agenda is published, or it has minutes or papers of its own) is marked withdrawn instead."""
    keys = {_paper_key(item, paper) for item in remote.items for paper in item.papers}
    item_ids = {item.id for item in remote.items}
    attendees = {_attendee_key(remote, a) for a in remote.attendees}
    when = f"{remote.date:%d/%m/%Y}"

    for link, document in _linked(ctx, LinkKind.DOCUMENT, Document, item__meeting=meeting):
        if link.remote_id not in keys:
            document_remove(document=document, by=ctx.by)
            link.delete()
            ctx.report.papers_removed += 1
            ctx.report.notes.append(
                f'{when}: paper "{document.title}" gone from the source: removed.'
            )
            ctx.changed = True

    gone = [
        (link, item)
        for link, item in _linked(ctx, LinkKind.ITEM, AgendaItem, meeting=meeting)
        if link.remote_id not in item_ids
    ]
    for link, item in sorted(gone, key=lambda pair: -pair[1].position):  # sub-items first
        item.refresh_from_db()
        keep = (
            meeting.agenda_is_published
            or bool(item.minutes)
            or item.documents.exists()
            or item.subitems.exists()
        )
        if not keep:
            agenda_item_delete(item=item, by=ctx.by)
            link.delete()
            ctx.renumbered = True
            ctx.report.notes.append(
                f'{when}: item {item.number} "{item.title}" gone from the source: removed.'
            )
        elif not item.title.startswith(WITHDRAWN):
            agenda_item_update(
                item=item,
                expected_version=None,
                by=ctx.by,
                title=f"{WITHDRAWN}{item.title}"[: AgendaItem._meta.get_field("title").max_length],
            )
            # Should the item come back at the source, it is written again in full.
            link.fingerprint = "withdrawn"
            link.save(update_fields=["fingerprint"])
            ctx.report.notes.append(
                f'{when}: item {item.number} "{item.title}" gone from the source: marked '
                "withdrawn (the record keeps it)."
            )
        else:
            continue
        ctx.report.items_removed += 1
        ctx.changed = True

    for link, row in _linked(ctx, LinkKind.ATTENDANCE, Attendance, meeting=meeting):
        if link.remote_id not in attendees:
            attendance_remove(row=row, by=ctx.by)
            link.delete()
            ctx.report.attendance_removed += 1
            ctx.report.notes.append(
                f'{when}: "{row.display_name}" no longer listed at the source: attendance removed.'
            )
            ctx.changed = True


def _linked(ctx: _Context, kind: str, model, **within) -> list[tuple[ModernGovLink, object]]:
    """The board's links of `kind` to rows of `model` matching `within`, with those rows."""
    rows = {row.pk: row for row in model.objects.filter(**within)}
    links = ModernGovLink.objects.filter(
        board=ctx.board,
        kind=kind,
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=list(rows),
    )
    return [(link, rows[link.object_id]) for link in links]
