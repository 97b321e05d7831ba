"""Reads for the minutes: what is not yet minuted, where they may be confirmed, and the
approval trail in words (whose answer each step was)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import strip_tags

from cspboard.boards.choices import CHAIR_ROLES
from cspboard.boards.models import Membership
from cspboard.people.models import Person

from ..choices import MeetingStatus, ReviewAction
from ..models import AgendaItem, Meeting, MinutesReview


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
