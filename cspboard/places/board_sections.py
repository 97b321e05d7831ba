"""The board page's link to its places of concern, drawn into the page boards owns through
`cspboard.boards.contributions` (registered in `PlacesConfig.ready`).

The board page's body is cached once per audience, so the section counts only the places the
public may see: the same for every reader."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cspboard.boards.contributions import Section
from cspboard.boards.models import Board

from .selectors import public_place_count

TEMPLATE = "places/includes/_board_places.html"


@dataclass(frozen=True)
class BoardPlaces:
    board: Board
    count: int


def board_places_section(board: Board, memberships, *, user, today: datetime.date) -> Section:
    return Section(TEMPLATE, BoardPlaces(board=board, count=public_place_count(board)))
