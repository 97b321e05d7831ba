"""The read-only open-data API, /api/v1/ (django-ninja: decision 0014).

Every operation is a GET. It answers the public; a reader signed in to the site (their session)
gets what the site shows them (`access_for(request.user)`), which is why an answer is never
shared between readers of different access (`middleware.py`: `Cache-Control: private` for
them; validators, and answers kept, keyed by the access) and why cross-site reads are allowed
only without credentials (CORS `*`).
What each list serves is decided by `selectors.py`, on the record's access rule."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from ninja.openapi.docs import Swagger
from pydantic import BeforeValidator

from cspboard.boards.access import access_for
from cspboard.meetings.selectors import meeting_page
from cspboard.search.choices import EntryKind
from cspboard.search.query import MAX_INPUT, parse
from cspboard.search.selectors import Filters, search

from . import schemas, selectors
from .links import Links
from .ocd import ocd_event
from .pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    BadCursor,
    decode_offset,
    encode_offset,
    next_url,
    paginate,
)


class OpenDataAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Operation ids are the functions' names ("list_meetings"), for client generators."""
        return operation.view_func.__name__


api = OpenDataAPI(
    title="cspboard open data",
    version="1",
    description=(
        "The partnership boards' public record: boards, people's public roles, meetings, "
        "agenda items, decisions, papers, actions and performance indicators. Read-only. "
        "Lists are paged with an opaque `cursor` (follow `next`); answers carry `ETag` and "
        "`Last-Modified` for conditional requests."
    ),
    urls_namespace="api",
    # Swagger UI from ninja's own static files (ninja is in INSTALLED_APPS): nothing is loaded
    # from another host, and no online validator badge is asked for.
    docs=Swagger(settings={"validatorUrl": None, "supportedSubmitMethods": ["get"]}),
)


@api.exception_handler(BadCursor)
def bad_cursor(request, error):
    """A cursor this list never gave out addresses no page of it."""
    return api.create_response(request, {"detail": str(error)}, status=404)


def _iso_date(value):
    """YYYY-MM-DD only: pydantic's lax dates would take "0" as 1 January 1970."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("Give a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[datetime.date | None, BeforeValidator(_iso_date)]


Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}")
BoardFilter = Query(None, description="A board's slug")
# Ids: positive, and within every database's integer.
MAX_ID = 2**31 - 1
MeetingFilter = Query(None, ge=1, le=MAX_ID, description="A meeting's id")
CursorParam = Query(None, description="From the previous page's `next`")
SinceParam = Query(None, description="On or after this date")
UntilParam = Query(None, description="On or before this date")
MAX_SEARCH_OFFSET = 1000
MeetingId = Path(..., ge=1, le=MAX_ID)
IndicatorId = Path(..., ge=1, le=MAX_ID)
LIST_ERRORS = {404: schemas.Error, 422: schemas.ValidationErrors}
DETAIL_ERRORS = {404: schemas.Error, 422: schemas.ValidationErrors}


def _links(request) -> Links:
    """The request's addresses, made once for all its rows."""
    if not hasattr(request, "_api_links"):
        request._api_links = Links(request)
    return request._api_links


def _access(request: HttpRequest):
    return access_for(request.user)


def _page(request, queryset, *, kind, order, cursor, limit, shape) -> dict:
    page = paginate(queryset, kind=kind, order=order, cursor=cursor, limit=limit)
    return {
        "items": [shape(request, row) for row in page.rows],
        "next": next_url(request, page.next_cursor),
    }


# Shapes: a row as its schema names it ----------------------------------------------------------


def _board(request, board) -> dict:
    return {
        "slug": board.slug,
        "name": board.name,
        "parent": board.parent.slug if board.parent_id else None,
        "description": board.description,
        "url": _links(request).board(board),
    }


def _person(request, person) -> dict:
    return {
        "slug": person.slug,
        "name": person.name,
        "honorific": person.honorific,
        "post_title": person.post_title,
        "organisation": person.organisation.name if person.organisation_id else None,
        "roles": [
            {
                "board": m.board.slug,
                "board_name": m.board.name,
                "role": m.role,
                "role_label": m.get_role_display(),
                "since": m.start,
            }
            for m in person.current_memberships
        ],
        "url": _links(request).person(person),
    }


def _meeting(request, meeting) -> dict:
    return {
        "id": meeting.pk,
        "board": meeting.board.slug,
        "board_name": meeting.board.name,
        "date": meeting.date,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "venue": meeting.venue,
        "online": meeting.online,
        "status": meeting.status,
        "status_label": meeting.get_status_display(),
        "agenda_published_on": meeting.agenda_published_on,
        "cancelled_reason": meeting.cancelled_reason,
        "url": _links(request).meeting(meeting),
        "ocd_event": _links(request).event(meeting),
    }


def _item_url(request, item) -> str:
    return _links(request).item(item)


def _agenda_item(request, item, minutes_open: set[int]) -> dict:
    return {
        "id": item.pk,
        "meeting": item.meeting_id,
        "board": item.meeting.board.slug,
        "parent": item.parent_id,
        "position": item.position,
        "number": item.number,
        "title": item.title,
        "description": item.description,
        "kind": item.kind,
        "purpose": item.purpose,
        "presenter_text": item.presenter_text,
        "minutes_allowed": item.minutes_allowed,
        "withheld": item.is_withheld,
        "legal_basis": item.legal_basis if item.is_withheld else "",
        "minutes": item.minutes if item.pk in minutes_open else None,
        "url": _item_url(request, item),
    }


def _decision(request, decision) -> dict:
    return {
        "id": decision.pk,
        "item": decision.item_id,
        "meeting": decision.item.meeting_id,
        "board": decision.item.meeting.board.slug,
        "kind": decision.kind,
        "text": decision.text,
        "url": _item_url(request, decision.item),
    }


def _paper(request, paper) -> dict:
    return {
        "id": paper.pk,
        "title": paper.title,
        "kind": paper.kind,
        "date": paper.date,
        "item": paper.item_id,
        "meeting": paper.item.meeting_id,
        "board": paper.item.meeting.board.slug,
        "filename": paper.filename,
        "content_type": paper.content_type,
        "size": paper.size,
        # The download view checks the access rule again, whoever follows the link.
        "download_url": _links(request).paper(paper),
    }


def _action(request, action) -> dict:
    owners = [p.display_name for p in action.owners.all()]
    return {
        "id": action.pk,
        "board": action.board.slug,
        "number": action.number,
        "text": action.text,
        "status": action.status,
        "owners": owners,
        "lead": action.lead_text
        or (action.owner_organisation.name if action.owner_organisation_id else ""),
        "meeting": action.meeting_id,
        "item": action.item_id,
        "raised_on": action.raised_on,
        "target_date": action.target_date,
        "closed_on": action.closed_on,
        "url": _links(request).action(action),
    }


def _number(value) -> float | None:
    return None if value is None else float(value)


def _indicator(request, indicator) -> dict:
    return {
        "id": indicator.pk,
        "board": indicator.board.slug,
        "subgroup": indicator.subgroup.slug if indicator.subgroup_id else None,
        "number": indicator.number,
        "name": indicator.name,
        "slug": indicator.slug,
        "unit": indicator.unit,
        "measure": indicator.measure,
        "data_source": indicator.data_source,
        "in_development": indicator.in_development,
        "source": indicator.source,
        "definition": indicator.definition,
        "target_kind": indicator.target_kind,
        "target_value": _number(indicator.target_value),
    }


def _figures(figures) -> list[dict]:
    return [
        {"month": f"{f.month:%Y-%m}", "value": _number(f.value), "benchmark": _number(f.benchmark)}
        for f in figures
    ]


# Operations -------------------------------------------------------------------------------------


@api.get("/boards", response={200: schemas.BoardPage, **LIST_ERRORS}, tags=["boards"])
def list_boards(
    request,
    parent: str | None = Query(None, description="Subgroups of this board's slug"),
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Boards and subgroups, in slug order."""
    return _page(
        request,
        selectors.boards(parent=parent),
        kind="boards",
        order=("slug", "pk"),
        cursor=cursor,
        limit=limit,
        shape=_board,
    )


@api.get("/boards/{slug}", response={200: schemas.Board, 404: schemas.Error}, tags=["boards"])
def get_board(request, slug: str):
    return _board(request, selectors.board_get(slug))


@api.get("/people", response={200: schemas.PersonPage, **LIST_ERRORS}, tags=["people"])
def list_people(
    request, board: str | None = BoardFilter, cursor: str | None = CursorParam, limit: int = Limit
):
    """People holding a role on a board today, with those roles: nothing else about them."""
    return _page(
        request,
        selectors.people(today=timezone.localdate(), board=board),
        kind="people",
        order=("slug", "pk"),
        cursor=cursor,
        limit=limit,
        shape=_person,
    )


@api.get("/people/{slug}", response={200: schemas.Person, 404: schemas.Error}, tags=["people"])
def get_person(request, slug: str):
    return _person(request, selectors.person_get(slug, today=timezone.localdate()))


@api.get("/meetings", response={200: schemas.MeetingPage, **LIST_ERRORS}, tags=["meetings"])
def list_meetings(
    request,
    board: str | None = BoardFilter,
    since: IsoDate = SinceParam,
    until: IsoDate = UntilParam,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Every meeting (dates, times and places are public), oldest first."""
    found = selectors.meetings(board=board)
    if since is not None:
        found = found.filter(date__gte=since)
    if until is not None:
        found = found.filter(date__lte=until)
    return _page(
        request,
        found,
        kind="meetings",
        order=("date", "start_time", "pk"),
        cursor=cursor,
        limit=limit,
        shape=_meeting,
    )


@api.get(
    "/meetings/{meeting_id}",
    response={200: schemas.MeetingDetail, **DETAIL_ERRORS},
    tags=["meetings"],
)
def get_meeting(request, meeting_id: int = MeetingId):
    """A meeting with its agenda as the meeting page shows it to this reader."""
    meeting = selectors.meeting_get(meeting_id)
    page = meeting_page(request.user, meeting)
    agenda = []

    def walk(views, parent):
        for view in views:
            agenda.append(
                {
                    "id": view.item.pk,
                    "parent": parent,
                    "number": view.item.number,
                    "title": view.item.title,
                    "withheld": view.withheld,
                    "redacted": view.redacted,
                    "legal_basis": view.legal_basis if view.withheld else "",
                }
            )
            walk(view.children, view.item.pk)

    walk(page.items, None)
    return {
        **_meeting(request, meeting),
        "chair": page.chair_name or None,
        "agenda": agenda,
    }


@api.get(
    "/meetings/{meeting_id}/ocd-event",
    response={200: dict, **DETAIL_ERRORS},
    url_name="meeting_ocd_event",
    tags=["meetings"],
)
def get_meeting_ocd_event(request, meeting_id: int = MeetingId):
    """The meeting as an Open Civic Data event (pupa's event schema)."""
    return ocd_event(request, selectors.meeting_get(meeting_id))


@api.get("/agenda-items", response={200: schemas.AgendaItemPage, **LIST_ERRORS}, tags=["meetings"])
def list_agenda_items(
    request,
    board: str | None = BoardFilter,
    meeting: int | None = MeetingFilter,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Agenda items seen in full by this reader; minutes where they may read them."""
    access = _access(request)
    page = paginate(
        selectors.agenda_items(access, board=board, meeting=meeting),
        kind="items",
        order=("meeting_id", "position", "pk"),
        cursor=cursor,
        limit=limit,
    )
    minutes_open = selectors.minutes_readable(access, [item.pk for item in page.rows])
    return {
        "items": [_agenda_item(request, item, minutes_open) for item in page.rows],
        "next": next_url(request, page.next_cursor),
    }


@api.get("/decisions", response={200: schemas.DecisionPage, **LIST_ERRORS}, tags=["meetings"])
def list_decisions(
    request,
    board: str | None = BoardFilter,
    meeting: int | None = MeetingFilter,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Decisions in minutes this reader may read."""
    return _page(
        request,
        selectors.decisions(_access(request), board=board, meeting=meeting),
        kind="decisions",
        order=("pk",),
        cursor=cursor,
        limit=limit,
        shape=_decision,
    )


@api.get("/papers", response={200: schemas.PaperPage, **LIST_ERRORS}, tags=["papers"])
def list_papers(
    request,
    board: str | None = BoardFilter,
    meeting: int | None = MeetingFilter,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Papers this reader may have, each with its download link."""
    return _page(
        request,
        selectors.papers(_access(request), board=board, meeting=meeting),
        kind="papers",
        order=("pk",),
        cursor=cursor,
        limit=limit,
        shape=_paper,
    )


@api.get("/actions", response={200: schemas.ActionPage, **LIST_ERRORS}, tags=["actions"])
def list_actions(
    request,
    board: str | None = BoardFilter,
    meeting: int | None = MeetingFilter,
    cursor: str | None = CursorParam,
    limit: int = Limit,
):
    """Actions from published minutes (and, for a board's members, its whole log)."""
    return _page(
        request,
        selectors.actions(_access(request), board=board, meeting=meeting),
        kind="actions",
        order=("pk",),
        cursor=cursor,
        limit=limit,
        shape=_action,
    )


@api.get("/indicators", response={200: schemas.IndicatorPage, **LIST_ERRORS}, tags=["performance"])
def list_indicators(
    request, board: str | None = BoardFilter, cursor: str | None = CursorParam, limit: int = Limit
):
    """Performance indicators, in each board's report order."""
    return _page(
        request,
        selectors.indicators(board=board),
        kind="indicators",
        order=("board_id", "position", "pk"),
        cursor=cursor,
        limit=limit,
        shape=_indicator,
    )


@api.get(
    "/indicators/{indicator_id}/figures",
    response={200: schemas.IndicatorFigures, **DETAIL_ERRORS},
    tags=["performance"],
)
def get_indicator_figures(
    request,
    indicator_id: int = IndicatorId,
    month: str | None = Query(
        None, pattern=r"^[0-9]{4}-[0-9]{2}$", description="YYYY-MM; the latest by default"
    ),
):
    """The indicator's monthly figures as the public report for the month shows them, with
    its rating and commentary as published (never the analysts' drafts)."""
    indicator = selectors.indicator_get(indicator_id)
    chosen = None
    if month:
        try:
            chosen = datetime.date.fromisoformat(f"{month}-01")
        except ValueError as error:  # "2018-13"
            raise Http404("No report for that month.") from error
    found = selectors.indicator_figures(indicator, chosen)
    if found is None:
        raise Http404("No report for that month.")
    summary, months = found
    return {
        "indicator": _indicator(request, indicator),
        "month": f"{summary.month:%Y-%m}",
        "months": [f"{m:%Y-%m}" for m in months],
        "financial_year": summary.financial_year,
        "latest": _number(summary.latest),
        "ytd": _number(summary.ytd),
        "ytd_previous": _number(summary.ytd_previous),
        "rolling_12": _number(summary.rolling_12),
        "rating": summary.rating,
        "performance_text": summary.performance_text,
        "commentary": summary.commentary,
        "this_year": _figures(summary.this_year),
        "last_year": _figures(summary.last_year),
    }


# Search ------------------------------------------------------------------------------------------

SearchKind = Literal[tuple(kind.value for kind in EntryKind)]
SearchWords = Query(..., min_length=1, max_length=MAX_INPUT, description='Words; "a phrase"')
SearchKinds = Query(None, description="Only these kinds")
NewestFirst = Query(False, description="By date, not by best match")
SearchLimit = Query(20, ge=1, le=50, description="At most 50")


@api.get("/search", response={200: schemas.SearchPage, **LIST_ERRORS}, tags=["search"])
def search_record(
    request,
    q: str = SearchWords,
    board: str | None = BoardFilter,
    kind: list[SearchKind] | None = SearchKinds,
    since: IsoDate = SinceParam,
    until: IsoDate = UntilParam,
    newest_first: bool = NewestFirst,
    cursor: str | None = CursorParam,
    limit: int = SearchLimit,
):
    """The search page's search, as the same reader: what they may find, best match first.
    A word found only in material withheld from the reader gives no result and no count."""
    query = parse(q)
    offset = decode_offset("search", cursor)
    if offset > MAX_SEARCH_OFFSET:
        raise BadCursor("Refine the search: results past the first 1,000 are not listed.")
    filters = Filters(
        board=selectors.board_get(board) if board else None,
        kinds=tuple(kind or ()),
        date_from=since,
        date_to=until,
        by_date=newest_first,
    )
    found = search(_access(request), query, filters, offset=offset, per_page=limit)
    links = _links(request)
    following = offset + len(found.results)
    return {
        "total": found.total,
        "items": [
            {
                "kind": r.entry.kind,
                "kind_label": r.entry.get_kind_display(),
                "title": r.entry.title,
                "highlight": str(r.snippet or r.title),
                "board": r.entry.board.slug if r.entry.board_id else None,
                "date": r.entry.date,
                "url": links.absolute(r.url),
            }
            for r in found.results
        ],
        "next": next_url(request, encode_offset("search", following))
        if following < found.total and found.results
        else None,
    }
