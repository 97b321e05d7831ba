"""Reads for meeting pages. Every function that takes `user` applies meetings.permissions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags

from cspboard.boards.access import Access, access_for, subgroups_led_by
from cspboard.boards.choices import ACTION_LOG_ROLES, CHAIR_ROLES, Role
from cspboard.boards.models import Membership
from cspboard.documents.models import Document
from cspboard.people.models import Person

from . import contributions
from .choices import AttendanceCapacity, AttendanceStatus, MeetingStatus, ReviewAction
from .models import AgendaItem, Attendance, Decision, Declaration, Meeting, MinutesReview
from .permissions import (
    can_declare_interest,
    can_manage_meeting,
    can_review_minutes,
    can_see_agenda,
    can_see_item,
    can_see_minutes,
    can_write_subgroup_update,
    meeting_audience,
)


@dataclass
class ItemView:
    """An agenda item as one viewer may see it."""

    item: AgendaItem
    withheld: bool  # withheld from the public (on its own account or its parent's)
    redacted: bool  # withheld and this viewer is not entitled: number, title, legal basis only
    legal_basis: str
    show_minutes: bool
    documents: list[Document] = field(default_factory=list)
    children: list[ItemView] = field(default_factory=list)


@dataclass
class MeetingPage:
    meeting: Meeting
    access: Access
    show_agenda: bool
    show_minutes: bool
    chair_name: str
    contact_officer: Person | None
    items: list[ItemView]
    present: list[Attendance]
    apologies: list[Attendance]
    absent: list[Attendance]
    declarations: list[Declaration]
    is_officer: bool
    action_item_id: int | None = None
    outstanding_actions: list = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(v.item.minutes_allowed or 0 for v in _walk(self.items))

    @property
    def has_withheld_items(self) -> bool:
        return any(v.withheld for v in _walk(self.items))


def _walk(views: list[ItemView]):
    for view in views:
        yield view
        yield from _walk(view.children)


def contact_officer_on(meeting: Meeting) -> Person | None:
    """The contact officer then, not now: the 2018 pack names a different officer from 2023's."""
    officer_then = (
        Membership.objects.held_on(meeting.date)
        .filter(board=meeting.board, role=Role.CONTACT_OFFICER)
        .select_related("person")
        .order_by("-start")
        .first()
    )
    return officer_then.person if officer_then else meeting.board.contact_officer


def meeting_get(board_slug: str, date: datetime.date) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related(
            "board",
            "board__parent",
            "board__contact_officer",
            "chair",
            "minutes_approved_at__board",
        ),
        board__slug=board_slug,
        date=date,
    )


def meeting_page_for_user(user, board_slug: str, date: datetime.date) -> MeetingPage:
    """Everything the meeting page shows, already filtered for this viewer.

    A fixed number of queries whatever the number of items, attendees or papers.
    """
    return meeting_page(user, meeting_get(board_slug, date))


@dataclass(frozen=True)
class MeetingAudience:
    """Whom a meeting page's body is drawn for: viewers with the same `key` are shown the same
    body, so it is kept once for all of them (`core.cache.cached_fragment`). The class comes
    from `permissions.meeting_audience`; the rest is what the body offers one viewer to do."""

    access_class: str  # "public", "member" or "officer"
    can_review: bool  # "Approve the minutes": the chair, or an officer
    can_declare: bool  # "Declare an interest": a member with a person, before the meeting
    writes_updates_for: tuple[int, ...] = ()  # subgroups whose update they may write

    @property
    def key(self) -> str:
        writers = ",".join(str(pk) for pk in self.writes_updates_for)
        return f"{self.access_class}:r{self.can_review:d}:d{self.can_declare:d}:w{writers}"


def meeting_audience_for(
    user, meeting: Meeting, today: datetime.date | None = None
) -> MeetingAudience:
    """The viewer's audience for the meeting's page, from the rules the page applies: the
    class (`permissions.meeting_audience`), and the rules of the page's buttons and the
    subgroup updates' links (`can_review_minutes`, `can_declare_interest`,
    `can_write_subgroup_update`). No query for the public; one at most for a member."""
    access = access_for(user)
    access_class = meeting_audience(access, meeting.board_id)
    can_review = meeting.status == MeetingStatus.MINUTES_WITH_CHAIR and can_review_minutes(
        user, access, meeting
    )
    can_declare = can_declare_interest(access, meeting) and meeting.status in (
        MeetingStatus.SCHEDULED,
        MeetingStatus.AGENDA_PUBLISHED,
    )
    writers: tuple[int, ...] = ()
    today = today or timezone.localdate()
    writable = meeting.date >= today and not meeting.is_cancelled
    # Officers of the board write every subgroup's update: their class says so already.
    if writable and access.authenticated and access_class != "officer":
        led = subgroups_led_by(user, access)
        if led or access.officer_board_ids:
            from cspboard.boards.models import Board

            writers = tuple(
                subgroup.pk
                for subgroup in Board.objects.filter(parent_id=meeting.board_id).order_by("pk")
                if can_write_subgroup_update(user, access, subgroup, meeting, led)
            )
    return MeetingAudience(access_class, can_review, can_declare, writers)


def meeting_page(user, meeting: Meeting) -> MeetingPage:
    """`meeting_page_for_user` for a meeting already fetched with `meeting_get`."""
    access = access_for(user)
    show_agenda = can_see_agenda(access, meeting)
    show_minutes = show_agenda and can_see_minutes(access, meeting)

    items: list[ItemView] = []
    withheld_item_ids: set[int] = set()
    if show_agenda:
        rows = list(
            AgendaItem.objects.filter(meeting=meeting)
            .prefetch_related("presenters", "decisions")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=Document.objects.visible_to(access).order_by("position", "pk"),
                )
            )
        )
        by_parent: dict[int | None, list[AgendaItem]] = {}
        for row in rows:
            row.meeting = meeting  # avoid a query per item when permissions read it
            by_parent.setdefault(row.parent_id, []).append(row)

        def build(parent_id: int | None) -> list[ItemView]:
            views = []
            for item in by_parent.get(parent_id, []):
                full = can_see_item(access, item)
                if item.is_withheld:
                    withheld_item_ids.add(item.pk)
                views.append(
                    ItemView(
                        item=item,
                        withheld=item.is_withheld,
                        redacted=not full,
                        legal_basis=item.legal_basis,
                        show_minutes=show_minutes and full,
                        documents=list(item.documents.all()) if full else [],
                        # A redacted item shows its number, title and legal basis only: not
                        # even its sub-items' titles, as the pack's public agenda prints it.
                        children=build(item.pk) if full else [],
                    )
                )
            return views

        items = build(None)

    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "person", "person__organisation", "substitute_for"
        )
    )
    declarations = []
    if show_agenda:
        declarations = [
            d
            for d in Declaration.objects.filter(meeting=meeting).select_related("person", "item")
            if d.item_id is None
            or d.item_id not in withheld_item_ids
            or access.can_see_withheld(meeting.board_id)
        ]
    chair_name = meeting.chair.display_name if meeting.chair else ""
    contact_officer = contact_officer_on(meeting)
    # The action-log item lists the actions outstanding at the meeting, as they stood on its date.
    action_item_id, outstanding = None, []
    if show_agenda:
        action_item_id = next(
            (v.item.pk for v in _walk(items) if v.item.role in ACTION_LOG_ROLES and not v.redacted),
            None,
        )
        if action_item_id is not None:
            outstanding = contributions.action_log_as_at(access, meeting.board, meeting.date)
    return MeetingPage(
        action_item_id=action_item_id,
        outstanding_actions=outstanding,
        meeting=meeting,
        access=access,
        show_agenda=show_agenda,
        show_minutes=show_minutes,
        chair_name=chair_name,
        contact_officer=contact_officer,
        items=items,
        present=[a for a in attendance if a.status == AttendanceStatus.PRESENT],
        apologies=[a for a in attendance if a.status == AttendanceStatus.APOLOGIES],
        absent=[a for a in attendance if a.status == AttendanceStatus.ABSENT],
        declarations=declarations,
        is_officer=access.is_officer(meeting.board_id),
    )


def meetings_upcoming(today: datetime.date, limit: int = 10) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(date__gte=today)
        .select_related("board")
        .order_by("date", "start_time")[:limit]
    )


def meetings_recent(today: datetime.date, limit: int = 10) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(date__lt=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("board")
        .order_by("-date", "-start_time")[:limit]
    )


def item_for_officer(user, item_id: int) -> AgendaItem:
    """An item, for someone about to change it: 404 unless they are an officer of its board."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=item_id)
    if not access_for(user).is_officer(item.meeting.board_id):
        raise Http404
    return item


# Capacities shown on the meeting page beside a person's name.
CAPACITY_NOTES = {
    AttendanceCapacity.NOTE_TAKER: "note taker",
    AttendanceCapacity.GUEST: "guest",
    AttendanceCapacity.PRESENTER: "presenter",
    AttendanceCapacity.OFFICER: "officer",
}


# The officer's and chair's pages ----------------------------------------------------------------


def _meeting_or_404(board_slug: str, date: datetime.date) -> Meeting:
    return meeting_get(board_slug, date)


def meeting_for_officer(user, board_slug: str, date: datetime.date) -> Meeting:
    """The meeting, for someone about to run it: 404 unless they are an officer of its board."""
    meeting = _meeting_or_404(board_slug, date)
    if not can_manage_meeting(access_for(user), meeting):
        raise Http404
    return meeting


def meeting_for_chair(user, board_slug: str, date: datetime.date) -> Meeting:
    meeting = _meeting_or_404(board_slug, date)
    if not can_review_minutes(user, access_for(user), meeting):
        raise Http404
    return meeting


def meeting_for_member(user, board_slug: str, date: datetime.date) -> Meeting:
    meeting = _meeting_or_404(board_slug, date)
    if not can_declare_interest(access_for(user), meeting):
        raise Http404
    return meeting


def declarable_items(user, meeting: Meeting):
    """The meeting's items a member may declare an interest in: those they may see (none while
    the agenda is unpublished, unless they are one of the board's officers)."""
    return meeting.items.visible_to(access_for(user)).order_by("position")


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """All items in order, each with `depth` set, presenters and paper counts loaded."""
    from django.db.models import Count

    rows = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("presenters")
        .annotate(document_count=Count("documents"))
        .order_by("position")
    )
    depth: dict[int, int] = {}
    siblings: dict[int | None, list[AgendaItem]] = {}
    for row in rows:
        row.meeting = meeting
        row.depth = 0 if row.parent_id is None else depth.get(row.parent_id, 0) + 1
        depth[row.pk] = row.depth
        siblings.setdefault(row.parent_id, []).append(row)
    for family in siblings.values():  # "Up" and "Down" move an item among its siblings
        for n, row in enumerate(family):
            row.can_move_up, row.can_move_down = n > 0, n < len(family) - 1
    return rows


def item_for_meeting(meeting: Meeting, item_id: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.prefetch_related("presenters"), pk=item_id, meeting=meeting
    )
    item.meeting = meeting
    return item


def board_people(board) -> QuerySet[Person]:
    """People who are or were on the board (for chair and presenter choices)."""
    return Person.objects.filter(memberships__board=board).distinct().order_by("name")


def current_members(meeting: Meeting) -> list[Person]:
    """Those expected at the meeting: its board's members on its date, in role order."""
    from cspboard.boards.choices import ROLE_ORDER, VOTING_ROLES

    rows = (
        Membership.objects.held_on(meeting.date)
        .filter(board=meeting.board, role__in=VOTING_ROLES)
        .select_related("person", "person__organisation")
    )
    people: dict[int, tuple] = {}
    for membership in rows:
        key = (ROLE_ORDER.get(membership.role, 99), membership.person.name)
        if membership.person_id not in people or key < people[membership.person_id][0]:
            people[membership.person_id] = (key, membership.person)
    return [person for _, person in sorted(people.values(), key=lambda pair: pair[0])]


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting).select_related("person", "substitute_for")
    )


def items_without_minutes(meeting: Meeting) -> list[AgendaItem]:
    """Items, in agenda order, with no minutes of their own and none from an item above them:
    a sub-item counts as minuted when its parent (at any depth) has minutes, as the seeds'
    minutes often cover "(i)", "(ii)" under the item's own text. One query."""
    rows = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    minuted: dict[int, bool] = {}
    missing = []
    for row in rows:  # a parent always comes before its sub-items
        own = bool(strip_tags(row.minutes).replace("&nbsp;", " ").strip())
        minuted[row.pk] = own or minuted.get(row.parent_id, False)
        if not minuted[row.pk]:
            row.meeting = meeting
            missing.append(row)
    return missing


def later_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(board=meeting.board, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
    )


def meetings_for_board(board) -> QuerySet[Meeting]:
    return Meeting.objects.filter(board=board).select_related("board", "chair").order_by("-date")


# The approval trail and the history -------------------------------------------------------------


def _person_of(user) -> Person | None:
    try:
        return user.person
    except ObjectDoesNotExist:
        return None


def _user_name(user) -> str:
    person = _person_of(user)
    if person is not None:
        return person.display_name
    return user.get_full_name() or user.username


def _chair_memberships(meeting: Meeting) -> list[Membership]:
    return list(
        Membership.objects.filter(board_id=meeting.board_id, role__in=CHAIR_ROLES).select_related(
            "person"
        )
    )


def _was_chair(user, meeting: Meeting, day: datetime.date, chairs: list[Membership]) -> bool:
    """Whether `user` answered for themselves as the chair: the meeting's chair, or the board's
    chair (or interim chair) on `day`."""
    person = _person_of(user)
    if person is None:
        return False
    if meeting.chair_id is not None and person.pk == meeting.chair_id:
        return True
    return any(m.person_id == person.pk and m.held_on(day) for m in chairs)


def is_chair_answering(user, meeting: Meeting, day: datetime.date | None = None) -> bool:
    """True when the chair gives their own answer on the minutes; False when an officer
    records it on the chair's behalf."""
    return _was_chair(user, meeting, day or datetime.date.today(), _chair_memberships(meeting))


# The chair's answer, in words: whose answer it is comes from comparing who entered it with
# the chair on that day.
CHAIR_ANSWERS = {
    ReviewAction.APPROVED: "Approved by the chair",
    ReviewAction.RETURNED: "Returned to the officer with comments",
}


def _describe_review(review: MinutesReview, meeting: Meeting, chairs: list[Membership]) -> str:
    who = _user_name(review.by) if review.by is not None else ""
    review.on_behalf_of_chair = False
    if review.action in CHAIR_ANSWERS:
        text = CHAIR_ANSWERS[review.action]
        if review.by is not None:
            day = timezone.localtime(review.at).date()
            if _was_chair(review.by, meeting, day, chairs):
                text += f" ({who}, the chair)"
            else:
                review.on_behalf_of_chair = True
                text += f" (recorded by {who} on behalf of the chair)"
    elif review.action == ReviewAction.SENT:
        text = "Minutes sent to the chair" + (f" by {who}" if who else "")
    elif review.action == ReviewAction.CONFIRMED:
        text = "Confirmed as correct"
        if review.confirmed_at is not None:
            text += f" at the meeting of {review.confirmed_at.date:%-d %B %Y}"
        text += f" (recorded by {who})" if who else ""
    else:
        text = "Minutes published" + (f" by {who}" if who else "")
    if review.comments:
        text += f": “{review.comments}”"
    return text


def approval_trail(meeting: Meeting) -> list[MinutesReview]:
    """The minutes' approval steps, oldest first, each with `description` in words: an
    officer's record of the chair's answer says so ("recorded by ... on behalf of the chair").
    Two queries."""
    reviews = list(
        meeting.reviews.select_related("by", "by__person", "confirmed_at").order_by("at", "pk")
    )
    chairs = _chair_memberships(meeting)
    for review in reviews:
        review.description = _describe_review(review, meeting, chairs)
    return reviews


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
    from cspboard.documents.models import Document

    records = []
    sources = [
        (Meeting.history.filter(id=meeting.pk), "Meeting"),
        (AgendaItem.history.filter(meeting_id=meeting.pk), "Agenda item"),
        (Attendance.history.filter(meeting_id=meeting.pk), "Attendance"),
        (Declaration.history.filter(meeting_id=meeting.pk), "Declaration"),
        (Decision.history.filter(item__meeting_id=meeting.pk), "Decision"),
        (Document.history.filter(item__meeting_id=meeting.pk), "Paper"),
    ]
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
        elif record.label == "Paper":
            record.description = record.title
        else:
            record.description = record.text
    return records
