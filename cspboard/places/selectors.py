"""Reads of places of concern, each through the one access rule
(`cspboard.meetings.permissions`: `Place.objects.visible_to`, `PlaceFinding.objects.visible_to`,
`ActionItem.objects.visible_to`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404

from cspboard.actions.models import ActionItem
from cspboard.boards.access import PUBLIC, Access, access_for
from cspboard.boards.models import Board
from cspboard.boards.selectors import board_get
from cspboard.meetings.permissions import can_manage_places
from cspboard.people.models import Organisation
from cspboard.performance.models import Area

from .models import Place, PlaceFinding


@dataclass(frozen=True)
class PlaceRow:
    place: Place
    latest: PlaceFinding | None  # the newest finding the viewer may see
    findings: int  # how many they may see


@dataclass(frozen=True)
class PlaceList:
    board: Board
    rows: list[PlaceRow]
    can_manage: bool


def _findings_prefetch(access: Access) -> Prefetch:
    return Prefetch(
        "findings",
        queryset=PlaceFinding.objects.visible_to(access)
        .select_related("reported_by_organisation")
        .order_by("-found_on", "-id"),
        to_attr="visible_findings",
    )


def places_visible(access: Access, board: Board):
    return Place.objects.visible_to(access).filter(board=board).select_related("board", "area")


def place_list_for_viewer(user, slug: str) -> PlaceList:
    """The board's places the viewer may see, each with the newest finding they may see: two
    queries (and the board's) however many places."""
    board = board_get(slug)
    access = access_for(user)
    places = list(places_visible(access, board).prefetch_related(_findings_prefetch(access)))
    rows = [
        PlaceRow(
            place=place,
            latest=place.visible_findings[0] if place.visible_findings else None,
            findings=len(place.visible_findings),
        )
        for place in places
    ]
    return PlaceList(board=board, rows=rows, can_manage=can_manage_places(access, board))


@dataclass(frozen=True)
class PlacePage:
    board: Board
    place: Place
    findings: list[PlaceFinding]
    actions: list[ActionItem]
    can_manage: bool


def place_get_for(access: Access, board: Board, place_slug: str) -> Place:
    place = places_visible(access, board).filter(slug=place_slug).first()
    if place is None:
        raise Http404
    return place


def place_page_for_viewer(user, slug: str, place_slug: str) -> PlacePage:
    """A place with what the viewer may see of it: findings newest first, and the linked
    actions the action log's rule lets them see. 404 for a place withheld from them."""
    board = board_get(slug)
    access = access_for(user)
    place = place_get_for(access, board, place_slug)
    findings = list(
        PlaceFinding.objects.visible_to(access)
        .filter(place=place)
        .select_related("reported_by_organisation")
        .order_by("-found_on", "-id")
    )
    actions = list(
        ActionItem.objects.visible_to(access)
        .filter(place_links__place=place)
        .select_related("board")
        .order_by("number")
    )
    return PlacePage(
        board=board,
        place=place,
        findings=findings,
        actions=actions,
        can_manage=can_manage_places(access, board),
    )


def board_for_place_officer(user, slug: str) -> Board:
    """The board, for one of its officers: 404 for anyone else."""
    board = board_get(slug)
    if not can_manage_places(access_for(user), board):
        raise Http404
    return board


def place_for_officer(user, slug: str, place_slug: str) -> Place:
    board = board_for_place_officer(user, slug)
    return place_get_for(access_for(user), board, place_slug)


def finding_for_officer(user, slug: str, place_slug: str, finding_id: int) -> PlaceFinding:
    place = place_for_officer(user, slug, place_slug)
    finding = PlaceFinding.objects.filter(place=place, pk=finding_id).first()
    if finding is None:
        raise Http404
    finding.place = place
    return finding


def area_choices(board: Board):
    """The areas a place of the board may lie in: its own, its parent board's, and those of no
    board."""
    boards = [board.pk] + ([board.parent_id] if board.parent_id else [])
    return Area.objects.filter(Q(board_id__in=boards) | Q(board__isnull=True)).order_by("name")


def organisation_choices():
    return Organisation.objects.order_by("name")


def linkable_actions(place: Place):
    """Actions on the board's log (and its subgroups') not yet linked to the place."""
    return (
        ActionItem.objects.filter(Q(board_id=place.board_id) | Q(board__parent_id=place.board_id))
        .exclude(place_links__place=place)
        .select_related("board")
        .order_by("board__name", "number")
    )


def public_place_count(board: Board) -> int:
    """The board's places the public may see (the board page's section is cached per audience,
    so it counts only what everyone may see)."""
    return Place.objects.visible_to(PUBLIC).filter(board=board).count()


@dataclass(frozen=True)
class MapPlace:
    name: str
    url: str
    latitude: float
    longitude: float
    kind: str
    latest: str  # the newest visible finding's source and date, or ""


def places_for_map(access: Access, board: Board) -> list[MapPlace]:
    """The board's places with a point, that the viewer may see, for the hotspots map and its
    table (the same list for both)."""
    places = (
        places_visible(access, board)
        .exclude(latitude__isnull=True)
        .prefetch_related(_findings_prefetch(access))
    )
    found = []
    for place in places:
        latest = place.visible_findings[0] if place.visible_findings else None
        found.append(
            MapPlace(
                name=place.name,
                url=place.get_absolute_url(),
                latitude=float(place.latitude),
                longitude=float(place.longitude),
                kind=place.get_kind_display(),
                latest=(
                    f"{latest.get_source_display()}, {latest.found_on:%-d %B %Y}" if latest else ""
                ),
            )
        )
    return found
