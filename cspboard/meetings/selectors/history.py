"""A meeting's history: every change to it and its rows, newest first, described in words."""

from __future__ import annotations

from cspboard.people.models import Person

from .. import contributions
from ..choices import MeetingStatus, ReviewAction
from ..models import AgendaItem, Attendance, Decision, Declaration, Meeting, MinutesReview
from .minutes import CHAIR_ANSWERS, approval_trail


class _ReviewRecord:
    """A MinutesReview row dressed as a history record, for the meeting's history table."""

    label = "Minutes"
    change = "Changed"

    def __init__(self, review: MinutesReview):
        self.review = review
        self.history_date = review.at
        self.history_user = review.by
        self.description = review.description


# What a change of the meeting's status means, in the board's words.
STATUS_EVENTS = {
    MeetingStatus.SCHEDULED: "Back to scheduled",
    MeetingStatus.AGENDA_PUBLISHED: "Agenda published",
    MeetingStatus.HELD: "Meeting held: attendance recorded",
    MeetingStatus.MINUTES_DRAFTED: "Minutes drafted",
    MeetingStatus.MINUTES_WITH_CHAIR: "Minutes sent to the chair",
    MeetingStatus.MINUTES_APPROVED: "Approved by the chair",
    MeetingStatus.MINUTES_PUBLISHED: "Minutes published",
    MeetingStatus.CANCELLED: "Meeting cancelled",
}
# The review step that records the same event as a change of status.
STATUS_REVIEWS = {
    MeetingStatus.MINUTES_WITH_CHAIR: ReviewAction.SENT,
    MeetingStatus.MINUTES_APPROVED: ReviewAction.APPROVED,
    MeetingStatus.MINUTES_PUBLISHED: ReviewAction.PUBLISHED,
}
DETAIL_FIELDS = {
    "date": "date",
    "start_time": "start time",
    "end_time": "end time",
    "venue": "venue",
    "online": "online",
    "chair_id": "chair",
    "notes": "notes",
}


def _describe_meeting_change(record, previous) -> tuple[str, str | None]:
    """Words for one historical version of the meeting, and the review step (if any) that
    records the same event."""
    if record.history_type == "+":
        return "Meeting created", None
    if record.history_type == "-":
        return "Meeting deleted", None
    if previous is None:
        return "Meeting saved (its earlier versions are beyond this list)", None
    events, review = [], None
    if record.status != previous.status:
        if (
            record.status == MeetingStatus.MINUTES_DRAFTED
            and previous.status == MeetingStatus.MINUTES_WITH_CHAIR
        ):
            events.append(CHAIR_ANSWERS[ReviewAction.RETURNED])
            review = ReviewAction.RETURNED
        elif (
            record.status == MeetingStatus.MINUTES_DRAFTED
            and previous.status == MeetingStatus.MINUTES_APPROVED
        ):
            events.append("Approved minutes changed: back to draft for the chair's approval")
        elif record.status == MeetingStatus.CANCELLED and record.cancelled_reason:
            events.append(f"Meeting cancelled: {record.cancelled_reason}")
        else:
            events.append(STATUS_EVENTS.get(record.status, record.status))
            review = STATUS_REVIEWS.get(record.status)
    if record.minutes_approved_at_id != previous.minutes_approved_at_id:
        events.append("Minutes confirmed as correct at a later meeting")
        review = review or ReviewAction.CONFIRMED
    if record.no_declarations != previous.no_declarations:
        events.append(
            "No declarations of interest recorded"
            if record.no_declarations
            else "Declarations of interest recorded"
        )
    details = [
        words
        for field_name, words in DETAIL_FIELDS.items()
        if getattr(record, field_name) != getattr(previous, field_name)
    ]
    if details:
        events.append("Details changed: " + ", ".join(details))
    if record.agenda_published_on != previous.agenda_published_on and not events:
        events.append("Agenda publication date changed")
    return "; ".join(events) or "Meeting saved, nothing changed", review


def meeting_history(meeting: Meeting, limit: int = 200) -> list:
    """The audit trail of a meeting, its items, attendance, decisions, papers and the minutes'
    approval, newest first, each described in words. A fixed number of queries."""
    records = []
    sources = [
        (Meeting.history.filter(id=meeting.pk), "Meeting"),
        (AgendaItem.history.filter(meeting_id=meeting.pk), "Agenda item"),
        (Attendance.history.filter(meeting_id=meeting.pk), "Attendance"),
        (Declaration.history.filter(meeting_id=meeting.pk), "Declaration"),
        (Decision.history.filter(item__meeting_id=meeting.pk), "Decision"),
    ]
    # The rows of the apps above the record (the papers), each with its label.
    sources += [(source.records(meeting.pk), source.label) for source in contributions.histories()]
    describe = {source.label: source.describe for source in contributions.histories()}
    for queryset, label in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            record.label = label
            record.change = record.get_history_type_display()
            records.append(record)

    # The meeting's own versions: each compared with the one before it. A change of status
    # that a review step also records (sent, approved, returned, published, confirmed) is
    # shown once, as the review, which says whose answer it was and the chair's comments.
    reviews = approval_trail(meeting)[-limit:]
    unmatched = list(reviews)
    versions = sorted(
        (r for r in records if r.label == "Meeting"), key=lambda r: (r.history_date, r.pk)
    )
    duplicates = set()
    previous = None
    for record in versions:
        record.description, action = _describe_meeting_change(record, previous)
        previous = record
        if action is None:
            continue
        match = next(
            (
                review
                for review in unmatched
                if review.action == action
                and abs((review.at - record.history_date).total_seconds()) <= 60
            ),
            None,
        )
        if match is not None:
            unmatched.remove(match)
            duplicates.add(record.pk)
    records = [r for r in records if not (r.label == "Meeting" and r.pk in duplicates)]
    records.extend(_ReviewRecord(review) for review in reviews)

    records.sort(key=lambda r: r.history_date, reverse=True)
    records = records[:limit]
    # Describe each change from its own fields: one query for the people named, not one a row.
    person_ids = {getattr(r, "person_id", None) for r in records} - {None}
    names = {p.pk: p.display_name for p in Person.objects.filter(pk__in=person_ids)}
    for record in records:
        if record.label in ("Meeting", "Minutes"):
            pass  # described above
        elif record.label == "Agenda item":
            record.description = f"{record.number} {record.title}"
        elif record.label in ("Attendance", "Declaration"):
            who = names.get(record.person_id) or getattr(record, "name", "") or "someone"
            extra = f" ({record.status})" if record.label == "Attendance" else f": {record.text}"
            record.description = who + extra
        elif record.label in describe:
            record.description = describe[record.label](record)
        else:
            record.description = record.text
    return records
