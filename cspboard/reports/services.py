"""Writes for reports: requesting a paper, submitting it, and the subgroups' update reports.

Every function takes keyword arguments and is all or nothing; views, commands and the demo
loader call the same ones. A submitted report becomes the item's paper through
`documents.services.document_add` (the same upload checks, the same marking rules), so it is on
the meeting page and in the pack like any other paper. The item's forward-plan status follows
the request through `meetings.forward_plan.plan_item_set_status`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from cspboard.boards.models import Board
from cspboard.core.exceptions import NotAllowed
from cspboard.core.history import attribute, signed_in_user
from cspboard.documents.choices import DocumentKind
from cspboard.documents.models import Document
from cspboard.documents.services import document_add, document_remove
from cspboard.meetings.choices import PlanStatus, SecurityMarking
from cspboard.meetings.forward_plan import plan_item_set_status
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.services import check_marking
from cspboard.people.models import Person

from . import arrivals, notifications, rendering
from .choices import OPEN_STATUSES, RequestStatus, SubmissionSource
from .models import ReportRequest, ReportSettings, ReportSubmission, SubgroupUpdate
from .selectors import default_deadline, subgroup_updates_item

MAX_WORKING_DAYS = 30

# Settings ---------------------------------------------------------------------------------------


@transaction.atomic
def report_settings_save(
    *, board: Board, deadline_working_days: int, reminder_working_days: int, by=None
) -> ReportSettings:
    for name, value in (
        ("deadline_working_days", deadline_working_days),
        ("reminder_working_days", reminder_working_days),
    ):
        if not 0 <= value <= MAX_WORKING_DAYS:
            raise ValidationError(
                {name: f"Enter a number of working days from 0 to {MAX_WORKING_DAYS}."}
            )
    row, _ = ReportSettings.objects.get_or_create(board=board)
    row.deadline_working_days = deadline_working_days
    row.reminder_working_days = reminder_working_days
    row.save(update_fields=["deadline_working_days", "reminder_working_days"])
    return row


@transaction.atomic
def subgroups_reporting_set(*, board: Board, reporting: list[Board], by=None) -> None:
    """Which of the board's subgroups send it an update report to each meeting."""
    wanted = {b.pk for b in reporting}
    for subgroup in Board.objects.filter(parent=board):
        row, _ = ReportSettings.objects.get_or_create(board=subgroup)
        sends = subgroup.pk in wanted
        if row.sends_subgroup_updates != sends:
            row.sends_subgroup_updates = sends
            row.save(update_fields=["sends_subgroup_updates"])


# Requests ---------------------------------------------------------------------------------------


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _check_meeting_to_come(meeting: Meeting, today: datetime.date) -> None:
    if meeting.is_cancelled:
        raise NotAllowed("This meeting was cancelled.")
    if meeting.date < today:
        raise NotAllowed("This meeting has taken place: its papers are part of the record.")


def _require(**texts: tuple[str, str]) -> None:
    """`name=(text, message)`: a ValidationError with the message of each blank text."""
    errors = {name: message for name, (text, message) in texts.items() if not text.strip()}
    if errors:
        raise ValidationError(errors)


def _check_deadline(deadline: datetime.date, meeting: Meeting, today: datetime.date) -> None:
    if deadline < today:
        raise ValidationError({"deadline": "The deadline must be today or later."})
    if deadline >= meeting.date:
        raise ValidationError(
            {"deadline": f"The deadline must be before the meeting on {meeting.date:%-d %B %Y}."}
        )


def _set_plan_status(item: AgendaItem, status: str, by) -> None:
    if item.plan_status != status:
        plan_item_set_status(item=item, status=status, comment=item.plan_comment, by=by)


@transaction.atomic
def report_request_create(
    *,
    item: AgendaItem,
    author: Person,
    deadline: datetime.date | None = None,
    note: str = "",
    today: datetime.date | None = None,
    by=None,
) -> ReportRequest:
    """Ask `author` for the item's report by `deadline` (the board's rule unless given): the
    item's plan status becomes "report requested" and the author is e-mailed."""
    today = _today(today)
    item = AgendaItem.objects.select_for_update().select_related("meeting__board").get(pk=item.pk)
    meeting = item.meeting
    _check_meeting_to_come(meeting, today)
    if ReportRequest.objects.filter(item=item, status__in=OPEN_STATUSES).exists():
        raise NotAllowed(
            "A report has already been requested for this item: change that request instead."
        )
    deadline = deadline or default_deadline(meeting)
    _check_deadline(deadline, meeting, today)
    request = ReportRequest(
        item=item,
        author=author,
        deadline=deadline,
        note=note.strip(),
        requested_by=signed_in_user(by),
    )
    attribute(request, by)
    request.save()
    _set_plan_status(item, PlanStatus.REPORT_REQUESTED, by)
    notifications.request_sent(request)
    return request


@transaction.atomic
def report_request_change(
    *,
    request: ReportRequest,
    author: Person,
    deadline: datetime.date,
    note: str = "",
    today: datetime.date | None = None,
    by=None,
) -> ReportRequest:
    """Change who writes the report, or by when. A new author or deadline is told again."""
    today = _today(today)
    request = ReportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.REQUESTED:
        raise NotAllowed(
            "Only a request still waiting for its report can be changed."
            if request.status == RequestStatus.SUBMITTED
            else "This request was withdrawn."
        )
    meeting = request.item.meeting
    _check_meeting_to_come(meeting, today)
    if deadline != request.deadline:
        _check_deadline(deadline, meeting, today)
    request.author, request.deadline, request.note = author, deadline, note.strip()
    attribute(request, by)
    request.save(update_fields=["author", "deadline", "note"])
    notifications.request_sent(request)  # sent once per author and deadline
    return request


@transaction.atomic
def report_request_withdraw(*, request: ReportRequest, by=None) -> ReportRequest:
    """The report is no longer wanted (the item became verbal, or was dropped): the item's plan
    status goes back to "planned"."""
    request = ReportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.REQUESTED:
        raise NotAllowed(
            "The report has been submitted: it is the item's paper now. Remove the paper from "
            "the item instead."
            if request.status == RequestStatus.SUBMITTED
            else "This request was already withdrawn."
        )
    request.status = RequestStatus.WITHDRAWN
    attribute(request, by)
    request.save(update_fields=["status"])
    item = request.item
    if item.plan_status == PlanStatus.REPORT_REQUESTED:
        _set_plan_status(item, PlanStatus.PLANNED, by)
    return request


# Submitting -------------------------------------------------------------------------------------


def _filename(subject: str) -> str:
    return f"{slugify(subject)[:80] or 'report'}.pdf"


@transaction.atomic
def _submit(
    *,
    request: ReportRequest,
    upload: File,
    source: str,
    fields: dict,
    today: datetime.date,
    by,
    by_person: Person | None,
) -> ReportSubmission:
    request = (
        # Lock the request only: PostgreSQL refuses FOR UPDATE on the outer join to `document`.
        ReportRequest.objects.select_for_update(of=("self",))
        .select_related("item__meeting__board", "document")
        .get(pk=request.pk)
    )
    if request.status == RequestStatus.WITHDRAWN:
        raise NotAllowed("This request was withdrawn: the report is no longer wanted.")
    item = request.item
    _check_meeting_to_come(item.meeting, today)
    previous = request.document
    document = document_add(
        item=item,
        upload=upload,
        title=fields["subject"],
        kind=DocumentKind.REPORT,
        author=fields.get("author_text", ""),
        author_person=request.author,
        date=fields.get("report_date"),
        security_marking=fields["security_marking"],
        schedule_12a_paragraph=fields["schedule_12a_paragraph"],
        # The new version takes the old one's place among the item's papers; the old file
        # stays in the store, named by its submission.
        replaces=previous,
        by=by,
    )
    version = (request.submissions.aggregate(last=Max("version"))["last"] or 0) + 1
    submission = ReportSubmission.objects.create(
        request=request,
        version=version,
        source=source,
        document=document,
        stored_name=document.file.name,
        filename=document.filename,
        content_type=document.content_type,
        submitted_by=signed_in_user(by),
        submitted_by_person=by_person,
        **fields,
    )
    request.status = RequestStatus.SUBMITTED
    request.submitted_at = timezone.now()
    request.document = document
    attribute(request, by)
    request.save(update_fields=["status", "submitted_at", "document"])
    _set_plan_status(item, PlanStatus.REPORT_RECEIVED, by)
    arrivals.report_arrived(submission, today=today)
    return submission


def report_submit_form(
    *,
    request: ReportRequest,
    subject: str,
    purpose: str,
    overview: str = "",
    appendices: str = "",
    report_date: datetime.date | None = None,
    author_text: str = "",
    contact: str = "",
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    today: datetime.date | None = None,
    by=None,
    by_person: Person | None = None,
    render_pdf=rendering.cover_sheet_pdf,
) -> ReportSubmission:
    """Submit the report written on the board's cover sheet: rendered to PDF and put on the
    item as its paper, replacing an earlier version. Atomic: the PDF is made first, then every
    write happens in one transaction (`_submit`)."""
    _require(
        subject=(subject, "Enter the report's subject."),
        purpose=(purpose, "Say what the report is for and what the board is asked to decide."),
    )
    check_marking(security_marking, schedule_12a_paragraph)
    fields = {
        "subject": subject.strip(),
        "report_date": report_date,
        "author_text": author_text.strip(),
        "contact": contact.strip(),
        "security_marking": security_marking,
        "schedule_12a_paragraph": schedule_12a_paragraph,
        "purpose": purpose.strip(),
        "overview": overview.strip(),
        "appendices": appendices.strip(),
    }
    pdf = render_pdf(
        board_name=request.item.meeting.board.name,
        subject=fields["subject"],
        date=report_date,
        author=fields["author_text"],
        contact=fields["contact"],
        marking=security_marking,
        paragraph=schedule_12a_paragraph,
        purpose=fields["purpose"],
        overview=fields["overview"],
        appendices=fields["appendices"],
    )
    return _submit(
        request=request,
        upload=ContentFile(pdf, name=_filename(fields["subject"])),
        source=SubmissionSource.FORM,
        fields=fields,
        today=_today(today),
        by=by,
        by_person=by_person,
    )


def report_submit_upload(
    *,
    request: ReportRequest,
    upload: File,
    title: str,
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    today: datetime.date | None = None,
    by=None,
    by_person: Person | None = None,
) -> ReportSubmission:
    """Submit the report as a file (PDF, DOCX, XLSX or ODT, checked like any upload)."""
    _require(title=(title, "Enter the report's title."))
    check_marking(security_marking, schedule_12a_paragraph)
    fields = {
        "subject": title.strip(),
        "author_text": request.author.display_name,
        "security_marking": security_marking,
        "schedule_12a_paragraph": schedule_12a_paragraph,
    }
    return _submit(
        request=request,
        upload=upload,
        source=SubmissionSource.UPLOAD,
        fields=fields,
        today=_today(today),
        by=by,
        by_person=by_person,
    )


# Subgroup update reports ------------------------------------------------------------------------

TEMPLATE_FIELDS = ("brief_update", "key_challenges", "emerging_trends", "support_required")


def _update_target(meeting: Meeting, subgroup: Board, today: datetime.date) -> AgendaItem:
    if subgroup.parent_id != meeting.board_id:
        raise ValidationError(f"{subgroup.name} is not a subgroup of the {meeting.board.name}.")
    _check_meeting_to_come(meeting, today)
    item = subgroup_updates_item(meeting)
    if item is None:
        raise NotAllowed(
            "This meeting's agenda has no subgroup updates item yet: ask the board's officer "
            "to add one."
        )
    return item


def _existing_update(meeting: Meeting, subgroup: Board) -> SubgroupUpdate:
    update = (
        SubgroupUpdate.objects.select_for_update()
        .filter(meeting=meeting, subgroup=subgroup)
        .first()
    )
    return update or SubgroupUpdate(meeting=meeting, subgroup=subgroup)


def _remove_upload(update: SubgroupUpdate, by) -> None:
    if update.document_id is not None:
        document_remove(document=Document.objects.get(pk=update.document_id), by=by)
        update.document = None


def _stamp(update: SubgroupUpdate, by, by_person: Person | None) -> None:
    update.submitted_by = signed_in_user(by)
    update.submitted_by_person = by_person
    if update.pk is None:
        update.submitted_at = timezone.now()


def _save_update(update: SubgroupUpdate, item: AgendaItem, today: datetime.date, by) -> None:
    """Save it; the first time, the parent board's officers are told it has arrived."""
    first = update.pk is None
    attribute(update, by)
    update.save()
    if first:
        arrivals.update_arrived(update, item=item, today=today)


@transaction.atomic
def subgroup_update_save(
    *,
    meeting: Meeting,
    subgroup: Board,
    title: str,
    brief_update: str,
    key_challenges: str = "",
    emerging_trends: str = "",
    support_required: str = "",
    appendices: str = "",
    report_date: datetime.date | None = None,
    author_text: str = "",
    contact: str = "",
    security_marking: str = SecurityMarking.UNPROTECTED,
    schedule_12a_paragraph: int | None = None,
    today: datetime.date | None = None,
    by=None,
    by_person: Person | None = None,
) -> SubgroupUpdate:
    """Write (or rewrite) a subgroup's update to a meeting of its parent board on the board's
    template. It replaces an uploaded one; every version is kept in the history."""
    today = _today(today)
    item = _update_target(meeting, subgroup, today)
    _require(
        title=(title, "Enter the update's title."),
        brief_update=(
            brief_update,
            "Give a brief update on the subgroup's work since the last meeting.",
        ),
    )
    check_marking(security_marking, schedule_12a_paragraph)
    update = _existing_update(meeting, subgroup)
    _remove_upload(update, by)
    update.title = title.strip()
    update.report_date = report_date
    update.author_text = author_text.strip()
    update.contact = contact.strip()
    update.security_marking = security_marking
    update.schedule_12a_paragraph = schedule_12a_paragraph
    update.brief_update = brief_update.strip()
    update.key_challenges = key_challenges.strip()
    update.emerging_trends = emerging_trends.strip()
    update.support_required = support_required.strip()
    update.appendices = appendices.strip()
    _stamp(update, by, by_person)
    update.full_clean(exclude=["meeting", "subgroup"])
    _save_update(update, item, today, by)
    return update


@transaction.atomic
def subgroup_update_upload(
    *,
    meeting: Meeting,
    subgroup: Board,
    upload: File,
    title: str,
    security_marking: str = SecurityMarking.UNPROTECTED,
    schedule_12a_paragraph: int | None = None,
    today: datetime.date | None = None,
    by=None,
    by_person: Person | None = None,
) -> SubgroupUpdate:
    """A subgroup's update sent as a file: it becomes a paper of the "subgroup updates" item
    (checked like any upload), replacing the subgroup's earlier update."""
    today = _today(today)
    item = _update_target(meeting, subgroup, today)
    _require(title=(title, "Enter the update's title."))
    check_marking(security_marking, schedule_12a_paragraph)
    update = _existing_update(meeting, subgroup)
    _remove_upload(update, by)
    document = document_add(
        item=item,
        upload=upload,
        title=title.strip(),
        kind=DocumentKind.REPORT,
        author=by_person.display_name if by_person else "",
        author_person=by_person,
        date=meeting.date,
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
    )
    update.document = document
    update.title = title.strip()
    update.report_date = meeting.date
    update.security_marking = security_marking
    update.schedule_12a_paragraph = schedule_12a_paragraph
    for name in (*TEMPLATE_FIELDS, "appendices", "author_text", "contact"):
        setattr(update, name, "")
    _stamp(update, by, by_person)
    _save_update(update, item, today, by)
    return update
