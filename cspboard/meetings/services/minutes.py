"""Writes after the meeting: each item's minutes and decisions, and the minutes' approval cycle
(sent to the chair, approved or returned, confirmed at a later meeting, published)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from cspboard.boards.choices import MINUTES_ROLES
from cspboard.core.exceptions import EditConflict, NotAllowed
from cspboard.core.history import attribute
from cspboard.core.sanitise import sanitise_html

from .. import notifications, signals
from ..choices import (
    DecisionKind,
    MeetingStatus,
    ReviewAction,
)
from ..models import AgendaItem, Decision, Meeting, MinutesReview
from .meeting import _check_started


@transaction.atomic
def item_minutes_set(
    *, item: AgendaItem, minutes: str, expected_version: int | None = None, by=None
) -> AgendaItem:
    """Store an item's minutes (script and unknown markup removed). Refused, with the saved
    text returned, if someone else saved the item since `expected_version`."""
    current = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(
            "Someone else saved these minutes since you opened them. Both versions are shown "
            "below: copy what you need into the current version and save again.",
            current=current,
            current_version=current.version,
        )
    meeting = current.meeting
    _check_started(meeting)
    if meeting.status in (MeetingStatus.MINUTES_WITH_CHAIR, MeetingStatus.MINUTES_PUBLISHED):
        raise NotAllowed(
            "The minutes are with the chair or published: they cannot be changed now."
            if meeting.status == MeetingStatus.MINUTES_WITH_CHAIR
            else "The minutes are published: they cannot be changed."
        )
    current.minutes = sanitise_html(minutes)
    current.version += 1
    attribute(current, by)
    current.save(update_fields=["minutes", "version"])
    # Each ACTION line becomes a proposal for the officer to confirm (once per line, ever).
    signals.item_minutes_saved.send(sender=AgendaItem, item=current, by=by)
    if meeting.status in (
        MeetingStatus.SCHEDULED,
        MeetingStatus.AGENDA_PUBLISHED,
        MeetingStatus.HELD,
        MeetingStatus.MINUTES_APPROVED,
    ):
        # Editing approved minutes sends them back to draft: the chair approves what is kept.
        meeting.status = MeetingStatus.MINUTES_DRAFTED
        attribute(meeting, by)
        meeting.save(update_fields=["status"])
    return current


@transaction.atomic
def item_minutes_restore(*, item: AgendaItem, history_id: int, by=None) -> AgendaItem:
    """Bring back an earlier version of an item's minutes from the audit history."""
    old = item.history.get(history_id=history_id)
    return item_minutes_set(item=item, minutes=old.minutes, by=by)


@transaction.atomic
def decision_add(
    *, item: AgendaItem, text: str, kind: str = DecisionKind.DECISION, by=None
) -> Decision:
    _check_started(item.meeting)
    if not text.strip():
        raise ValidationError({"text": "Enter the decision."})
    position = (item.decisions.aggregate(last=Max("position"))["last"] or 0) + 1
    decision = Decision(item=item, text=text.strip(), kind=kind, position=position)
    attribute(decision, by)
    decision.save()
    return decision


@transaction.atomic
def decision_remove(*, decision: Decision, by=None) -> None:
    attribute(decision, by)
    decision.delete()


# After the meeting ------------------------------------------------------------------------------


def _review(meeting, action, by, comments="", confirmed_at=None) -> MinutesReview:
    return MinutesReview.objects.create(
        meeting=meeting,
        action=action,
        comments=comments.strip(),
        by=by if getattr(by, "is_authenticated", False) else None,
        confirmed_at=confirmed_at,
    )


def _set_status(meeting: Meeting, status: str, by) -> None:
    meeting.status = status
    attribute(meeting, by)
    meeting.save(update_fields=["status"])


@transaction.atomic
def minutes_send_to_chair(*, meeting: Meeting, by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_DRAFTED:
        raise NotAllowed("Only draft minutes can be sent to the chair.")
    _set_status(meeting, MeetingStatus.MINUTES_WITH_CHAIR, by)
    _review(meeting, ReviewAction.SENT, by)
    to = notifications.recipients("minutes_sent", meeting)
    notifications.minutes_sent_to_chair(meeting, to)
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, comments: str = "", by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_WITH_CHAIR:
        raise NotAllowed("These minutes are not waiting for the chair's approval.")
    _set_status(meeting, MeetingStatus.MINUTES_APPROVED, by)
    _review(meeting, ReviewAction.APPROVED, by, comments)
    to = notifications.recipients("minutes_reviewed", meeting)
    notifications.minutes_reviewed(meeting, approved=True, to=to)
    return meeting


@transaction.atomic
def minutes_return(*, meeting: Meeting, comments: str, by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_WITH_CHAIR:
        raise NotAllowed("These minutes are not waiting for the chair's approval.")
    if not comments.strip():
        raise ValidationError({"comments": "Say what needs changing."})
    _set_status(meeting, MeetingStatus.MINUTES_DRAFTED, by)
    _review(meeting, ReviewAction.RETURNED, by, comments)
    to = notifications.recipients("minutes_reviewed", meeting)
    notifications.minutes_reviewed(meeting, approved=False, to=to)
    return meeting


@transaction.atomic
def minutes_confirm(*, meeting: Meeting, at_meeting: Meeting, by=None) -> Meeting:
    """The board confirms the minutes as correct at a later meeting; that meeting's "minutes"
    item records it as a decision."""
    if at_meeting.board_id != meeting.board_id or at_meeting.date <= meeting.date:
        raise ValidationError("Minutes are confirmed at a later meeting of the same board.")
    if meeting.status not in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED):
        raise NotAllowed("The chair approves the minutes before the board confirms them.")
    meeting.minutes_approved_at = at_meeting
    attribute(meeting, by)
    meeting.save(update_fields=["minutes_approved_at"])
    _review(meeting, ReviewAction.CONFIRMED, by, confirmed_at=at_meeting)
    item = _minutes_item(at_meeting)
    if item is not None:
        decision_add(
            item=item,
            by=by,
            kind=DecisionKind.RESOLUTION,
            text=f"The minutes of the meeting held on {meeting.date:%-d %B %Y} were confirmed "
            "as a correct record.",
        )
    return meeting


def _minutes_item(meeting: Meeting) -> AgendaItem | None:
    """The item under which the board confirms the last meeting's minutes."""
    return meeting.items.with_role(*MINUTES_ROLES).first()


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by=None) -> Meeting:
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise NotAllowed("Only minutes approved by the chair can be published.")
    _set_status(meeting, MeetingStatus.MINUTES_PUBLISHED, by)
    _review(meeting, ReviewAction.PUBLISHED, by)
    signals.minutes_published.send(sender=Meeting, meeting=meeting, by=by)
    to = notifications.recipients("minutes_published", meeting)
    notifications.minutes_published(meeting, to)
    return meeting


# Kept for callers written before the approval cycle existed (the demo loader).
def meeting_record_minutes_approval(*, meeting: Meeting, approved_at: Meeting, by=None) -> Meeting:
    if approved_at.board_id != meeting.board_id or approved_at.date <= meeting.date:
        raise ValidationError("Minutes are approved at a later meeting of the same board.")
    meeting.minutes_approved_at = approved_at
    if meeting.status not in (MeetingStatus.MINUTES_PUBLISHED,):
        meeting.status = MeetingStatus.MINUTES_APPROVED
    attribute(meeting, by)
    meeting.save(update_fields=["minutes_approved_at", "status"])
    return meeting
