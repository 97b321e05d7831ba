"""Reads for meeting pages. Every function that takes `user` applies meetings.permissions.

One module for each part: fetching meetings (`meeting`), the meeting page (`page`), the
officers' agenda (`agenda`), attendance and declarations (`attendance`), the minutes and their
approval trail (`minutes`), the meeting's history (`history`). Their public names are here, so
callers import them from `cspboard.meetings.selectors`.
"""

from .agenda import agenda_items, item_for_meeting, item_for_officer
from .attendance import attendance_rows, current_members, declarable_items
from .history import DETAIL_FIELDS, STATUS_EVENTS, STATUS_REVIEWS, meeting_history
from .meeting import (
    board_people,
    meeting_for_chair,
    meeting_for_member,
    meeting_for_officer,
    meeting_get,
    meetings_for_board,
    meetings_recent,
    meetings_upcoming,
)
from .minutes import (
    CHAIR_ANSWERS,
    approval_trail,
    is_chair_answering,
    items_without_minutes,
    later_meetings,
)
from .page import (
    CAPACITY_NOTES,
    ItemView,
    MeetingAudience,
    MeetingPage,
    contact_officer_on,
    meeting_audience_for,
    meeting_page,
    meeting_page_for_viewer,
)

__all__ = [
    "CAPACITY_NOTES",
    "CHAIR_ANSWERS",
    "DETAIL_FIELDS",
    "STATUS_EVENTS",
    "STATUS_REVIEWS",
    "ItemView",
    "MeetingAudience",
    "MeetingPage",
    "agenda_items",
    "approval_trail",
    "attendance_rows",
    "board_people",
    "contact_officer_on",
    "current_members",
    "declarable_items",
    "is_chair_answering",
    "item_for_meeting",
    "item_for_officer",
    "items_without_minutes",
    "later_meetings",
    "meeting_audience_for",
    "meeting_for_chair",
    "meeting_for_member",
    "meeting_for_officer",
    "meeting_get",
    "meeting_history",
    "meeting_page",
    "meeting_page_for_viewer",
    "meetings_for_board",
    "meetings_recent",
    "meetings_upcoming",
]
