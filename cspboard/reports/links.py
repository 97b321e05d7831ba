"""Signed links that let a report's author submit it, and a subgroup's lead send its update to
one meeting, without an account.

Made with `cspboard.core.links`, as action links are: the link carries the request's and the
author's primary keys, signed with the site's secret key and a salt used for nothing else, and
the time it was made. It works for that request only, while that person is still its author and
it is not withdrawn, for `settings.REPORT_LINK_DAYS` days (45 unless set: a request goes out
about four weeks before the deadline, and every reminder carries a fresh link). Nothing is
stored.

A subgroup update link carries the meeting's, the subgroup's and the lead's primary keys, with
its own salt. It works, for the same number of days, while that person is a current lead of the
subgroup (`SUBGROUP_LEAD_ROLES`) and the meeting is to come, not cancelled and its agenda not
yet published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cspboard.boards.choices import SUBGROUP_LEAD_ROLES
from cspboard.boards.models import Board, Membership
from cspboard.core.links import LinkExpired, LinkInvalid, SignedLink
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import Meeting
from cspboard.people.models import Person

from .choices import OPEN_STATUSES
from .models import ReportRequest
from .selectors import SubgroupUpdatePage, subgroup_update_of, subgroup_updates_item

__all__ = [
    "LinkExpired",
    "LinkInvalid",
    "report_link_path",
    "report_link_token",
    "report_link_url",
    "request_for_link",
    "update_for_link",
    "update_link_token",
    "update_link_url",
]

LINK = SignedLink(
    salt="cspboard.reports.links.submit",
    url_name="reports:submit_link",
    days_setting="REPORT_LINK_DAYS",
    default_days=45,
)


def report_link_token(request: ReportRequest) -> str:
    return LINK.token(r=request.pk, p=request.author_id)


def report_link_path(request: ReportRequest) -> str:
    return LINK.path(r=request.pk, p=request.author_id)


def report_link_url(request: ReportRequest) -> str:
    return LINK.url(r=request.pk, p=request.author_id)


def request_for_link(token: str) -> ReportRequest:
    """The request a link was made for. Raises `LinkExpired` or `LinkInvalid` (also when that
    person is no longer its author or the request is no longer open)."""
    request_pk, person_pk = LINK.keys(token, "r", "p")
    request = (
        ReportRequest.objects.select_related(
            "item", "item__parent", "item__meeting", "item__meeting__board", "author"
        )
        .filter(pk=request_pk, author_id=person_pk, status__in=OPEN_STATUSES)
        .first()
    )
    if request is None:
        raise LinkInvalid
    return request


UPDATE_LINK = SignedLink(
    salt="cspboard.reports.links.subgroup_update",
    url_name="reports:update_link",
    days_setting="REPORT_LINK_DAYS",
    default_days=45,
)


def _update_keys(meeting: Meeting, subgroup: Board, person_id: int) -> dict[str, int]:
    return {"m": meeting.pk, "s": subgroup.pk, "p": person_id}


def update_link_token(meeting: Meeting, subgroup: Board, person_id: int) -> str:
    return UPDATE_LINK.token(**_update_keys(meeting, subgroup, person_id))


def update_link_url(meeting: Meeting, subgroup: Board, person_id: int) -> str:
    return UPDATE_LINK.url(**_update_keys(meeting, subgroup, person_id))


@dataclass
class UpdateByLink:
    """What a subgroup update link opens: the page to write that one update, and its lead."""

    page: SubgroupUpdatePage
    lead: Person


def update_for_link(token: str, today: datetime.date) -> UpdateByLink:
    """The update a lead's link was made for. Raises `LinkExpired` or `LinkInvalid` (also when
    that person no longer leads the subgroup, or the meeting is no longer open for updates)."""
    meeting_pk, subgroup_pk, person_pk = UPDATE_LINK.keys(token, "m", "s", "p")
    meeting = (
        Meeting.objects.select_related("board")
        .filter(pk=meeting_pk, status=MeetingStatus.SCHEDULED, date__gte=today)
        .first()
    )
    subgroup = Board.objects.filter(pk=subgroup_pk).first()
    if meeting is None or subgroup is None or subgroup.parent_id != meeting.board_id:
        raise LinkInvalid
    lead = (
        Membership.objects.current(today)
        .filter(board=subgroup, person_id=person_pk, role__in=SUBGROUP_LEAD_ROLES)
        .select_related("person")
        .first()
    )
    item = subgroup_updates_item(meeting)
    if lead is None or item is None:
        raise LinkInvalid
    update = subgroup_update_of(meeting, subgroup)
    page = SubgroupUpdatePage(meeting, subgroup, item, update, withheld=False, can_write=True)
    return UpdateByLink(page=page, lead=lead.person)
