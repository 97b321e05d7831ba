"""What the API serves, for one viewer: every list and detail goes through the record's own
access rule (`cspboard.meetings.permissions`, as the models' `visible_to` and
`minutes_visible_to` querysets and the meeting page's selector), never a rule of its own.

Each list selector returns a queryset with what its rows' schema reads already joined, so a
page of the list costs a fixed number of queries whatever its length."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cspboard.actions.models import ActionItem
from cspboard.boards.access import Access
from cspboard.boards.models import Board, Membership
from cspboard.documents.models import Document
from cspboard.meetings.models import AgendaItem, Decision, Meeting
from cspboard.people.models import Person
from cspboard.performance.models import Indicator
from cspboard.performance.months import first_of_month
from cspboard.performance.report import IndicatorSummary, months_with_data, performance_report

# Boards and people: public ---------------------------------------------------------------------


def boards(*, parent: str | None = None) -> QuerySet[Board]:
    found = Board.objects.select_related("parent")
    if parent:
        found = found.filter(parent__slug=parent)
    return found


def board_get(slug: str) -> Board:
    board = boards().filter(slug=slug).first()
    if board is None:
        raise Http404("No such board.")
    return board


def _current_memberships(today: datetime.date) -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.current(today).select_related("board").order_by("board", "pk"),
        to_attr="current_memberships",
    )


def people(*, today: datetime.date, board: str | None = None) -> QuerySet[Person]:
    """People holding a role on a board now: the board pages list them publicly. Only their
    public roles are served (the schema names no e-mail, log-in or note)."""
    holding = Membership.objects.current(today)
    if board:
        holding = holding.filter(board__slug=board)
    return (
        Person.objects.filter(pk__in=holding.values("person_id"))
        .select_related("organisation")
        .prefetch_related(_current_memberships(today))
    )


def person_get(slug: str, *, today: datetime.date) -> Person:
    person = people(today=today).filter(slug=slug).first()
    if person is None:
        raise Http404("No such person holds a role now.")
    return person


# Meetings and their agendas -------------------------------------------------------------------


def meetings(*, board: str | None = None) -> QuerySet[Meeting]:
    """Meetings, their dates, times and places are public (the calendars publish them all)."""
    found = Meeting.objects.select_related("board")
    if board:
        found = found.filter(board__slug=board)
    return found


def meeting_get(pk: int) -> Meeting:
    meeting = meetings().select_related("chair").filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


# What a row under an item reads of it is its id and its meeting: never its minutes' HTML.
_ITEM_TEXT = ("item__minutes", "item__description", "item__meeting__notes")


def agenda_items(
    access: Access, *, board: str | None = None, meeting: int | None = None
) -> QuerySet[AgendaItem]:
    """Items the viewer may see in full (`AgendaItem.objects.visible_to`): a withheld item is
    left out of the list for anyone not entitled to it; its number, title and legal basis are
    on the meeting's own answer, as the meeting page shows them."""
    found = AgendaItem.objects.visible_to(access).select_related("meeting", "meeting__board")
    if board:
        found = found.filter(meeting__board__slug=board)
    if meeting is not None:
        found = found.filter(meeting_id=meeting)
    return found


def minutes_readable(access: Access, item_ids: list[int]) -> set[int]:
    """Of these items, those whose minutes the viewer may read (one query)."""
    return set(
        AgendaItem.objects.minutes_visible_to(access)
        .filter(pk__in=item_ids)
        .values_list("pk", flat=True)
    )


def decisions(
    access: Access, *, board: str | None = None, meeting: int | None = None
) -> QuerySet[Decision]:
    """Decisions under items whose minutes the viewer may read (`Decision.objects.visible_to`,
    `minutes_visible_to`'s rule as a join: the method's subquery, which SQLite evaluates over
    every item for each page, was ten times slower on the benchmark's data). The tests hold the
    two to the same rows for every kind of reader."""
    found = (
        Decision.objects.visible_to(access)
        .select_related("item", "item__meeting", "item__meeting__board")
        .defer(*_ITEM_TEXT)
    )
    if board:
        found = found.filter(item__meeting__board__slug=board)
    if meeting is not None:
        found = found.filter(item__meeting_id=meeting)
    return found


def papers(
    access: Access, *, board: str | None = None, meeting: int | None = None
) -> QuerySet[Document]:
    """Papers the viewer may have (`Document.objects.visible_to`); each links to the download
    view, which checks the rule again."""
    found = (
        Document.objects.visible_to(access)
        .select_related("item", "item__meeting", "item__meeting__board")
        .defer(*_ITEM_TEXT)
    )
    if board:
        found = found.filter(item__meeting__board__slug=board)
    if meeting is not None:
        found = found.filter(item__meeting_id=meeting)
    return found


def actions(
    access: Access, *, board: str | None = None, meeting: int | None = None
) -> QuerySet[ActionItem]:
    """Actions the viewer may see (`ActionItem.objects.visible_to`): for the public, those
    raised in published minutes under an item not withheld."""
    found = (
        ActionItem.objects.visible_to(access)
        .select_related("board", "meeting", "owner_organisation")
        .prefetch_related("owners")
    )
    if board:
        found = found.filter(board__slug=board)
    if meeting is not None:
        found = found.filter(meeting_id=meeting)
    return found


# Performance ----------------------------------------------------------------------------------


def indicators(*, board: str | None = None) -> QuerySet[Indicator]:
    """Indicators are public, as the performance report is (`can_see_performance`)."""
    found = Indicator.objects.select_related("board", "subgroup")
    if board:
        found = found.filter(board__slug=board)
    return found


def indicator_get(pk: int) -> Indicator:
    indicator = indicators().filter(pk=pk).first()
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


def indicator_figures(
    indicator: Indicator, month: datetime.date | None
) -> tuple[IndicatorSummary, list[datetime.date]] | None:
    """The indicator as the public report for `month` (or the latest month with figures) shows
    it: figures, and the commentary and rating as published, never the drafts. None when the
    board has no report for that month."""
    months = months_with_data(indicator.board)
    if not months:
        return None
    month = first_of_month(month) if month else months[-1]
    if month not in months:
        return None
    report = performance_report(board=indicator.board, month=month, drafts=False)
    for section in report.sections:
        for summary in section.indicators:
            if summary.indicator.pk == indicator.pk:
                return summary, months
    return None
