"""Fetching a meeting: for the page, for its officers, its chair or a member, and the lists of
meetings (a board's, the home page's)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for
from cspboard.people.models import Person

from ..choices import MeetingStatus
from ..models import Meeting
from ..permissions import (
    can_declare_interest,
    can_manage_meeting,
    can_review_minutes,
)


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


def meeting_for_officer(user, board_slug: str, date: datetime.date) -> Meeting:
    """The meeting, for someone about to run it: 404 unless they are an officer of its board."""
    meeting = meeting_get(board_slug, date)
    if not can_manage_meeting(access_for(user), meeting):
        raise Http404
    return meeting


def meeting_for_chair(user, board_slug: str, date: datetime.date) -> Meeting:
    meeting = meeting_get(board_slug, date)
    if not can_review_minutes(user, access_for(user), meeting):
        raise Http404
    return meeting


def meeting_for_member(user, board_slug: str, date: datetime.date) -> Meeting:
    meeting = meeting_get(board_slug, date)
    if not can_declare_interest(access_for(user), meeting):
        raise Http404
    return meeting


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


def meetings_for_board(board) -> QuerySet[Meeting]:
    return Meeting.objects.filter(board=board).select_related("board", "chair").order_by("-date")


def board_people(board) -> QuerySet[Person]:
    """People who are or were on the board (for chair and presenter choices)."""
    return Person.objects.filter(memberships__board=board).distinct().order_by("name")
